import { defineConfig } from "vitest/config";

// argon2 hashes queue on libuv's four threads; leave room when the whole repo's tests run.
export default defineConfig({ test: { testTimeout: 30_000 } });
