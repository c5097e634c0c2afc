import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import Libsql from "libsql";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { filePathOf, isFileUrl, type DatabaseConfig } from "./config.ts";
import type { AppDatabase } from "./database.ts";
import type { Connections } from "./connections.ts";
import { withBusyRetry } from "./busy.ts";
import { migrationsFolder } from "./migrations.ts";
import { openNativeWriter } from "./native-writer.ts";
import { readerPragmas, walPragma } from "./pragmas.ts";
import * as schema from "./schema.ts";

/**
 * An embedded file on the engine's synchronous binding, better-sqlite3 or libSQL's own
 * (`libsql`, the engine @libsql/client wraps): one connection for reads, one for the writer.
 * Reads go to the binding directly. Through @libsql/client a local read runs just as
 * synchronously, but every query is prepared anew and its rows are rebuilt with a property per
 * column: a primary-key lookup cost ~100 µs there against ~15 µs on the binding.
 */
export async function openEmbedded(
  engine: "libsql" | "better-sqlite3",
  config: DatabaseConfig,
  busyTimeoutMs: number,
): Promise<Connections> {
  if (!isFileUrl(config.url)) {
    throw new Error(`DATABASE_DRIVER=${engine} embedded needs a file: URL, got ${config.url}`);
  }
  const path = filePathOf(config.url);
  mkdirSync(dirname(path), { recursive: true });

  // Both engines accept the better-sqlite3 driver's calls (prepare/run/all/get/raw).
  const reader = (
    engine === "libsql"
      ? new Libsql(path, { timeout: busyTimeoutMs })
      : new BetterSqlite3(path, { timeout: busyTimeoutMs })
  ) as BetterSqlite3.Database;
  try {
    await withBusyRetry(busyTimeoutMs, async () => reader.exec(walPragma));
    await withBusyRetry(busyTimeoutMs, async () => migrateWithoutForeignKeys(reader));
    for (const pragma of readerPragmas) reader.exec(pragma);
    const writer = openNativeWriter(engine, path);
    return {
      driver: engine,
      url: config.url,
      reader: drizzle(reader, { schema }) as AppDatabase,
      connection: writer.connection,
      async close() {
        reader.close();
        writer.close();
      },
    };
  } catch (error) {
    reader.close();
    throw error;
  }
}

/**
 * Runs the migrations with foreign keys off, as SQLite's recipe for changing a table asks:
 * a migration that rebuilds a table drops the old one, and with foreign keys on (the default
 * of better-sqlite3) that DROP deletes every row referring to it through ON DELETE CASCADE.
 * The migrations' own `PRAGMA foreign_keys=OFF` cannot do it: the migrator runs them in a
 * transaction, where that pragma does nothing. (@libsql/client's migrate does the same for
 * remote databases.) Afterwards every reference must still hold.
 */
function migrateWithoutForeignKeys(connection: BetterSqlite3.Database) {
  connection.exec("PRAGMA foreign_keys = OFF");
  const before = appliedMigrations(connection);
  migrate(drizzle(connection), { migrationsFolder });
  // The check reads every table (~170 ms at 100,000 bookings): only after a migration ran.
  if (appliedMigrations(connection) === before) return;
  const broken = connection.prepare("PRAGMA foreign_key_check").all();
  if (broken.length > 0) {
    throw new Error(`Migrating left broken references: ${JSON.stringify(broken.slice(0, 5))}`);
  }
}

function appliedMigrations(connection: BetterSqlite3.Database): number {
  const table = connection
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
    .get();
  if (!table) return 0;
  const row = connection.prepare("SELECT COUNT(*) AS n FROM __drizzle_migrations").get() as {
    n: number;
  };
  return row.n;
}
