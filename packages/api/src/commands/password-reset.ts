import { and, eq, gt, isNull } from "drizzle-orm";
import { passwordResets, users, type AppDatabase } from "@boxoffice/db";
import { refuse, succeed, type Outcome } from "./outcome.ts";
import { enqueueMessage } from "./outbox.ts";
import { deleteSessionsOf } from "./sessions.ts";

/** How long a reset link works. */
export const passwordResetLifetimeMs = 60 * 60 * 1000;

/**
 * A reset request. The router always runs it, for known and unknown emails alike, so both
 * take one trip through the writer and get the same answer. For a known email it stores the
 * token's hash (never the token) and writes the email carrying the token to the outbox; the
 * sender erases the token from the outbox row once the message is delivered.
 */
export async function requestPasswordReset(
  tx: AppDatabase,
  input: { email: string; token: string; resetId: string },
  now: number,
): Promise<Outcome> {
  const [user] = await tx
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, input.email))
    .limit(1);
  if (!user) return succeed({});
  const expiresAt = now + passwordResetLifetimeMs;
  await tx
    .insert(passwordResets)
    .values({ id: input.resetId, userId: user.id, expiresAt, createdAt: now });
  await enqueueMessage(
    tx,
    { kind: "password_reset", userId: user.id, payload: { token: input.token, expiresAt } },
    now,
  );
  return succeed({});
}

/**
 * Uses a reset link once: the guarded UPDATE takes only an unused, unexpired request, then
 * the new (already hashed) password is set, every other outstanding link of the account
 * stops working, and every session is signed out.
 */
export async function resetPassword(
  tx: AppDatabase,
  input: { resetId: string; passwordHash: string },
  now: number,
): Promise<Outcome<{ userId: number }>> {
  const [used] = await tx
    .update(passwordResets)
    .set({ usedAt: now })
    .where(
      and(
        eq(passwordResets.id, input.resetId),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, now),
      ),
    )
    .returning({ userId: passwordResets.userId });
  if (!used) return refuse({ code: "RESET_LINK_INVALID" });
  await tx.update(users).set({ passwordHash: input.passwordHash }).where(eq(users.id, used.userId));
  await tx
    .update(passwordResets)
    .set({ usedAt: now })
    .where(and(eq(passwordResets.userId, used.userId), isNull(passwordResets.usedAt)));
  await deleteSessionsOf(tx, used.userId);
  return succeed({ userId: used.userId });
}
