import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { createClient, type Client, type Transaction } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import { filePathOf, isFileUrl, type DatabaseConfig } from "./config.ts";
import type { AppDatabase, Database, WriteConnection } from "./database.ts";
import { migrationsFolder, withBusyRetry } from "./migrations.ts";
import { openNativeWriter } from "./native-writer.ts";
import { readerPragmas, walPragma } from "./pragmas.ts";
import * as schema from "./schema.ts";

/**
 * libSQL through @libsql/client, embedded (`file:`) or remote. For an embedded file the
 * writer gets its own connection on libSQL's native binding (see native-writer.ts), so
 * reads never queue behind the write transaction.
 */
export async function openLibsql(config: DatabaseConfig, busyTimeoutMs: number): Promise<Database> {
  const local = isFileUrl(config.url);
  if (local) mkdirSync(dirname(filePathOf(config.url)), { recursive: true });

  const reader = createClient({
    url: config.url,
    authToken: config.authToken,
    timeout: busyTimeoutMs,
  });
  try {
    if (local) await withBusyRetry(busyTimeoutMs, () => reader.execute(walPragma));
    await withBusyRetry(busyTimeoutMs, () => migrate(drizzle(reader), { migrationsFolder }));
    if (local) for (const pragma of readerPragmas) await reader.execute(pragma);
    const writer = local
      ? openNativeWriter("libsql", filePathOf(config.url))
      : { connection: remoteWriteConnection(reader), close() {} };
    return {
      driver: "libsql",
      url: config.url,
      db: drizzle(reader, { schema }) as AppDatabase,
      connection: writer.connection,
      async close() {
        writer.close();
        reader.close();
      },
    };
  } catch (error) {
    reader.close();
    throw error;
  }
}

/** A remote server owns locking; each batch is one interactive write transaction. */
function remoteWriteConnection(client: Client): WriteConnection {
  let open: Transaction | null = null;
  const active = (): Transaction => {
    if (!open) throw new Error("No write transaction is open");
    return open;
  };
  // One drizzle instance whose statements go to whichever transaction is open.
  const routed = {
    execute: (stmt: Parameters<Client["execute"]>[0]) => active().execute(stmt),
    batch: (stmts: Parameters<Transaction["batch"]>[0]) => active().batch(stmts),
  } as unknown as Client;
  const db = drizzle(routed, { schema }) as AppDatabase;

  return {
    async begin() {
      open = await client.transaction("write");
      return db;
    },
    async commit() {
      const tx = active();
      open = null;
      await tx.commit();
    },
    async rollback() {
      const tx = open;
      open = null;
      if (tx) await tx.rollback().catch(() => tx.close());
    },
  };
}
