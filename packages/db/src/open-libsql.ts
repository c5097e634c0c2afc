import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { createClient, type Client, type Transaction } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import { filePathOf, isFileUrl, type DatabaseConfig } from "./config.ts";
import type { AppDatabase, Database, WriteConnection } from "./database.ts";
import { migrationsFolder, withBusyRetry } from "./migrations.ts";
import { readerPragmas, walPragma, writerPragmas } from "./pragmas.ts";
import * as schema from "./schema.ts";

/**
 * libSQL, embedded (`file:`) or remote. Embedded databases get two clients: a pool for
 * reads and a one-connection client for the writer, so per-connection pragmas
 * (synchronous=FULL) stick and reads never queue behind the write transaction.
 */
export async function openLibsql(config: DatabaseConfig, busyTimeoutMs: number): Promise<Database> {
  const local = isFileUrl(config.url);
  if (local) mkdirSync(dirname(filePathOf(config.url)), { recursive: true });

  const reader = createClient({
    url: config.url,
    authToken: config.authToken,
    timeout: busyTimeoutMs,
  });
  let writerClient = reader;
  try {
    if (local) await withBusyRetry(busyTimeoutMs, () => reader.execute(walPragma));
    await withBusyRetry(busyTimeoutMs, () => migrate(drizzle(reader), { migrationsFolder }));
    if (local) {
      for (const pragma of readerPragmas) await reader.execute(pragma);
      // The writer waits for another process's lock asynchronously (writer.ts retries
      // BEGIN), so its own busy handler only rides out short contention.
      writerClient = createClient({ url: config.url, concurrency: 1, timeout: 25 });
      for (const pragma of writerPragmas) await writerClient.execute(pragma);
    }
  } catch (error) {
    reader.close();
    if (writerClient !== reader) writerClient.close();
    throw error;
  }

  return {
    driver: "libsql",
    url: config.url,
    db: drizzle(reader, { schema }) as AppDatabase,
    connection: libsqlWriteConnection(writerClient, local),
    async close() {
      reader.close();
      if (writerClient !== reader) writerClient.close();
    },
  };
}

function libsqlWriteConnection(client: Client, local: boolean): WriteConnection {
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
      try {
        open = await client.transaction("write");
      } catch (error) {
        // libsql leaves a BEGIN that failed on a lock un-reset, and every later statement
        // on that connection fails with "SQL statements in progress": replace it.
        if (local) {
          await client.reconnect();
          for (const pragma of writerPragmas) await client.execute(pragma);
        }
        throw error;
      }
      return db;
    },
    async exec(statement) {
      await active().execute(statement);
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
