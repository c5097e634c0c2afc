import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import {
  sessions,
  users,
  type AppDatabase,
  type Session,
  type User,
  type Writer,
} from "@boxoffice/db";
import { and, eq, ne, sql } from "drizzle-orm";

const dayMs = 24 * 60 * 60 * 1000;

/** How long a session lives after it is created or last extended. */
export const sessionLifetimeMs = 30 * dayMs;
/** A session used within this long of expiring is extended by a full lifetime (sliding expiry). */
export const sessionRenewalWindowMs = 15 * dayMs;

/** What a valid session says about its holder; never the password hash. */
export type SessionUser = Pick<User, "id" | "email" | "name" | "role">;

export interface SessionValidation {
  session: Session;
  user: SessionUser;
}

/** 20 random bytes (160 bits) as 32 base32 characters: unguessable and cookie-safe. */
export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/**
 * Only this hash is stored, so a leaked database (or backup) holds no usable tokens.
 * SHA-256 without salt is enough: the token already carries 160 bits of randomness.
 */
export function sessionIdOf(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(
  writer: Writer,
  token: string,
  userId: number,
): Promise<Session> {
  const session: Session = {
    id: sessionIdOf(token),
    userId,
    expiresAt: Date.now() + sessionLifetimeMs,
  };
  await writer.run(async (tx) => {
    await tx.insert(sessions).values(session);
  });
  return session;
}

/**
 * The lookup behind every signed-in request, built once per database: building this join
 * with drizzle costs several times what SQLite takes to answer it.
 */
function prepareLookup(db: AppDatabase) {
  return db
    .select({
      session: sessions,
      user: { id: users.id, email: users.email, name: users.name, role: users.role },
    })
    .from(sessions)
    .innerJoin(users, eq(sessions.userId, users.id))
    .where(eq(sessions.id, sql.placeholder("sessionId")))
    .prepare();
}

const lookups = new WeakMap<AppDatabase, ReturnType<typeof prepareLookup>>();

/**
 * The session and user a token stands for, or null. Reads on the reader and writes only
 * when something changes: an expired session is deleted, and one close to expiry is
 * extended, so an active user stays signed in while an idle one is signed out.
 */
export async function validateSessionToken(
  db: AppDatabase,
  writer: Writer,
  token: string,
): Promise<SessionValidation | null> {
  const sessionId = sessionIdOf(token);
  let lookup = lookups.get(db);
  if (!lookup) {
    lookup = prepareLookup(db);
    lookups.set(db, lookup);
  }
  const rows = await lookup.all({ sessionId });
  const row = rows[0];
  if (!row) return null;

  const now = Date.now();
  if (now >= row.session.expiresAt) {
    await invalidateSession(writer, sessionId);
    return null;
  }
  if (now >= row.session.expiresAt - sessionRenewalWindowMs) {
    const expiresAt = now + sessionLifetimeMs;
    const extended = await writer.run((tx) =>
      tx
        .update(sessions)
        .set({ expiresAt })
        .where(eq(sessions.id, sessionId))
        .returning({ id: sessions.id }),
    );
    // Signed out between the read and this write: the sign-out wins.
    if (extended.length === 0) return null;
    return { session: { ...row.session, expiresAt }, user: row.user };
  }
  return row;
}

/**
 * Whether a session still stands (not signed out, revoked or expired). For long-lived
 * channels such as a WebSocket, which authenticate once but act for hours.
 */
export async function isSessionLive(db: AppDatabase, sessionId: string): Promise<boolean> {
  const [row] = await db
    .select({ expiresAt: sessions.expiresAt })
    .from(sessions)
    .where(eq(sessions.id, sessionId))
    .limit(1);
  return row !== undefined && row.expiresAt > Date.now();
}

export async function invalidateSession(writer: Writer, sessionId: string): Promise<void> {
  await writer.run(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.id, sessionId));
  });
}

/** Signs a user out everywhere, optionally except the session making the request. */
export async function invalidateUserSessions(
  writer: Writer,
  userId: number,
  exceptSessionId?: string,
): Promise<void> {
  await writer.run(async (tx) => {
    await tx.delete(sessions).where(userSessionsExcept(userId, exceptSessionId));
  });
}

/** Shared with changePassword, which deletes the same rows inside its own write. */
export function userSessionsExcept(userId: number, exceptSessionId?: string) {
  return exceptSessionId === undefined
    ? eq(sessions.userId, userId)
    : and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId));
}
