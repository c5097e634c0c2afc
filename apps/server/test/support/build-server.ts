import { buildServer } from "../../scripts/build.ts";

/**
 * Vitest global setup: the tests that spawn the server run the compiled build, as
 * production does (spawn-server.ts). Built once per test run; a watch session that changes
 * server code needs a restart for spawned servers to see it.
 */
export default async function setup() {
  await buildServer();
}
