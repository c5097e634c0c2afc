import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import BetterSqlite3 from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { backupDatabase } from "../src/backup.ts";
import { BackupError } from "../src/database-file.ts";
import { restoreDatabase } from "../src/restore.ts";
import { users } from "../src/schema.ts";
import { createTestDatabase, drivers, type Driver, type TestDatabase } from "../src/testing.ts";

const holder = fileURLToPath(new URL("./support/hold-database.ts", import.meta.url));

/** Another process with the database open, as a running server has it. */
async function holdOpen(fileUrl: string, driver: Driver, addEmail?: string): Promise<ChildProcess> {
  const args = [holder, fileUrl, driver, ...(addEmail ? [addEmail] : [])];
  const child = spawn(process.execPath, ["--import", "tsx", ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("holding")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`holder exited with ${code}`)));
  });
  return child;
}

const exited = (child: ChildProcess) =>
  new Promise((resolve) =>
    child.exitCode !== null || child.signalCode !== null
      ? resolve(null)
      : child.once("exit", resolve),
  );

/** Users in a database file, read with a plain connection. */
function emailsIn(path: string): string[] {
  const db = new BetterSqlite3(path, { readonly: true });
  try {
    return (db.prepare("SELECT email FROM users ORDER BY id").all() as { email: string }[]).map(
      (row) => row.email,
    );
  } finally {
    db.close();
  }
}

const refusal = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(BackupError);
    return (error as Error).message;
  }
  throw new Error("expected a BackupError");
};

describe.each(drivers)("backup and restore on %s", (driver) => {
  let t: TestDatabase;
  let path: string;
  const config = () => ({ url: t.fileUrl, driver });
  const addUser = (email: string) =>
    t.writer.run((tx) => tx.insert(users).values({ email, name: email, passwordHash: "-" }));
  const children: ChildProcess[] = [];

  beforeEach(async () => {
    t = await createTestDatabase(driver);
    path = t.fileUrl.slice("file:".length);
    await addUser("before@backup.test");
  });
  afterEach(async () => {
    for (const child of children.splice(0)) {
      child.kill("SIGKILL");
      await exited(child);
    }
    await t.destroy();
  });

  it("copies the open database, checked, and never over an existing file", async () => {
    const copy = join(t.dir, "backups", "one.db");
    const result = backupDatabase(config(), copy);
    expect(result.path).toBe(copy);
    expect(result.bytes).toBeGreaterThan(0);
    await addUser("after@backup.test");
    expect(emailsIn(copy)).toEqual(["before@backup.test"]);
    expect(refusal(() => backupDatabase(config(), copy))).toMatch(/already exists/);
    expect(readdirSync(join(t.dir, "backups"))).toEqual(["one.db"]);
  });

  it("refuses a libSQL server URL, for backups and restores", () => {
    const remote = { url: "libsql://db.example.com", driver };
    expect(refusal(() => backupDatabase(remote, join(t.dir, "x.db")))).toMatch(
      /libSQL server\. Back it up on that server/,
    );
    expect(refusal(() => restoreDatabase(remote, join(t.dir, "x.db")))).toMatch(/libSQL server/);
  });

  it("restores a backup, keeps the replaced file and drops its stale -wal/-shm", async () => {
    const copy = join(t.dir, "copy.db");
    backupDatabase(config(), copy);
    await t.writer.close();
    await t.close();
    // A server adds a user and is killed: its WAL and WAL index stay behind.
    const server = await holdOpen(t.fileUrl, driver, "after@backup.test");
    server.kill("SIGKILL");
    await exited(server);
    expect(existsSync(`${path}-wal`)).toBe(true);
    expect(existsSync(`${path}-shm`)).toBe(true);

    const result = restoreDatabase(config(), copy);
    expect(result.path).toBe(path);
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(existsSync(`${path}-shm`)).toBe(false);
    expect(emailsIn(path)).toEqual(["before@backup.test"]);
    expect(result.previous).toMatch(/\.before-restore-/);
    expect(emailsIn(result.previous ?? "")).toEqual(["before@backup.test", "after@backup.test"]);
  });

  it.each(drivers)(
    "refuses while a process on %s has the database open, and goes ahead once it is gone",
    async (holderDriver) => {
      const copy = join(t.dir, "copy.db");
      backupDatabase(config(), copy);
      await t.writer.close();
      await t.close();

      const server = await holdOpen(t.fileUrl, holderDriver);
      children.push(server);
      expect(refusal(() => restoreDatabase(config(), copy))).toMatch(
        /is in use: a Boxoffice server \(or another program\) has it open/,
      );
      // Refused without touching anything: the holder still reads its database.
      expect(readdirSync(t.dir).filter((name) => name.includes("restoring"))).toEqual([]);

      server.kill("SIGKILL");
      await exited(server);
      expect(restoreDatabase(config(), copy).path).toBe(path);
    },
  );

  it("refuses files that are not a Boxoffice database this build can run, changing nothing", async () => {
    await t.writer.close();
    await t.close();
    const garbage = join(t.dir, "garbage.db");
    writeFileSync(garbage, "not a database ".repeat(1000));
    expect(refusal(() => restoreDatabase(config(), garbage))).toMatch(
      /garbage\.db is not a SQLite database/,
    );

    const foreign = join(t.dir, "foreign.db");
    const other = new BetterSqlite3(foreign);
    other.exec("CREATE TABLE notes (text TEXT)");
    other.close();
    expect(refusal(() => restoreDatabase(config(), foreign))).toMatch(
      /no __drizzle_migrations table, so it is not a Boxoffice database/,
    );

    const newer = join(t.dir, "newer.db");
    backupDatabase(config(), newer);
    const future = new BetterSqlite3(newer);
    future.exec("INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('future', 1)");
    future.close();
    expect(refusal(() => restoreDatabase(config(), newer))).toMatch(/from a newer version/);

    const damaged = join(t.dir, "damaged.db");
    backupDatabase(config(), damaged);
    const bytes = new BetterSqlite3(damaged);
    const pageSize = (bytes.prepare("PRAGMA page_size").get() as { page_size: number }).page_size;
    bytes.close();
    // Page 2 onwards overwritten: the header still says SQLite, the b-trees are garbage.
    const { openSync, writeSync, closeSync } = await import("node:fs");
    const fd = openSync(damaged, "r+");
    writeSync(fd, Buffer.alloc(pageSize * 2, 0xa5), 0, pageSize * 2, pageSize);
    closeSync(fd);
    expect(refusal(() => restoreDatabase(config(), damaged))).toMatch(
      /damaged|integrity check fails|not a SQLite database/,
    );

    expect(refusal(() => restoreDatabase(config(), join(t.dir, "missing.db")))).toMatch(
      /There is no backup at/,
    );
    expect(emailsIn(path)).toEqual(["before@backup.test"]);
    expect(readdirSync(t.dir).filter((name) => /restoring|before-restore/.test(name))).toEqual([]);
  });
});
