import type { AppDatabase, WriteConnection } from "./database.ts";

/** What a driver opens: a connection to read through and one to write through. */
export interface Connections {
  driver: "libsql" | "better-sqlite3";
  url: string;
  reader: AppDatabase;
  connection: WriteConnection;
  close(): Promise<void>;
}
