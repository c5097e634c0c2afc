/**
 * tRPC subscriptions spoken over `ws` directly, for the subscriber child processes of the
 * benchmarks: a real tRPC client per socket would cost the load side more than the server.
 */
import WebSocket from "ws";

/** A clock every process on the machine shares: ms since the epoch, sub-millisecond. */
export const machineNow = () => performance.timeOrigin + performance.now();

/**
 * Opens one WebSocket with one subscription to `path` (authenticated with tRPC's
 * connectionParams when there is a `token`) and resolves with the socket once the server
 * says it started. Each change's data then goes to `onChange` with its arrival time.
 */
export function openSubscription(options: {
  url: string;
  path: string;
  input: unknown;
  token?: string;
  timeoutMs: number;
  onChange: (data: unknown, at: number) => void;
}): Promise<WebSocket> {
  const subscribe = JSON.stringify({
    id: 1,
    method: "subscription",
    params: { path: options.path, input: options.input },
  });
  return new Promise((resolve, reject) => {
    const url = options.token ? `${options.url}?connectionParams=1` : options.url;
    const socket = new WebSocket(url, { perMessageDeflate: false });
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error("subscribe timed out"));
    }, options.timeoutMs);
    socket.on("open", () => {
      if (options.token) {
        socket.send(JSON.stringify({ method: "connectionParams", data: { token: options.token } }));
      }
      socket.send(subscribe);
    });
    socket.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on("message", (raw) => {
      const at = machineNow();
      const text = raw.toString();
      if (text === "PING") return socket.send("PONG");
      const message = JSON.parse(text) as {
        result?: { type: string; data?: { data?: unknown } };
        error?: { message: string };
      };
      if (message.error) {
        clearTimeout(timer);
        socket.terminate();
        return reject(new Error(message.error.message));
      }
      if (message.result?.type === "started") {
        clearTimeout(timer);
        return resolve(socket);
      }
      const data = message.result?.data?.data;
      if (message.result?.type === "data" && data !== undefined) options.onChange(data, at);
    });
  });
}

/**
 * Opens `count` subscriptions, at most `parallel` at a time (`open(i)` opens the i-th), and
 * says how many failed and the first error.
 */
export async function openAll(
  count: number,
  parallel: number,
  open: (index: number) => Promise<unknown>,
): Promise<{ failed: number; error: string | null }> {
  let failed = 0;
  let error: string | null = null;
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, count) }, async () => {
      while (next < count) {
        await open(next++).catch((cause: Error) => {
          failed++;
          error ??= cause.message;
        });
      }
    }),
  );
  return { failed, error };
}
