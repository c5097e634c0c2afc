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
import type WebSocket from "ws";
import { openAll, openSubscription } from "./raw-subscription.ts";

interface Arrival {
  user: number;
  at: number;
  action: string;
  waitlistEntryId: number | null;
  bookingId: number | null;
}
type MineChange = Omit<Arrival, "user" | "at">;

const parallel = 50;
const connectTimeoutMs = 60_000;
const sockets: WebSocket[] = [];
const arrivals: Arrival[] = [];

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
        const { failed, error } = await openAll(people.length, parallel, async (index) => {
          const person = people[index];
          if (!person) return;
          const socket = await openSubscription({
            url,
            path: "bookings.onMine",
            input: {},
            token: person.token,
            timeoutMs: connectTimeoutMs,
            onChange: (data, at) =>
              arrivals.push({ user: person.user, at, ...(data as MineChange) }),
          });
          sockets.push(socket);
        });
        process.send?.({ type: "ready", connected: sockets.length, failed, error });
      })();
    }
  },
);
// The benchmark went away: do not linger.
process.on("disconnect", () => process.exit(0));
