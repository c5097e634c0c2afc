/**
 * The benchmark's side of the fan-out subscribers: starts subscriber-process.ts children,
 * waits until every socket is subscribed, and gathers arrival times over IPC.
 */
import { fork, type ChildProcess } from "node:child_process";
import { closeChildren, ownChild } from "./cleanup.ts";
import { benchLibDir, cleanEnv, tsxLoader } from "./processes.ts";

export const subscribersPerProcess = 2_500;

export interface Subscribers {
  connected: number;
  failed: number;
  collect(value: number, timeoutMs: number): Promise<{ times: number[]; missing: number }>;
  close(): Promise<void>;
}

function nextMessage<T>(child: ChildProcess, type: string, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.off("message", onMessage);
      child.off("exit", onExit);
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`no "${type}" from a subscriber process within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (message: { type: string }) => {
      if (message.type !== type) return;
      done();
      resolve(message as T);
    };
    const onExit = (code: number | null) => {
      done();
      reject(new Error(`subscriber process exited with ${code}`));
    };
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
}

/** `total` subscribers to `eventId` over ceil(total / 2,500) (at least 2) child processes. */
export async function connectSubscribers(
  wsUrl: string,
  total: number,
  eventId: number,
): Promise<Subscribers> {
  const processes = Math.max(2, Math.ceil(total / subscribersPerProcess));
  const children = Array.from({ length: processes }, (_, i) => {
    const share = Math.floor(total / processes) + (i < total % processes ? 1 : 0);
    return ownChild(
      fork(`${benchLibDir}subscriber-process.ts`, [], {
        execArgv: ["--import", tsxLoader],
        env: {
          ...cleanEnv(),
          SUB_URL: wsUrl,
          SUB_COUNT: String(share),
          SUB_EVENT_ID: String(eventId),
        },
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      }),
    );
  });
  const ready = await Promise.all(
    children.map((child) =>
      nextMessage<{ connected: number; failed: number; error: string | null }>(
        child,
        "ready",
        180_000,
      ),
    ),
  );
  const failures = ready.filter((r) => r.error).map((r) => r.error);
  if (failures.length) console.warn("subscribe failures:", failures);
  return {
    connected: ready.reduce((sum, r) => sum + r.connected, 0),
    failed: ready.reduce((sum, r) => sum + r.failed, 0),
    async collect(value, timeoutMs) {
      const replies = await Promise.all(
        children.map((child) => {
          const reply = nextMessage<{ times: number[]; missing: number }>(
            child,
            "collected",
            timeoutMs + 10_000,
          );
          child.send({ type: "collect", value, timeoutMs });
          return reply;
        }),
      );
      return {
        times: replies.flatMap((r) => r.times),
        missing: replies.reduce((sum, r) => sum + r.missing, 0),
      };
    },
    close: () => closeChildren(children),
  };
}
