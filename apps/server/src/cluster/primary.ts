import cluster, { type Worker } from "node:cluster";
import type { CommandExecutor } from "@boxoffice/api/commands";
import { serveCommands } from "@boxoffice/api/remote-commands";
import type { Database } from "@boxoffice/db";
import type { Env } from "../env.ts";
import type { Logger } from "../logger.ts";
import { isClusterMessage, workerIndexVariable, type ClusterMessage } from "./messages.ts";

interface Slot {
  index: number;
  worker: Worker;
  ready: boolean;
  stopServing: () => void;
}

/**
 * The cluster primary: forks WORKERS server processes on the one port (node:cluster hands
 * each connection to a worker in turn) and owns the database writer for all of them.
 *
 * Why one writer here rather than one per worker (measured in bench/RESULTS.md, "Writer
 * ownership"): SQLite has one write lock, and a commit with synchronous=FULL waits ~5 ms
 * for fsync. With a writer per worker, each worker's event loop stands still through its
 * own fsyncs and through its waits for the other worker's lock; here workers never touch
 * the lock, the primary's event loop does nothing else, and one group commit serves every
 * worker's bookings. Workers still decide certain refusals from their own read connection.
 *
 * It also relays "booking_logs grew" between workers (their change feeds read the rows
 * themselves), tracks readiness for /readyz, replaces a worker that dies, and on SIGTERM
 * lets every worker finish its requests before committing the last writes and exiting.
 */
export async function runPrimary(env: Env, logger: Logger): Promise<void> {
  const log = logger.child({ role: "primary" });
  const slots = new Map<number, Slot>();
  // prom-client and the figures load only when someone may read them.
  const metrics = env.METRICS_TOKEN
    ? (await import("./primary-metrics.ts")).primaryMetrics(() =>
        [...slots.values()].map((slot) => slot.worker),
      )
    : null;
  let database: Database | null = null;
  let stopping = false;
  let announced = false;
  let url = "";

  const broadcast = (message: ClusterMessage, except?: Worker) => {
    for (const slot of slots.values()) {
      if (slot.worker !== except && slot.worker.isConnected()) slot.worker.send(message);
    }
  };
  const shareState = () => {
    const ready = [...slots.values()].filter((slot) => slot.ready).length;
    broadcast({
      type: "boxoffice:cluster",
      state: { ready, workers: env.WORKERS, writer: database !== null, stopping },
    });
    if (!announced && database && ready === env.WORKERS) {
      announced = true;
      log.info({ url, workers: env.WORKERS }, "Boxoffice is listening");
      console.log(`\n  Boxoffice is running at ${url} (${env.WORKERS} workers)\n`);
    }
  };

  // Commands wait until the writer is open: the workers start meanwhile.
  let writerOpen: (execute: CommandExecutor) => void = () => {};
  const execute = new Promise<CommandExecutor>((resolve) => (writerOpen = resolve));

  const fork = (index: number) => {
    const worker = cluster.fork({ [workerIndexVariable]: String(index) });
    const slot: Slot = {
      index,
      worker,
      ready: false,
      stopServing: serveCommands(
        {
          send: (message) => {
            if (worker.isConnected()) worker.send(message);
          },
          onMessage(listener) {
            worker.on("message", listener);
            return () => void worker.off("message", listener);
          },
        },
        (name, input) => execute.then((run) => run(name, input)),
      ),
    };
    slots.set(index, slot);
    worker.on("message", (message: unknown) => {
      if (metrics?.handle(worker, message)) return;
      if (isClusterMessage(message, "boxoffice:feed")) broadcast(message, worker);
      if (isClusterMessage(message, "boxoffice:ready")) {
        slot.ready = true;
        url ||= message.url;
        shareState();
      }
    });
    worker.once("exit", (code, signal) => {
      slot.stopServing();
      if (slots.get(index) === slot) slots.delete(index);
      if (stopping) return;
      if (!slot.ready) {
        log.fatal({ worker: index, code, signal }, "a worker failed to start; stopping");
        void stop(1);
        return;
      }
      log.error({ worker: index, code, signal }, "a worker exited; starting another");
      fork(index);
      shareState();
    });
  };

  // Workers first: the writer's code loads and the database opens while they boot.
  for (let index = 0; index < env.WORKERS; index++) fork(index);
  if (process.env.CLUSTER_WRITER === "workers") {
    database = { close: async () => {} } as Database;
    shareState();
  } else {
    try {
      const [{ openDatabase }, { systemClock, writerExecutor }] = await Promise.all([
        import("@boxoffice/db"),
        import("@boxoffice/api/commands"),
      ]);
      const opened = await openDatabase(
        { url: env.DATABASE_URL, authToken: env.DATABASE_AUTH_TOKEN, driver: env.DATABASE_DRIVER },
        { observer: metrics?.writerObserver },
      );
      metrics?.watchWriter(() => opened.writer.queued());
      database = opened;
      writerOpen(writerExecutor(opened.writer, systemClock));
    } catch (error) {
      log.fatal({ err: error }, "could not open the database");
      await stop(1);
      return;
    }
    shareState();
  }

  async function stop(exitCode: number) {
    if (stopping) return;
    stopping = true;
    shareState();
    const force = setTimeout(() => {
      log.error("shutdown took over 15 s; exiting anyway");
      process.exit(1);
    }, 15_000);
    force.unref();
    // Each worker stops taking connections, finishes its requests (their commands still
    // commit here) and exits; then the last queued writes commit.
    const exits = [...slots.values()].map(
      (slot) =>
        new Promise<number | null>((resolve) => {
          if (slot.worker.isDead()) return resolve(slot.worker.process.exitCode);
          slot.worker.once("exit", (code) => resolve(code));
          slot.worker.process.kill("SIGTERM");
        }),
    );
    const codes = await Promise.all(exits);
    await database?.close();
    const failed = codes.some((code) => code !== 0 && code !== null);
    process.exit(exitCode || (failed ? 1 : 0));
  }

  const shutdown = (signal: string) => {
    log.info({ signal }, "shutting down: workers finish their requests");
    void stop(0);
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}
