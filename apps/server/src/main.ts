import cluster from "node:cluster";
import { existsSync } from "node:fs";
import { readEnv, EnvError } from "./env.ts";
import { createLogger } from "./logger.ts";

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
// Each role loads only its own code: a cluster primary never parses the HTTP side.
if (cluster.isPrimary && env.WORKERS > 1) {
  const { runPrimary } = await import("./cluster/primary.ts");
  await runPrimary(env, logger);
} else {
  const { serve } = await import("./serve.ts");
  await serve(env, logger);
}
