import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterEach, describe, expect, it } from "vitest";
import { migrationsFolder } from "../src/migrations.ts";
import { openDatabase } from "../src/open.ts";
import { drivers } from "../src/testing.ts";

/** A copy of the migrations folder that stops after the first `count` migrations. */
function migrationsUpTo(dir: string, count: number): string {
  const folder = join(dir, "migrations");
  cpSync(migrationsFolder, folder, { recursive: true });
  const journalPath = join(folder, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: unknown[] };
  journal.entries = journal.entries.slice(0, count);
  writeFileSync(journalPath, JSON.stringify(journal));
  return folder;
}

describe.each(drivers)("upgrading a database from the first release on %s", (driver) => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps every booking, gives each a unique reference and its tickets", async () => {
    dir = mkdtempSync(join(tmpdir(), "boxoffice-migrate-"));
    const file = join(dir, "old.db");
    // The database as the first release left it: migrations 0000 and 0001, and some data.
    const old = new BetterSqlite3(file);
    migrate(drizzle(old), { migrationsFolder: migrationsUpTo(dir, 2) });
    old.exec(`
      INSERT INTO users (id, email, name, password_hash, role) VALUES
        (1, 'admin@x.test', 'Admin', '-', 'admin'), (2, 'u@x.test', 'U', '-', 'user');
      INSERT INTO events (id, title, starts_at, ends_at, capacity, available_seats, max_seats_per_booking, created_by)
        VALUES (1, 'Jazz Night', 2000000000000, 2000000003600, 10, 5, 4, 1),
               (2, 'Big Show', 2000000000000, 2000000003600, 500, 500, 40, 1);
      INSERT INTO bookings (id, event_id, user_id, seats, status, idempotency_key) VALUES
        (1, 1, 2, 3, 'confirmed', 'k1'), (2, 1, 2, 2, 'confirmed', 'k2'),
        (3, 1, 2, 4, 'cancelled', 'k3');
      INSERT INTO booking_logs (event_id, booking_id, user_id, action, seats, available_after, capacity_after)
        VALUES (1, 1, 2, 'booked', 3, 7, 10), (1, 2, 2, 'booked', 2, 5, 10);
    `);
    old.close();

    const database = await openDatabase({ url: `file:${file}`, driver });
    try {
      const db = database.db;
      const rows = await db.all<{ id: number; reference: string; status: string }>(
        sql`SELECT id, reference, status FROM bookings ORDER BY id`,
      );
      expect(rows.map((row) => [row.id, row.status])).toEqual([
        [1, "confirmed"],
        [2, "confirmed"],
        [3, "cancelled"],
      ]);
      for (const row of rows) expect(row.reference).toMatch(/^BX-[A-HJKMNP-Z2-9]{6}$/);
      expect(new Set(rows.map((row) => row.reference)).size).toBe(3);
      expect(
        await db.all(sql`SELECT booking_id AS booking, seat FROM tickets ORDER BY id`),
      ).toEqual([
        { booking: 1, seat: 1 },
        { booking: 1, seat: 2 },
        { booking: 1, seat: 3 },
        { booking: 2, seat: 1 },
        { booking: 2, seat: 2 },
      ]);
      expect(await db.all(sql`SELECT max_seats_per_person AS m FROM events ORDER BY id`)).toEqual([
        { m: 10 },
        { m: 40 },
      ]);
      expect(await db.all(sql`SELECT COUNT(*) AS n FROM booking_logs`)).toEqual([{ n: 2 }]);
      // Old rows wait for the server to fold their search text; then the index follows it.
      expect(await db.all(sql`SELECT search_text AS t FROM events WHERE id = 1`)).toEqual([
        { t: null },
      ]);
      await database.writer.run(async (tx) => {
        await tx.run(sql`UPDATE events SET search_text = 'jazz night' WHERE id = 1`);
      });
      expect(
        await db.all(sql`SELECT rowid FROM events_search WHERE events_search MATCH '"jazz"'`),
      ).toEqual([{ rowid: 1 }]);
      expect(await db.all(sql`PRAGMA foreign_key_check`)).toEqual([]);
      expect(await db.all(sql`PRAGMA integrity_check`)).toEqual([{ integrity_check: "ok" }]);
      expect(await db.all(sql`PRAGMA foreign_keys`)).toEqual([{ foreign_keys: 1 }]);
    } finally {
      await database.close();
    }
  });
});
