import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "@boxoffice/auth";
import { users } from "@boxoffice/db";
import { drivers } from "@boxoffice/db/testing";
import { openTestServices, signInAs, type TestServices } from "../../src/testing.ts";
import { authenticate } from "../../src/queries/users.ts";
import { resolveSession } from "../../src/session-resolution.ts";

let emails = 0;
const uniqueEmail = (prefix: string) => `${prefix}-${++emails}@example.com`;

// Both drivers: each reports the unique-index violation in its own error shape.
describe.each(drivers)("accounts on %s", (driver) => {
  let t: TestServices;
  let passwordHash: string;
  beforeAll(async () => {
    t = await openTestServices({ driver });
    passwordHash = await hashPassword("password123");
  });
  afterAll(async () => {
    await t.destroy();
  });

  const register = (email: string, name = "Someone", hash = passwordHash) =>
    t.commands.registerUser({ email, name, passwordHash: hash });

  it("registers a user with a lower-cased, trimmed email and the hash it was given", async () => {
    const result = await register("  Alice@Example.COM ", " Alice ");
    expect(result).toEqual({
      ok: true,
      logs: [],
      user: { id: expect.any(Number), email: "alice@example.com", name: "Alice", role: "user" },
    });
    const [row] = await t.db.select().from(users).where(eq(users.email, "alice@example.com"));
    expect(row?.passwordHash).toBe(passwordHash);
  });

  it("refuses an email that is taken, whatever its case", async () => {
    const email = uniqueEmail("taken");
    expect((await register(email, "First")).ok).toBe(true);
    expect(await register(email, "Second")).toEqual({
      ok: false,
      failure: { code: "EMAIL_TAKEN" },
    });
    expect(await register(` ${email.toUpperCase()}`, "Third")).toEqual({
      ok: false,
      failure: { code: "EMAIL_TAKEN" },
    });
    const rows = await t.db.select().from(users).where(eq(users.email, email));
    expect(rows.map((row) => row.name)).toEqual(["First"]);
  });

  it("lets exactly one of five concurrent sign-ups with one email through", async () => {
    const email = uniqueEmail("race");
    const results = await Promise.all(
      [0, 1, 2, 3, 4].map((i) => register(i % 2 === 0 ? email : email.toUpperCase(), `R${i}`)),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok)).toHaveLength(4);
    expect(await t.db.$count(users, eq(users.email, email))).toBe(1);
  });

  it("authenticates the right password, in any email case, and nothing else", async () => {
    const email = uniqueEmail("login");
    const registered = await register(email, "Login");
    if (!registered.ok) throw new Error("registration failed");
    expect(
      await authenticate(t.db, { email: email.toUpperCase(), password: "password123" }),
    ).toEqual(registered.user);
    expect(await authenticate(t.db, { email, password: "password124" })).toBeNull();
    expect(
      await authenticate(t.db, { email: uniqueEmail("nobody"), password: "password123" }),
    ).toBeNull();
  });

  it("spends about as long on an unknown email as on a wrong password", async () => {
    const email = uniqueEmail("timing");
    await register(email, "Timing");
    const fastest = async (credentials: { email: string; password: string }) => {
      let best = Number.POSITIVE_INFINITY;
      for (let run = 0; run < 3; run++) {
        const started = performance.now();
        expect(await authenticate(t.db, credentials)).toBeNull();
        best = Math.min(best, performance.now() - started);
      }
      return best;
    };
    const wrongPassword = await fastest({ email, password: "wrong-password" });
    const unknownEmail = await fastest({ email: uniqueEmail("ghost"), password: "wrong-password" });
    // Without the dummy verification an unknown email answers in well under a tenth of the time.
    expect(unknownEmail).toBeGreaterThan(wrongPassword * 0.4);
  });

  it("changes the password and signs out every other session of that user", async () => {
    const email = uniqueEmail("change");
    const registered = await register(email, "Change", await hashPassword("old-password"));
    if (!registered.ok) throw new Error("registration failed");
    const userId = registered.user.id;
    const current = await signInAs(t, userId);
    const other = await signInAs(t, userId);
    const currentSession = await resolveSession(t, current);

    const changed = await t.commands.changePassword({
      userId,
      passwordHash: await hashPassword("new-password"),
      keepSessionId: currentSession?.session.id,
    });

    expect(changed).toEqual({ ok: true, logs: [] });
    expect(await resolveSession(t, current)).not.toBeNull();
    expect(await resolveSession(t, other)).toBeNull();
    expect(await authenticate(t.db, { email, password: "old-password" })).toBeNull();
    expect(await authenticate(t.db, { email, password: "new-password" })).toEqual(registered.user);
  });

  it("signs out every session when none is kept, and refuses a missing user", async () => {
    const registered = await register(uniqueEmail("change-all"), "All");
    if (!registered.ok) throw new Error("registration failed");
    const token = await signInAs(t, registered.user.id);

    expect((await t.commands.changePassword({ userId: registered.user.id, passwordHash })).ok).toBe(
      true,
    );
    expect(await resolveSession(t, token)).toBeNull();
    expect(await t.commands.changePassword({ userId: 999_999, passwordHash })).toEqual({
      ok: false,
      failure: { code: "NOT_FOUND", entity: "user" },
    });
  });
});
