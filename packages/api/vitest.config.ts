import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // *.test-d.ts hold type tests: vitest runs tsc over them as part of `pnpm test`.
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"] },
  },
});
