import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Database } from "./database.ts";
import { openDatabase } from "./open.ts";
import { createWriter, type Writer } from "./writer.ts";

export const drivers = ["libsql", "better-sqlite3"] as const;
export type Driver = (typeof drivers)[number];

export interface TestDatabase extends Database {
  writer: Writer;
  /** The file's `file:` URL, for other processes to open. */
  fileUrl: string;
  dir: string;
  /** Closes the database and deletes its directory. */
  destroy(): Promise<void>;
}

/** A real database file in a fresh temporary directory, migrated, with its writer. */
export async function createTestDatabase(driver: Driver = "libsql"): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), "boxoffice-test-"));
  const fileUrl = `file:${join(dir, "boxoffice.db")}`;
  const database = await openDatabase({ url: fileUrl, driver });
  const writer = createWriter(database.connection);
  return {
    ...database,
    writer,
    fileUrl,
    dir,
    async destroy() {
      await writer.close();
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
