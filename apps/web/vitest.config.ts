import { defineConfig } from "vitest/config";
import solid from "vite-plugin-solid";

/** `vitest run` runs both: component tests in jsdom, then the browser end-to-end suite. */
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [solid()],
        test: {
          name: "components",
          environment: "jsdom",
          include: ["src/**/*.test.{ts,tsx}"],
          setupFiles: ["./src/test-setup.ts"],
          // One copy of solid-js and the router for the app and the testing library alike.
          server: { deps: { inline: [/solid-js/, /@solidjs\//] } },
        },
      },
      {
        test: {
          name: "e2e",
          environment: "node",
          include: ["e2e/**/*.test.ts"],
          globalSetup: ["./e2e/build-web.ts"],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
