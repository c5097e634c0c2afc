import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { filePathOf, isFileUrl, type DatabaseConfig } from "./config.ts";
import type { AppDatabase, Database, WriteConnection } from "./database.ts";
import { migrationsFolder, withBusyRetry } from "./migrations.ts";
import { readerPragmas, walPragma, writerPragmas } from "./pragmas.ts";
import * as schema from "./schema.ts";

/** better-sqlite3: one connection for reads, one for the writer, on the same file. */
export async function openBetterSqlite3(
  config: DatabaseConfig,
  busyTimeoutMs: number,
): Promise<Database> {
  if (!isFileUrl(config.url)) {
    throw new Error(`DATABASE_DRIVER=better-sqlite3 needs a file: URL, got ${config.url}`);
  }
  const path = filePathOf(config.url);
  mkdirSync(dirname(path), { recursive: true });

  const reader = new BetterSqlite3(path, { timeout: busyTimeoutMs });
  let writer: BetterSqlite3.Database | undefined;
  try {
    await withBusyRetry(busyTimeoutMs, async () => reader.exec(walPragma));
    await withBusyRetry(busyTimeoutMs, async () => migrate(drizzle(reader), { migrationsFolder }));
    for (const pragma of readerPragmas) reader.exec(pragma);
    // See open-libsql.ts for why the writer's own busy timeout is short.
    writer = new BetterSqlite3(path, { timeout: 25 });
    for (const pragma of writerPragmas) writer.exec(pragma);
  } catch (error) {
    reader.close();
    writer?.close();
    throw error;
  }

  return {
    driver: "better-sqlite3",
    url: config.url,
    db: drizzle(reader, { schema }) as AppDatabase,
    connection: betterSqlite3WriteConnection(writer),
    async close() {
      reader.close();
      writer.close();
    },
  };
}

function betterSqlite3WriteConnection(connection: BetterSqlite3.Database): WriteConnection {
  const db = drizzle(connection, { schema }) as AppDatabase;
  return {
    async begin() {
      connection.exec("BEGIN IMMEDIATE");
      return db;
    },
    async exec(statement) {
      connection.exec(statement);
    },
    async commit() {
      connection.exec("COMMIT");
    },
    async rollback() {
      if (connection.inTransaction) connection.exec("ROLLBACK");
    },
  };
}
