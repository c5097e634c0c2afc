import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DatabaseConfig } from "./config.ts";
import type { Database } from "./database.ts";
import { openDatabase } from "./open.ts";
import type { WriterOptions } from "./writer.ts";

export const drivers = ["libsql", "better-sqlite3"] as const;
export type Driver = (typeof drivers)[number];

/** A fresh temporary directory for a test's database file, and its `file:` URL. */
export function testDatabaseFile(driver: Driver = "libsql"): DatabaseConfig & { dir: string } {
  const dir = mkdtempSync(join(tmpdir(), "boxoffice-test-"));
  return { url: `file:${join(dir, "boxoffice.db")}`, driver, dir };
}

export interface TestDatabase extends Database {
  /** The file's `file:` URL, for other processes to open. */
  fileUrl: string;
  dir: string;
  /** Closes the database and deletes its directory. */
  destroy(): Promise<void>;
}

/** A real database file in a fresh temporary directory, migrated, with its writer. */
export async function createTestDatabase(
  driver: Driver = "libsql",
  writerOptions: Omit<WriterOptions, "busyTimeoutMs"> = {},
): Promise<TestDatabase> {
  const file = testDatabaseFile(driver);
  const database = await openDatabase(file, writerOptions);
  return {
    ...database,
    fileUrl: file.url,
    dir: file.dir,
    async destroy() {
      await database.close();
      rmSync(file.dir, { recursive: true, force: true });
    },
  };
}
