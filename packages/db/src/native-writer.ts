import BetterSqlite3 from "better-sqlite3";
import Libsql from "libsql";
import { drizzle } from "drizzle-orm/better-sqlite3";
import type { AppDatabase, WriteConnection } from "./database.ts";
import { writerPragmas } from "./pragmas.ts";
import * as schema from "./schema.ts";

/** The slice of the better-sqlite3 API that both embedded engines implement. */
interface SyncConnection {
  exec(sql: string): unknown;
  close(): unknown;
  readonly inTransaction: boolean;
}

/**
 * The writer's connection to an embedded file, on the engine's synchronous binding:
 * better-sqlite3, or libSQL's own (`libsql`, the engine @libsql/client wraps). Drizzle
 * keeps prepared statements on it; @libsql/client would prepare every statement anew and
 * read its column list twice, which costs more than the booking itself.
 * Its busy timeout is short because writer.ts waits for another process's lock itself,
 * off the event loop.
 */
export function openNativeWriter(
  engine: "libsql" | "better-sqlite3",
  path: string,
): { connection: WriteConnection; close(): void } {
  const native: SyncConnection =
    engine === "libsql"
      ? new Libsql(path, { timeout: 25 })
      : new BetterSqlite3(path, { timeout: 25 });
  try {
    for (const pragma of writerPragmas) native.exec(pragma);
  } catch (error) {
    native.close();
    throw error;
  }
  // Both engines accept the better-sqlite3 driver's calls (prepare/run/all/get/raw).
  const db = drizzle(native as BetterSqlite3.Database, { schema }) as AppDatabase;
  return {
    connection: {
      async begin() {
        native.exec("BEGIN IMMEDIATE");
        return db;
      },
      async commit() {
        native.exec("COMMIT");
      },
      async rollback() {
        if (native.inTransaction) native.exec("ROLLBACK");
      },
    },
    close: () => native.close(),
  };
}
