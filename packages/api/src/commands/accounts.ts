import { eq } from "drizzle-orm";
import { normalizeEmail, type SessionUser } from "@boxoffice/auth";
import { isUniqueViolation, users, type AppDatabase } from "@boxoffice/db";
import { refuse, succeed, type Outcome } from "./outcome.ts";
import { deleteSessionsOf } from "./sessions.ts";

const publicColumns = { id: users.id, email: users.email, name: users.name, role: users.role };

/**
 * Creates an account with role `user`. The password arrives hashed: argon2 runs before the
 * writer's transaction, never inside it. Whether the email is taken is decided by the
 * unique index inside the insert, not by a read before it, so concurrent sign-ups with one
 * email cannot both succeed.
 */
export async function registerUser(
  tx: AppDatabase,
  input: { email: string; name: string; passwordHash: string },
  now: number,
): Promise<Outcome<{ user: SessionUser }>> {
  const values = {
    email: normalizeEmail(input.email),
    name: input.name.trim(),
    passwordHash: input.passwordHash,
    createdAt: now,
  };
  try {
    const [user] = await tx.insert(users).values(values).returning(publicColumns);
    if (!user) throw new Error("INSERT INTO users returned no row");
    return succeed({ user });
  } catch (error) {
    // A failed statement undoes only itself, so the batch's transaction stays usable.
    if (isUniqueViolation(error, "users.email")) return refuse({ code: "EMAIL_TAKEN" });
    throw error;
  }
}

/**
 * Sets a new (already hashed) password and, in the same write, signs the user out of every
 * session but `keepSessionId` (the one making the change): whoever knew the old password
 * loses access.
 */
export async function changePassword(
  tx: AppDatabase,
  input: { userId: number; passwordHash: string; keepSessionId?: string | undefined },
): Promise<Outcome> {
  const [updated] = await tx
    .update(users)
    .set({ passwordHash: input.passwordHash })
    .where(eq(users.id, input.userId))
    .returning({ id: users.id });
  if (!updated) return refuse({ code: "NOT_FOUND", entity: "user" });
  await deleteSessionsOf(tx, input.userId, input.keepSessionId);
  return succeed({});
}
