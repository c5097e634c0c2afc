import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { filePathOf, isFileUrl, type DatabaseConfig } from "./config.ts";
import type { AppDatabase, Database } from "./database.ts";
import { migrationsFolder, withBusyRetry } from "./migrations.ts";
import { openNativeWriter } from "./native-writer.ts";
import { readerPragmas, walPragma } from "./pragmas.ts";
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
  try {
    await withBusyRetry(busyTimeoutMs, async () => reader.exec(walPragma));
    await withBusyRetry(busyTimeoutMs, async () => migrate(drizzle(reader), { migrationsFolder }));
    for (const pragma of readerPragmas) reader.exec(pragma);
    const writer = openNativeWriter("better-sqlite3", path);
    return {
      driver: "better-sqlite3",
      url: config.url,
      db: drizzle(reader, { schema }) as AppDatabase,
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
