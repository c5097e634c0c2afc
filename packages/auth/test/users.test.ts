import { users } from "@boxoffice/db";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createSession, generateSessionToken, validateSessionToken } from "../src/session.ts";
import { authenticate, changePassword, registerUser } from "../src/users.ts";
import { uniqueEmail, useTestDatabase, type Driver } from "./test-database.ts";

// Both drivers: each reports the unique-index violation in its own error shape.
describe.each<Driver>(["libsql", "better-sqlite3"])("users on %s", (driver) => {
  const t = useTestDatabase(driver);

  it("registers a user with a lower-cased, trimmed email and a hashed password", async () => {
    const result = await registerUser(t.writer, {
      email: "  Alice@Example.COM ",
      name: " Alice ",
      password: "password123",
    });

    expect(result).toEqual({
      ok: true,
      user: { id: expect.any(Number), email: "alice@example.com", name: "Alice", role: "user" },
    });
    const [row] = await t.db.select().from(users).where(eq(users.email, "alice@example.com"));
    expect(row?.passwordHash.startsWith("$argon2id$")).toBe(true);
    expect(row?.passwordHash).not.toContain("password123");
  });

  it("refuses an email that is taken, whatever its case", async () => {
    const email = uniqueEmail("taken");
    expect(
      (await registerUser(t.writer, { email, name: "First", password: "password123" })).ok,
    ).toBe(true);

    const again = await registerUser(t.writer, { email, name: "Second", password: "other-pass" });
    const shouted = await registerUser(t.writer, {
      email: ` ${email.toUpperCase()}`,
      name: "Third",
      password: "other-pass",
    });

    expect(again).toEqual({ ok: false, reason: "EMAIL_TAKEN" });
    expect(shouted).toEqual({ ok: false, reason: "EMAIL_TAKEN" });
    const rows = await t.db.select().from(users).where(eq(users.email, email));
    expect(rows.map((row) => row.name)).toEqual(["First"]);
  });

  it("lets exactly one of five concurrent sign-ups with one email through", async () => {
    const email = uniqueEmail("race");
    const results = await Promise.all(
      ["a", "b", "c", "d", "e"].map((suffix, index) =>
        registerUser(t.writer, {
          email: index % 2 === 0 ? email : email.toUpperCase(),
          name: `Racer ${suffix}`,
          password: "password123",
        }),
      ),
    );

    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => !result.ok)).toEqual(
      Array.from({ length: 4 }, () => ({ ok: false, reason: "EMAIL_TAKEN" })),
    );
    const rows = await t.db.select().from(users).where(eq(users.email, email));
    expect(rows).toHaveLength(1);
  });

  it("authenticates the right password, in any email case, and nothing else", async () => {
    const email = uniqueEmail("login");
    const registered = await registerUser(t.writer, {
      email,
      name: "Login",
      password: "password123",
    });
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
    await registerUser(t.writer, { email, name: "Timing", password: "password123" });
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
    const registered = await registerUser(t.writer, {
      email,
      name: "Change",
      password: "old-password",
    });
    if (!registered.ok) throw new Error("registration failed");
    const userId = registered.user.id;
    const [current, other] = [generateSessionToken(), generateSessionToken()];
    const currentSession = await createSession(t.writer, current, userId);
    await createSession(t.writer, other, userId);

    expect(await changePassword(t.writer, userId, "new-password", currentSession.id)).toBe(true);

    expect(await validateSessionToken(t.db, t.writer, current)).not.toBeNull();
    expect(await validateSessionToken(t.db, t.writer, other)).toBeNull();
    expect(await authenticate(t.db, { email, password: "old-password" })).toBeNull();
    expect(await authenticate(t.db, { email, password: "new-password" })).toEqual(registered.user);
  });

  it("signs out every session when no session is kept, and reports a missing user", async () => {
    const email = uniqueEmail("change-all");
    const registered = await registerUser(t.writer, {
      email,
      name: "All",
      password: "old-password",
    });
    if (!registered.ok) throw new Error("registration failed");
    const token = generateSessionToken();
    await createSession(t.writer, token, registered.user.id);

    expect(await changePassword(t.writer, registered.user.id, "new-password")).toBe(true);
    expect(await validateSessionToken(t.db, t.writer, token)).toBeNull();
    expect(await changePassword(t.writer, 999_999, "whatever")).toBe(false);
  });
});
