import { eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase, drivers, type TestDatabase } from "../src/testing.ts";
import { users } from "../src/schema.ts";

const newUser = (email: string) => ({ email, name: "Test", passwordHash: "x" });

describe.each(drivers)("group-commit writer on %s", (driver) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await createTestDatabase(driver);
  });
  afterEach(async () => {
    await t.destroy();
  });

  it("opens the file in WAL mode with foreign keys on, migrated", async () => {
    expect(await t.db.all(sql`PRAGMA journal_mode`)).toEqual([{ journal_mode: "wal" }]);
    expect(await t.db.all(sql`PRAGMA foreign_keys`)).toEqual([{ foreign_keys: 1 }]);
    expect(await t.db.select().from(users)).toEqual([]);
  });

  it("commits many concurrent jobs together and resolves each with its own result", async () => {
    const ids = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        t.writer.run(async (tx) => {
          const [row] = await tx
            .insert(users)
            .values(newUser(`u${i}@x.test`))
            .returning();
          return row?.email;
        }),
      ),
    );
    expect(ids).toEqual(Array.from({ length: 200 }, (_, i) => `u${i}@x.test`));
    expect(await t.db.$count(users)).toBe(200);
  });

  it("rolls back only the failing job; its neighbours commit in order", async () => {
    const results = await Promise.allSettled([
      t.writer.run(async (tx) => tx.insert(users).values(newUser("a@x.test"))),
      t.writer.run(async (tx) => {
        await tx.insert(users).values(newUser("b@x.test"));
        throw new Error("job failed after writing");
      }),
      // violates the unique email index: a database error inside one job
      t.writer.run(async (tx) => tx.insert(users).values(newUser("a@x.test"))),
      t.writer.run(async (tx) => tx.insert(users).values(newUser("c@x.test"))),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      "fulfilled",
      "rejected",
      "rejected",
      "fulfilled",
    ]);
    const emails = (await t.db.select({ email: users.email }).from(users).orderBy(users.id)).map(
      (u) => u.email,
    );
    expect(emails).toEqual(["a@x.test", "c@x.test"]);
  });

  it("resolves only after the data is visible to readers", async () => {
    await t.writer.run(async (tx) => tx.insert(users).values(newUser("seen@x.test")));
    const [row] = await t.db.select().from(users).where(eq(users.email, "seen@x.test"));
    expect(row?.email).toBe("seen@x.test");
  });

  it("commits early jobs while the process is still taking in later ones", async () => {
    // Timers due together all run before any setImmediate, as a poll phase full of
    // readable sockets does: each "request" takes a little CPU, then queues its job.
    await t.destroy();
    t = await createTestDatabase(driver, { maxWaitMs: 1 });
    const writer = t.writer;
    const requests = 40;
    let takenIn = 0;
    const takenInWhenCommitted: number[] = [];
    const jobs: Promise<unknown>[] = [];
    await new Promise<void>((resolve) => {
      for (let i = 0; i < requests; i++) {
        setTimeout(() => {
          const busyUntil = performance.now() + 2;
          while (performance.now() < busyUntil);
          takenIn++;
          jobs.push(
            writer
              .run((tx) => tx.insert(users).values(newUser(`flood${i}@x.test`)))
              .then(() => takenInWhenCommitted.push(takenIn)),
          );
          if (takenIn === requests) resolve();
        }, 0);
      }
    });
    await Promise.all(jobs);
    expect(takenInWhenCommitted).toHaveLength(requests);
    expect(takenInWhenCommitted[0]).toBeLessThan(requests);
    expect(await t.db.$count(users)).toBe(requests);
  });

  it("refuses work after close", async () => {
    await t.writer.close();
    await expect(t.writer.run(async () => 1)).rejects.toThrow(/shut down/);
  });
});
