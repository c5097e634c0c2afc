import { existsSync } from "node:fs";
import { readEnv, EnvError } from "./env.ts";
import { createLogger } from "./logger.ts";
import { seedSampleDataIfEmpty } from "./seed/sample-data.ts";
import { startServer } from "./server.ts";

// A .env file in the working directory fills in whatever the environment leaves unset.
if (existsSync(".env")) process.loadEnvFile(".env");

let env;
try {
  env = readEnv();
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const logger = createLogger(env.LOG_LEVEL);
const server = await startServer(env, logger);

// Zero-config first run: sample events and accounts in development, never in production.
if (env.NODE_ENV !== "production" && env.SEED_SAMPLE_DATA !== false) {
  const seeded = await seedSampleDataIfEmpty(server.services);
  if (seeded)
    logger.info({ accounts: seeded.accounts, password: seeded.password }, "seeded sample data");
}

logger.info(
  { url: server.url, database: env.DATABASE_URL, driver: env.DATABASE_DRIVER },
  "Boxoffice is listening",
);
console.log(`\n  Boxoffice is running at ${server.url}\n`);

const shutdown = (signal: string) => {
  logger.info({ signal }, "shutting down: finishing in-flight requests");
  const force = setTimeout(() => {
    logger.error("shutdown took over 10 s; exiting anyway");
    process.exit(1);
  }, 10_000);
  force.unref();
  server.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      logger.error({ err: error }, "shutdown failed");
      process.exit(1);
    },
  );
};
process.once("SIGTERM", () => shutdown("SIGTERM"));
process.once("SIGINT", () => shutdown("SIGINT"));
