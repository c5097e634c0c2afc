import { sessions, users, type AppDatabase, type Writer } from "@boxoffice/db";
import { eq } from "drizzle-orm";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "./password.ts";
import { userSessionsExcept, type SessionUser } from "./session.ts";
import { isUniqueViolation } from "./unique-violation.ts";

const publicColumns = { id: users.id, email: users.email, name: users.name, role: users.role };

/** Emails are compared and stored trimmed and lower-case, so one person gets one account. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export interface Registration {
  email: string;
  name: string;
  password: string;
}

export type RegisterResult = { ok: true; user: SessionUser } | { ok: false; reason: "EMAIL_TAKEN" };

/**
 * Creates an account with role `user`. Whether the email is taken is decided by the
 * unique index inside the insert, not by a read before it, so concurrent sign-ups with
 * one email cannot both succeed. Input shape (lengths, email syntax) is the caller's
 * validation to do.
 */
export async function registerUser(writer: Writer, input: Registration): Promise<RegisterResult> {
  // Hash before queueing: the writer's transaction must not wait on argon2.
  const passwordHash = await hashPassword(input.password);
  const values = { email: normalizeEmail(input.email), name: input.name.trim(), passwordHash };
  return writer.run(async (tx): Promise<RegisterResult> => {
    try {
      const [user] = await tx.insert(users).values(values).returning(publicColumns);
      if (!user) throw new Error("INSERT INTO users returned no row");
      return { ok: true, user };
    } catch (error) {
      // A failed statement undoes only itself, so the batch's transaction stays usable.
      if (isUniqueViolation(error, "users.email")) return { ok: false, reason: "EMAIL_TAKEN" };
      throw error;
    }
  });
}

/**
 * The user these credentials belong to, or null. An unknown email costs one argon2
 * verification like a wrong password does, so timing does not tell them apart.
 */
export async function authenticate(
  db: AppDatabase,
  credentials: { email: string; password: string },
): Promise<SessionUser | null> {
  const [row] = await db
    .select({ ...publicColumns, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, normalizeEmail(credentials.email)));
  if (!row) return verifyAgainstDummy(credentials.password).then(() => null);
  const { passwordHash, ...user } = row;
  return (await verifyPassword(passwordHash, credentials.password)) ? user : null;
}

/**
 * Sets a new password and, in the same write, signs the user out of every session but
 * `keepSessionId` (the one making the change): whoever knew the old password loses access.
 * Resolves false when the user does not exist.
 */
export async function changePassword(
  writer: Writer,
  userId: number,
  newPassword: string,
  keepSessionId?: string,
): Promise<boolean> {
  const passwordHash = await hashPassword(newPassword);
  return writer.run(async (tx) => {
    const updated = await tx
      .update(users)
      .set({ passwordHash })
      .where(eq(users.id, userId))
      .returning({ id: users.id });
    if (updated.length === 0) return false;
    await tx.delete(sessions).where(userSessionsExcept(userId, keepSessionId));
    return true;
  });
}
