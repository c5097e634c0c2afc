import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createWriter, openDatabase, users, type Database, type Writer } from "@boxoffice/db";
import { afterAll, beforeAll } from "vitest";

export type Driver = "libsql" | "better-sqlite3";

export interface TestDatabase {
  readonly database: Database;
  readonly writer: Writer;
}

/** A migrated database file in a fresh temp dir, opened before and removed after the calling file's tests. */
export function useTestDatabase(driver: Driver = "libsql"): TestDatabase {
  let dir: string | undefined;
  let database: Database | undefined;
  let writer: Writer | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "boxoffice-auth-"));
    database = await openDatabase({ url: `file:${join(dir, "test.db")}`, driver });
    writer = createWriter(database.connection);
  });

  afterAll(async () => {
    await writer?.close();
    await database?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  return {
    get database() {
      if (!database) throw new Error("The test database is open only inside tests");
      return database;
    },
    get writer() {
      if (!writer) throw new Error("The test database is open only inside tests");
      return writer;
    },
  };
}

let emailCounter = 0;

/** An email no other test in the file has used. */
export function uniqueEmail(prefix = "user"): string {
  emailCounter += 1;
  return `${prefix}-${emailCounter}@example.com`;
}

/** A user row without paying for argon2; for tests that only need someone to own sessions. */
export async function insertUser(writer: Writer, email = uniqueEmail()): Promise<number> {
  const [row] = await writer.run((tx) =>
    tx
      .insert(users)
      .values({ email, name: "Test User", passwordHash: "not-a-real-hash" })
      .returning({ id: users.id }),
  );
  if (!row) throw new Error("insert returned no row");
  return row.id;
}
