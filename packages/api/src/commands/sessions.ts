import { and, eq, ne } from "drizzle-orm";
import { sessionLifetimeMs } from "@boxoffice/auth";
import { sessions, type AppDatabase, type Session } from "@boxoffice/db";
import { refuse, succeed, type Outcome } from "./outcome.ts";

/**
 * Sessions are stored by the SHA-256 of their token (see @boxoffice/auth's sessionIdOf);
 * the token itself never reaches these commands.
 */
export async function startSession(
  tx: AppDatabase,
  input: { sessionId: string; userId: number },
  now: number,
): Promise<Outcome<{ session: Session }>> {
  const session: Session = {
    id: input.sessionId,
    userId: input.userId,
    expiresAt: now + sessionLifetimeMs,
  };
  await tx.insert(sessions).values(session);
  return succeed({ session });
}

/** Signing out; ending a session that is already gone is not an error. */
export async function endSession(tx: AppDatabase, input: { sessionId: string }): Promise<Outcome> {
  await tx.delete(sessions).where(eq(sessions.id, input.sessionId));
  return succeed({});
}

/** Sliding expiry: a session in use gets a full lifetime again. */
export async function extendSession(
  tx: AppDatabase,
  input: { sessionId: string },
  now: number,
): Promise<Outcome<{ expiresAt: number }>> {
  const expiresAt = now + sessionLifetimeMs;
  const [extended] = await tx
    .update(sessions)
    .set({ expiresAt })
    .where(eq(sessions.id, input.sessionId))
    .returning({ id: sessions.id });
  // Signed out between the caller's read and this write: the sign-out wins.
  return extended ? succeed({ expiresAt }) : refuse({ code: "NOT_FOUND", entity: "session" });
}

/**
 * Signs a user out everywhere (but `exceptSessionId`, the session making the change), inside
 * the caller's transaction: a demotion or a password change takes effect with its write.
 */
export async function deleteSessionsOf(
  tx: AppDatabase,
  userId: number,
  exceptSessionId?: string,
): Promise<void> {
  await tx
    .delete(sessions)
    .where(
      exceptSessionId === undefined
        ? eq(sessions.userId, userId)
        : and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId)),
    );
}
