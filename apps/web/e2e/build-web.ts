import { fileURLToPath } from "node:url";
import { build } from "vite";

/** Builds the production web app once, before any end-to-end file runs. */
export default async function buildWeb() {
  await build({
    configFile: fileURLToPath(new URL("../vite.config.ts", import.meta.url)),
    logLevel: "warn",
  });
}
