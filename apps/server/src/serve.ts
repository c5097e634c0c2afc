import cluster from "node:cluster";
import { workerIndexVariable } from "./cluster/messages.ts";
import { workerLink } from "./cluster/worker-link.ts";
import type { Env } from "./env.ts";
import type { Logger } from "./logger.ts";
import { seedSampleDataIfEmpty } from "./seed/sample-data.ts";
import { startServer } from "./server.ts";

/** One serving process: the whole server (WORKERS=1), or one worker of a cluster. */
export async function serve(env: Env, logger: Logger): Promise<void> {
  const index = cluster.isWorker ? Number(process.env[workerIndexVariable] ?? 0) : null;
  const link = index === null ? undefined : workerLink(index);
  const log = index === null ? logger : logger.child({ worker: index });
  const server = await startServer(env, log, { cluster: link });

  // Zero-config first run: sample events and accounts in development, never in production.
  // In a cluster the first worker does it, before it reports ready.
  if (env.NODE_ENV !== "production" && env.SEED_SAMPLE_DATA !== false && !index) {
    const seeded = await seedSampleDataIfEmpty(server.services);
    if (seeded)
      log.info({ accounts: seeded.accounts, password: seeded.password }, "seeded sample data");
  }

  if (link) {
    link.ready(server.url);
  } else {
    logger.info(
      { url: server.url, database: env.DATABASE_URL, driver: env.DATABASE_DRIVER },
      "Boxoffice is listening",
    );
    console.log(`\n  Boxoffice is running at ${server.url}\n`);
  }

  const shutdown = (signal: string) => {
    log.info({ signal }, "shutting down: finishing in-flight requests");
    const force = setTimeout(() => {
      log.error("shutdown took over 10 s; exiting anyway");
      process.exit(1);
    }, 10_000);
    force.unref();
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
  // A worker whose primary is gone can no longer write: it stops too.
  if (link) process.once("disconnect", () => shutdown("primary gone"));
}
