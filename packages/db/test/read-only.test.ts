import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, drivers, type TestDatabase } from "../src/testing.ts";
import { users } from "../src/schema.ts";

/** The messages of an error and its causes (drizzle wraps the driver's error). */
function causes(error: unknown): string[] {
  const messages: string[] = [];
  for (let current = error; current instanceof Error; current = current.cause) {
    messages.push(current.message);
  }
  return messages;
}

describe.each(drivers)("the read connection on %s", (driver) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase(driver);
  });
  afterEach(async () => {
    await t.destroy();
  });

  it("refuses a write smuggled in as raw SQL, and nothing is written", async () => {
    // The embedded drivers are synchronous: the refusal may be thrown, not rejected.
    const write = async () =>
      t.db.all(
        sql`INSERT INTO users (email, name, password_hash) VALUES ('a@x', 'A', '-') RETURNING id`,
      );
    const error: unknown = await write().then(
      () => null,
      (reason: unknown) => reason,
    );
    expect(causes(error).join(" | ")).toMatch(/readonly database/);
    expect(await t.db.$count(users)).toBe(0);
  });
});
