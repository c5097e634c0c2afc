import { defaultBusyTimeoutMs, type DatabaseConfig } from "./config.ts";
import type { Database } from "./database.ts";
import { openBetterSqlite3 } from "./open-better-sqlite3.ts";
import { openLibsql } from "./open-libsql.ts";

/** Opens (creating and migrating when needed) the database the config names. */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  const busyTimeoutMs = config.busyTimeoutMs ?? defaultBusyTimeoutMs;
  return config.driver === "better-sqlite3"
    ? openBetterSqlite3(config, busyTimeoutMs)
    : openLibsql(config, busyTimeoutMs);
}
