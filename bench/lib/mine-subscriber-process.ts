/**
 * A child process holding one WebSocket per signed-in person, each with one
 * `bookings.onMine` subscription (authenticated with tRPC's connectionParams, as non-browser
 * clients do), speaking tRPC's WebSocket protocol with `ws` directly so the client side stays
 * light. It timestamps every change on arrival with the machine-wide clock
 * (performance.timeOrigin + performance.now()) and talks to the benchmark over IPC:
 *   ← { type: "subscribe", url, people: { user, token }[] }
 *   → { type: "ready", connected, failed, error }      once every socket is subscribed
 *   ← { type: "arrivals", action }
 *   → { type: "arrivals", action, arrivals: { user, at, waitlistEntryId, bookingId }[] }
 *   ← { type: "close" }                                 close every socket and exit
 */
import WebSocket from "ws";

interface Arrival {
  user: number;
  at: number;
  action: string;
  waitlistEntryId: number | null;
  bookingId: number | null;
}

const parallel = 50;
const connectTimeoutMs = 60_000;
const now = () => performance.timeOrigin + performance.now();
const sockets: WebSocket[] = [];
const arrivals: Arrival[] = [];

const subscribe = JSON.stringify({
  id: 1,
  method: "subscription",
  params: { path: "bookings.onMine", input: {} },
});

function open(url: string, user: number, token: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${url}?connectionParams=1`, { perMessageDeflate: false });
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error("subscribe timed out"));
    }, connectTimeoutMs);
    socket.on("open", () => {
      socket.send(JSON.stringify({ method: "connectionParams", data: { token } }));
      socket.send(subscribe);
    });
    socket.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on("message", (raw) => {
      const at = now();
      const text = raw.toString();
      if (text === "PING") return socket.send("PONG");
      const message = JSON.parse(text) as {
        result?: {
          type: string;
          data?: {
            data?: { action: string; waitlistEntryId: number | null; bookingId: number | null };
          };
        };
        error?: { message: string };
      };
      if (message.error) {
        clearTimeout(timer);
        socket.terminate();
        return reject(new Error(message.error.message));
      }
      if (message.result?.type === "started") {
        clearTimeout(timer);
        sockets.push(socket);
        return resolve();
      }
      const change = message.result?.data?.data;
      if (message.result?.type !== "data" || !change) return;
      arrivals.push({ user, at, ...change });
    });
  });
}

process.on(
  "message",
  (message: {
    type: string;
    url?: string;
    people?: { user: number; token: string }[];
    action?: string;
  }) => {
    if (message.type === "close") {
      for (const socket of sockets) socket.terminate();
      process.exit(0);
    }
    if (message.type === "arrivals") {
      process.send?.({
        type: "arrivals",
        action: message.action,
        arrivals: arrivals.filter((arrival) => arrival.action === message.action),
      });
    }
    if (message.type === "subscribe" && message.url && message.people) {
      const { url, people } = message;
      void (async () => {
        let failed = 0;
        let firstError: string | null = null;
        let next = 0;
        await Promise.all(
          Array.from({ length: Math.min(parallel, people.length) }, async () => {
            while (next < people.length) {
              const person = people[next++];
              if (!person) break;
              await open(url, person.user, person.token).catch((error: Error) => {
                failed++;
                firstError ??= error.message;
              });
            }
          }),
        );
        process.send?.({ type: "ready", connected: sockets.length, failed, error: firstError });
      })();
    }
  },
);
// The benchmark went away: do not linger.
process.on("disconnect", () => process.exit(0));
