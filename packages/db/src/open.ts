import { defaultBusyTimeoutMs, isFileUrl, type DatabaseConfig } from "./config.ts";
import type { Database } from "./database.ts";
import { openEmbedded } from "./open-embedded.ts";
import { openLibsql } from "./open-libsql.ts";

/** Opens (creating and migrating when needed) the database the config names. */
export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  const busyTimeoutMs = config.busyTimeoutMs ?? defaultBusyTimeoutMs;
  if (isFileUrl(config.url)) return openEmbedded(config.driver ?? "libsql", config, busyTimeoutMs);
  if (config.driver === "better-sqlite3") {
    throw new Error(`DATABASE_DRIVER=better-sqlite3 needs a file: URL, got ${config.url}`);
  }
  return openLibsql(config, busyTimeoutMs);
}
