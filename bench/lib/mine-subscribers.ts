/**
 * The benchmark's side of the onMine subscribers: mine-subscriber-process.ts children, one
 * WebSocket per person, and the arrival times of their changes gathered over IPC.
 */
import { fork, type ChildProcess } from "node:child_process";
import { closeChildren, ownChild } from "./cleanup.ts";
import { benchLibDir, cleanEnv, sleep, tsxLoader } from "./processes.ts";

export interface MineArrival {
  /** The person's user id. */
  user: number;
  /** Milliseconds since the epoch (machine-wide clock). */
  at: number;
  waitlistEntryId: number | null;
  bookingId: number | null;
}

function next<T>(child: ChildProcess, type: string, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.off("message", onMessage);
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`no "${type}" from an onMine subscriber process within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (message: { type: string }) => {
      if (message.type !== type) return;
      done();
      resolve(message as T);
    };
    child.on("message", onMessage);
  });
}

/** One onMine subscription per person, over `processes` children. */
export async function subscribeMine(
  wsUrl: string,
  people: { user: number; token: string }[],
  processes = 2,
) {
  const children = Array.from({ length: processes }, () =>
    ownChild(
      fork(`${benchLibDir}mine-subscriber-process.ts`, [], {
        execArgv: ["--import", tsxLoader],
        env: cleanEnv(),
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      }),
    ),
  );
  const ready = await Promise.all(
    children.map((child, i) => {
      const reply = next<{ connected: number; failed: number; error: string | null }>(
        child,
        "ready",
        180_000,
      );
      child.send({
        type: "subscribe",
        url: wsUrl,
        people: people.filter((_, k) => k % processes === i),
      });
      return reply;
    }),
  );
  const failures = ready.filter((r) => r.error).map((r) => r.error);
  if (failures.length) console.warn("onMine subscribe failures:", failures);

  const arrivals = async (action: string) =>
    (
      await Promise.all(
        children.map((child) => {
          const reply = next<{ arrivals: MineArrival[] }>(child, "arrivals", 30_000);
          child.send({ type: "arrivals", action });
          return reply;
        }),
      )
    ).flatMap((reply) => reply.arrivals);

  return {
    connected: ready.reduce((sum, r) => sum + r.connected, 0),
    failed: ready.reduce((sum, r) => sum + r.failed, 0),
    arrivals,
    /** Polls until `count` changes of `action` have arrived, or `timeoutMs` passes. */
    async awaitArrivals(action: string, count: number, timeoutMs: number) {
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        const seen = await arrivals(action);
        if (seen.length >= count || performance.now() > deadline) return seen;
        await sleep(50);
      }
    },
    close: () => closeChildren(children),
  };
}
