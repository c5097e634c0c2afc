import { fileURLToPath } from "node:url";
import { build } from "vite";

/**
 * Builds the production web app once, before any end-to-end file runs. Vitest sets
 * NODE_ENV=test, and Vite picks packages' development builds (solid-js's dev build, with
 * its checks and warnings) unless NODE_ENV is production; the suite tests what ships.
 */
export default async function buildWeb() {
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({
      configFile: fileURLToPath(new URL("../vite.config.ts", import.meta.url)),
      logLevel: "warn",
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
