import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { sessions } from "@boxoffice/db";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  createSession,
  generateSessionToken,
  invalidateSession,
  invalidateUserSessions,
  sessionLifetimeMs,
  sessionRenewalWindowMs,
  validateSessionToken,
} from "../src/session.ts";
import { insertUser, useTestDatabase, type Driver } from "./test-database.ts";

const dayMs = 24 * 60 * 60 * 1000;

describe("generateSessionToken", () => {
  it("makes 160-bit base32 tokens that do not repeat", () => {
    const tokens = new Set(Array.from({ length: 1000 }, generateSessionToken));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) expect(token).toMatch(/^[a-z2-7]{32}$/);
  });

  it("uses a 30-day lifetime renewed in the last 15 days", () => {
    expect(sessionLifetimeMs).toBe(30 * dayMs);
    expect(sessionRenewalWindowMs).toBe(15 * dayMs);
  });
});

// Both drivers: the session queries and writes must behave the same on each.
describe.each<Driver>(["libsql", "better-sqlite3"])("sessions on %s", (driver) => {
  const t = useTestDatabase(driver);

  async function setExpiry(sessionId: string, expiresAt: number) {
    await t.writer.run((tx) =>
      tx.update(sessions).set({ expiresAt }).where(eq(sessions.id, sessionId)),
    );
  }

  async function storedSession(sessionId: string) {
    const [row] = await t.db.select().from(sessions).where(eq(sessions.id, sessionId));
    return row;
  }

  it("creates a session that validates to its user, without the password hash", async () => {
    const userId = await insertUser(t.writer, `alice-${driver}@example.com`);
    const token = generateSessionToken();
    const before = Date.now();
    const session = await createSession(t.writer, token, userId);

    expect(session.userId).toBe(userId);
    expect(session.expiresAt).toBeGreaterThanOrEqual(before + sessionLifetimeMs);
    expect(session.expiresAt).toBeLessThanOrEqual(Date.now() + sessionLifetimeMs);

    const result = await validateSessionToken(t.db, t.writer, token);
    expect(result).toEqual({
      session,
      user: { id: userId, email: `alice-${driver}@example.com`, name: "Test User", role: "user" },
    });
  });

  it("stores only the SHA-256 of the token", async () => {
    const userId = await insertUser(t.writer);
    const token = generateSessionToken();
    const session = await createSession(t.writer, token, userId);

    const expectedId = encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
    expect(session.id).toBe(expectedId);
    expect(session.id).toMatch(/^[0-9a-f]{64}$/);
    const everyRow = await t.db.select().from(sessions);
    expect(JSON.stringify(everyRow)).not.toContain(token);
    expect(everyRow.map((row) => row.id)).toContain(expectedId);
  });

  it("rejects unknown tokens, and the stored hash used as a token", async () => {
    const userId = await insertUser(t.writer);
    const token = generateSessionToken();
    const session = await createSession(t.writer, token, userId);

    expect(await validateSessionToken(t.db, t.writer, generateSessionToken())).toBeNull();
    expect(await validateSessionToken(t.db, t.writer, "")).toBeNull();
    expect(await validateSessionToken(t.db, t.writer, session.id)).toBeNull();
  });

  it("deletes an expired session and rejects it", async () => {
    const userId = await insertUser(t.writer);
    const token = generateSessionToken();
    const session = await createSession(t.writer, token, userId);
    await setExpiry(session.id, Date.now() - 1);

    expect(await validateSessionToken(t.db, t.writer, token)).toBeNull();
    expect(await storedSession(session.id)).toBeUndefined();
  });

  it("extends a session used within 15 days of expiry by a full lifetime", async () => {
    const userId = await insertUser(t.writer);
    const token = generateSessionToken();
    const session = await createSession(t.writer, token, userId);
    await setExpiry(session.id, Date.now() + 10 * dayMs);

    const before = Date.now();
    const result = await validateSessionToken(t.db, t.writer, token);

    expect(result?.session.expiresAt).toBeGreaterThanOrEqual(before + sessionLifetimeMs);
    expect((await storedSession(session.id))?.expiresAt).toBe(result?.session.expiresAt);
  });

  it("leaves a session with more than 15 days left as it is", async () => {
    const userId = await insertUser(t.writer);
    const token = generateSessionToken();
    const session = await createSession(t.writer, token, userId);
    const expiresAt = Date.now() + 20 * dayMs;
    await setExpiry(session.id, expiresAt);

    const result = await validateSessionToken(t.db, t.writer, token);

    expect(result?.session.expiresAt).toBe(expiresAt);
    expect((await storedSession(session.id))?.expiresAt).toBe(expiresAt);
  });

  it("invalidates one session and leaves the user's others", async () => {
    const userId = await insertUser(t.writer);
    const [first, second] = [generateSessionToken(), generateSessionToken()];
    const firstSession = await createSession(t.writer, first, userId);
    await createSession(t.writer, second, userId);

    await invalidateSession(t.writer, firstSession.id);

    expect(await validateSessionToken(t.db, t.writer, first)).toBeNull();
    expect(await validateSessionToken(t.db, t.writer, second)).not.toBeNull();
  });

  it("invalidates all of a user's sessions, optionally but one, and nobody else's", async () => {
    const userId = await insertUser(t.writer);
    const otherUserId = await insertUser(t.writer);
    const [kept, second, third] = [
      generateSessionToken(),
      generateSessionToken(),
      generateSessionToken(),
    ];
    const keptSession = await createSession(t.writer, kept, userId);
    await Promise.all([second, third].map((token) => createSession(t.writer, token, userId)));
    const otherToken = generateSessionToken();
    await createSession(t.writer, otherToken, otherUserId);
    const validate = (token: string) => validateSessionToken(t.db, t.writer, token);

    await invalidateUserSessions(t.writer, userId, keptSession.id);
    expect(await validate(kept)).not.toBeNull();
    expect(await validate(second)).toBeNull();
    expect(await validate(third)).toBeNull();

    await invalidateUserSessions(t.writer, userId);
    expect(await validate(kept)).toBeNull();
    expect(await validate(otherToken)).not.toBeNull();
  });
});
