import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import type * as schema from "./schema.ts";

export type Schema = typeof schema;

/**
 * A drizzle database over either driver. Queries are awaited the same way on both, which
 * is what lets the booking core be written once.
 */
export type AppDatabase = BaseSQLiteDatabase<"sync" | "async", unknown, Schema>;

/** The one connection that writes. Only the writer (see writer.ts) drives it. */
export interface WriteConnection {
  /** BEGIN IMMEDIATE; resolves with a database bound to the open transaction. */
  begin(): Promise<AppDatabase>;
  commit(): Promise<void>;
  /** Safe to call when no transaction is open. */
  rollback(): Promise<void>;
}

export interface Database {
  driver: "libsql" | "better-sqlite3";
  url: string;
  /**
   * For reads. Never write through it: in-process the drivers wait for locks
   * synchronously, so a second writer beside the writer's open transaction would stall
   * the event loop. Every write goes through `writer` (see writer.ts).
   */
  db: AppDatabase;
  connection: WriteConnection;
  close(): Promise<void>;
}
