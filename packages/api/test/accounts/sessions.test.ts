import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSessionToken, sessionIdOf, sessionLifetimeMs } from "@boxoffice/auth";
import { sessions } from "@boxoffice/db";
import { drivers } from "@boxoffice/db/testing";
import { addTestUser, openTestServices, signInAs, type TestServices } from "../../src/testing.ts";
import { resolveSession } from "../../src/session-resolution.ts";

const dayMs = 24 * 60 * 60 * 1000;

// Both drivers: the session reads and commands must behave the same on each.
describe.each(drivers)("sessions on %s", (driver) => {
  let t: TestServices;
  /** The services' clock: tests move it instead of editing rows. */
  let now = Date.UTC(2026, 0, 1);
  let users = 0;
  beforeAll(async () => {
    t = await openTestServices({ driver, clock: () => now });
  });
  afterAll(async () => {
    await t.destroy();
  });

  const newUser = async () => (await addTestUser(t, `user-${++users}@example.com`)).id;
  const stored = async (token: string) =>
    (
      await t.db
        .select()
        .from(sessions)
        .where(eq(sessions.id, sessionIdOf(token)))
    )[0];

  it("starts a session that resolves to its user, storing only the token's SHA-256", async () => {
    const userId = await newUser();
    const token = await signInAs(t, userId);

    const resolved = await resolveSession(t, token);
    expect(resolved).toEqual({
      session: { id: sessionIdOf(token), userId, expiresAt: now + sessionLifetimeMs },
      user: { id: userId, email: `user-${users}@example.com`, name: `user-${users}`, role: "user" },
    });
    const everyRow = await t.db.select().from(sessions);
    expect(JSON.stringify(everyRow)).not.toContain(token);
  });

  it("resolves nothing for unknown tokens, or the stored hash used as a token", async () => {
    const token = await signInAs(t, await newUser());
    expect(await resolveSession(t, generateSessionToken())).toBeNull();
    expect(await resolveSession(t, "")).toBeNull();
    expect(await resolveSession(t, sessionIdOf(token))).toBeNull();
  });

  it("ends an expired session", async () => {
    const token = await signInAs(t, await newUser());
    now += sessionLifetimeMs;
    expect(await resolveSession(t, token)).toBeNull();
    expect(await stored(token)).toBeUndefined();
  });

  it("extends a session used within 15 days of expiry by a full lifetime", async () => {
    const token = await signInAs(t, await newUser());
    now += 20 * dayMs;
    const resolved = await resolveSession(t, token);
    expect(resolved?.session.expiresAt).toBe(now + sessionLifetimeMs);
    expect((await stored(token))?.expiresAt).toBe(now + sessionLifetimeMs);
  });

  it("leaves a session with more than 15 days left as it is", async () => {
    const token = await signInAs(t, await newUser());
    const expiresAt = (await stored(token))?.expiresAt;
    now += 10 * dayMs;
    expect((await resolveSession(t, token))?.session.expiresAt).toBe(expiresAt);
    expect((await stored(token))?.expiresAt).toBe(expiresAt);
  });

  it("ends one session and leaves the user's others", async () => {
    const userId = await newUser();
    const [first, second] = [await signInAs(t, userId), await signInAs(t, userId)];
    expect(await t.commands.endSession({ sessionId: sessionIdOf(first) })).toEqual({
      ok: true,
      logs: [],
    });
    expect(await resolveSession(t, first)).toBeNull();
    expect(await resolveSession(t, second)).not.toBeNull();
  });

  it("refuses to extend a session that was ended meanwhile", async () => {
    const token = await signInAs(t, await newUser());
    await t.commands.endSession({ sessionId: sessionIdOf(token) });
    expect(await t.commands.extendSession({ sessionId: sessionIdOf(token) })).toEqual({
      ok: false,
      failure: { code: "NOT_FOUND", entity: "session" },
    });
  });

  it("signs a demoted admin out everywhere, and nobody else", async () => {
    const admin = await addTestUser(t, `admin-${++users}@example.com`, "admin");
    await addTestUser(t, `admin-${++users}@example.com`, "admin");
    const bystander = await newUser();
    const tokens = [await signInAs(t, admin.id), await signInAs(t, admin.id)];
    const otherToken = await signInAs(t, bystander);

    expect((await t.commands.setRole({ userId: admin.id, role: "user" })).ok).toBe(true);
    for (const token of tokens) expect(await resolveSession(t, token)).toBeNull();
    expect(await resolveSession(t, otherToken)).not.toBeNull();
  });
});
