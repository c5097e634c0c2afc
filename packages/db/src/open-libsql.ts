import { createClient, type Client, type Transaction } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import type { DatabaseConfig } from "./config.ts";
import type { AppDatabase, WriteConnection } from "./database.ts";
import type { Connections } from "./connections.ts";
import { withBusyRetry } from "./busy.ts";
import { migrationsFolder } from "./migrations.ts";
import * as schema from "./schema.ts";

/**
 * A remote libSQL server (`libsql://`, `http(s)://`, `ws(s)://`) through @libsql/client.
 * Embedded files open on the engine's own binding instead (see open-embedded.ts).
 */
export async function openLibsql(
  config: DatabaseConfig,
  busyTimeoutMs: number,
): Promise<Connections> {
  const reader = createClient({
    url: config.url,
    authToken: config.authToken,
    timeout: busyTimeoutMs,
  });
  try {
    await withBusyRetry(busyTimeoutMs, () => migrate(drizzle(reader), { migrationsFolder }));
    return {
      driver: "libsql",
      url: config.url,
      reader: drizzle(reader, { schema }) as AppDatabase,
      connection: remoteWriteConnection(reader),
      async close() {
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
