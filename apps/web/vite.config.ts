import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import solid from "vite-plugin-solid";
import { precompress } from "./scripts/precompress.ts";

/** Where `pnpm dev` forwards API calls: the server started with `pnpm dev` at the root. */
const apiTarget = "http://127.0.0.1:3000";

export default defineConfig({
  plugins: [solid(), precompress()],
  server: {
    proxy: {
      "/trpc": { target: apiTarget, ws: true },
      "/api": { target: apiTarget },
    },
  },
  build: {
    outDir: fileURLToPath(new URL("./dist", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
  },
});
