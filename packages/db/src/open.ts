import { defaultBusyTimeoutMs, isFileUrl, type DatabaseConfig } from "./config.ts";
import type { Connections } from "./connections.ts";
import type { Database } from "./database.ts";
import { openEmbedded } from "./open-embedded.ts";
import { createWriter, type WriterOptions } from "./writer.ts";

/**
 * Opens (creating and migrating when needed) the database the config names, with its one
 * writer. The write connection stays inside: callers write through `writer.run`.
 */
export async function openDatabase(
  config: DatabaseConfig,
  writerOptions: Omit<WriterOptions, "busyTimeoutMs"> = {},
): Promise<Database> {
  const busyTimeoutMs = config.busyTimeoutMs ?? defaultBusyTimeoutMs;
  const connections = await openConnections(config, busyTimeoutMs);
  const writer = createWriter(connections.connection, { ...writerOptions, busyTimeoutMs });
  return {
    driver: connections.driver,
    url: connections.url,
    db: connections.reader,
    writer,
    async close() {
      await writer.close();
      await connections.close();
    },
  };
}

async function openConnections(
  config: DatabaseConfig,
  busyTimeoutMs: number,
): Promise<Connections> {
  if (isFileUrl(config.url)) return openEmbedded(config.driver ?? "libsql", config, busyTimeoutMs);
  if (config.driver === "better-sqlite3") {
    throw new Error(`DATABASE_DRIVER=better-sqlite3 needs a file: URL, got ${config.url}`);
  }
  // Loaded only for a remote server: @libsql/client is most of what a start would parse.
  const { openLibsql } = await import("./open-libsql.ts");
  return openLibsql(config, busyTimeoutMs);
}
