import { users, type AppDatabase, type Writer } from "@boxoffice/db";
import { createTestDatabase, type Driver, type TestDatabase } from "@boxoffice/db/testing";
import { afterAll, beforeAll } from "vitest";

export type { Driver };

/**
 * A migrated database file in a fresh temp dir, opened before the calling file's (or
 * describe block's) tests and deleted after them. Read it only inside tests.
 */
export function useTestDatabase(driver: Driver = "libsql"): { db: AppDatabase; writer: Writer } {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(driver);
  });
  afterAll(async () => {
    await database?.destroy();
  });
  const open = (): TestDatabase => {
    if (!database) throw new Error("The test database is open only inside tests");
    return database;
  };
  return {
    get db() {
      return open().db;
    },
    get writer() {
      return open().writer;
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
