/**
 * Crash proof: a real server process takes concurrent bookings and cancels over HTTP and is
 * killed with SIGKILL at a random moment, several times, each time restarted on the same
 * file. Whatever the server acknowledged must be there afterwards, the booking invariant
 * must hold and SQLite's integrity check must pass, on both embedded drivers.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  auditDatabase,
  createLoadEvents,
  nothingAcknowledged,
  runBookingLoad,
  signInSampleAccounts,
} from "./support/booking-load.ts";
import { freePort } from "./support/free-port.ts";
import { eventually } from "./support/live-client.ts";
import { spawnServer, type ServerProcess } from "./support/spawn-server.ts";

const crashes = 4;
const dirs: string[] = [];
const running = new Set<ServerProcess>();
afterAll(async () => {
  for (const server of running) server.process.kill("SIGKILL");
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function killHard(server: ServerProcess) {
  const exited = new Promise((resolve) => server.process.once("exit", resolve));
  server.process.kill("SIGKILL");
  await exited;
  running.delete(server);
}

describe.each(["libsql", "better-sqlite3"] as const)("kill -9 under load on %s", (driver) => {
  it(`keeps every acknowledged booking and cancel through ${crashes} crashes`, async () => {
    const dir = mkdtempSync(join(tmpdir(), "boxoffice-crash-"));
    dirs.push(dir);
    const url = `file:${join(dir, "boxoffice.db")}`;
    const start = async (seed: boolean) => {
      const server = await spawnServer({
        DATABASE_URL: url,
        DATABASE_DRIVER: driver,
        PORT: String(await freePort()),
        SEED_SAMPLE_DATA: seed ? "true" : "false",
        RATE_LIMIT_BOOKINGS_PER_USER: "1000000/60",
      });
      running.add(server);
      return server;
    };

    const first = await start(true);
    const tokens = await signInSampleAccounts(first.url);
    const eventIds = await createLoadEvents(first.url, tokens[0] ?? "", 5, 1_000);
    const acknowledged = nothingAcknowledged();
    let server = first;
    for (let crash = 0; crash < crashes; crash++) {
      if (crash > 0) server = await start(false);
      const load = runBookingLoad({
        url: server.url,
        tokens,
        eventIds,
        workers: 8,
        cancelShare: 0.3,
        acknowledged,
      });
      // Some work acknowledged in every round, then the kill at a random moment after it.
      const booked = acknowledged.bookings.size + 15;
      const cancelled = acknowledged.cancelled.size + 3;
      await eventually(
        () => acknowledged.bookings.size >= booked && acknowledged.cancelled.size >= cancelled,
        "bookings and cancels before the crash",
        20_000,
      );
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 500));
      await killHard(server);
      await load.stop();
    }

    const audit = await auditDatabase(url, driver, acknowledged);
    expect(audit.integrity).toEqual(["ok"]);
    expect(audit.violations).toEqual([]);
    expect(audit.missing).toEqual([]);
  });
});
