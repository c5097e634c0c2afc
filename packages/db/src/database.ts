import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import type * as schema from "./schema.ts";
import type { Writer } from "./writer.ts";

export type Schema = typeof schema;

/**
 * A drizzle database over either driver. Queries are awaited the same way on both, which
 * is what lets the commands be written once. Only code running inside the writer's
 * transaction holds one (see writer.ts).
 */
export type AppDatabase = BaseSQLiteDatabase<"sync" | "async", unknown, Schema>;

/**
 * What everything outside the writer reads through: queries and raw read statements, with
 * no `insert`, `update`, `delete`, `run` or `transaction` in its type. On embedded files
 * the connection behind it is also `query_only`, so a write smuggled in as raw SQL fails.
 * In-process the drivers wait for locks synchronously, so a second writer beside the
 * writer's open transaction would stall the event loop: every write is a command.
 */
export type ReadDatabase = Pick<
  AppDatabase,
  "select" | "selectDistinct" | "$count" | "all" | "get"
>;

/** The one connection that writes. Only the writer drives it; it never leaves this package. */
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
  /** For reads. */
  db: ReadDatabase;
  /** Every write goes through it, one group transaction at a time. */
  writer: Writer;
  /** Commits what the writer has queued, then closes every connection. */
  close(): Promise<void>;
}
