/**
 * `pnpm db:backup` while a real server process takes bookings, then `pnpm db:restore`:
 * refused while the server runs, accepted once it stopped, and a server started on the
 * restored file serves every booking acknowledged before the backup began.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
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
import { clientFor } from "./support/trpc-http.ts";

const serverDir = fileURLToPath(new URL("..", import.meta.url));

/**
 * Runs one of the operator scripts the way `pnpm db:…` does. The database comes from the
 * environment given here, which a .env file would not override.
 */
function runScript(name: "backup" | "restore", file: string, env: Record<string, string>) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", join("src", "scripts", `${name}.ts`), file],
      { cwd: serverDir, env: { ...process.env, NODE_ENV: "test", ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

const dirs: string[] = [];
const running = new Set<ServerProcess>();
afterAll(async () => {
  for (const server of running) await server.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe.each(["libsql", "better-sqlite3"] as const)("backup and restore on %s", (driver) => {
  it("a backup taken under load restores every booking acknowledged before it began", async () => {
    const dir = mkdtempSync(join(tmpdir(), "boxoffice-backup-"));
    dirs.push(dir);
    const url = `file:${join(dir, "boxoffice.db")}`;
    const backupFile = join(dir, "backups", "boxoffice.db");
    const env = { DATABASE_URL: url, DATABASE_DRIVER: driver };
    const start = async (seed: boolean) => {
      const server = await spawnServer({
        ...env,
        PORT: String(await freePort()),
        SEED_SAMPLE_DATA: seed ? "true" : "false",
        RATE_LIMIT_BOOKINGS_PER_USER: "1000000/60",
      });
      running.add(server);
      return server;
    };

    const serving = await start(true);
    const tokens = await signInSampleAccounts(serving.url);
    const eventIds = await createLoadEvents(serving.url, tokens[0] ?? "", 10, 1_000_000);
    const acknowledged = nothingAcknowledged();
    const load = runBookingLoad({
      url: serving.url,
      tokens,
      eventIds,
      workers: 8,
      cancelShare: 0,
      acknowledged,
    });
    await eventually(() => acknowledged.bookings.size >= 50, "bookings before the backup");

    const before = new Map(acknowledged.bookings);
    const backup = await runScript("backup", backupFile, env);
    expect(backup, backup.stderr).toMatchObject({ code: 0 });
    expect(backup.stdout).toContain(`to ${backupFile}`);
    const atBackupEnd = acknowledged.bookings.size;
    // The server went on serving during and after the backup.
    expect(atBackupEnd).toBeGreaterThan(before.size);
    await eventually(() => acknowledged.bookings.size >= atBackupEnd + 50, "bookings after it");

    const refused = await runScript("restore", backupFile, env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/is in use: a Boxoffice server \(or another program\)/);
    await load.stop();
    expect(await serving.stop()).toBe(0);
    running.delete(serving);

    const restore = await runScript("restore", backupFile, env);
    expect(restore, restore.stderr).toMatchObject({ code: 0 });
    const audit = await auditDatabase(url, driver, { ...nothingAcknowledged(), bookings: before });
    expect(audit.integrity).toEqual(["ok"]);
    expect(audit.violations).toEqual([]);
    expect(audit.missing).toEqual([]);
    // It is the backup, not the file as the server left it.
    expect(audit.bookingCount).toBeLessThan(acknowledged.bookings.size);

    const restored = await start(false);
    const api = clientFor(restored.url);
    const events = await Promise.all(eventIds.map((id) => api.events.byId.query({ id })));
    const seatsTaken = events.reduce(
      (sum, event) => sum + event.capacity - event.availableSeats,
      0,
    );
    const seatsBefore = [...before.values()].reduce((sum, seats) => sum + seats, 0);
    expect(seatsTaken).toBeGreaterThanOrEqual(seatsBefore);
    expect((await fetch(`${restored.url}/readyz`)).status).toBe(200);
    expect(await restored.stop()).toBe(0);
    running.delete(restored);
  });
});
