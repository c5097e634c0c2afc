import { eq } from "drizzle-orm";
import {
  normalizeEmail,
  verifyAgainstDummy,
  verifyPassword,
  type SessionUser,
} from "@boxoffice/auth";
import { users, type ReadDatabase } from "@boxoffice/db";

const publicColumns = { id: users.id, email: users.email, name: users.name, role: users.role };

export async function findUserByEmail(
  db: ReadDatabase,
  email: string,
): Promise<SessionUser | undefined> {
  const [user] = await db
    .select(publicColumns)
    .from(users)
    .where(eq(users.email, normalizeEmail(email)));
  return user;
}

/**
 * The user these credentials belong to, or null. An unknown email costs one argon2
 * verification like a wrong password does, so timing does not tell them apart.
 */
export async function authenticate(
  db: ReadDatabase,
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

/** Whether `password` is the user's current password (before letting them change it). */
export async function isCurrentPassword(
  db: ReadDatabase,
  userId: number,
  password: string,
): Promise<boolean> {
  const [row] = await db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId));
  return row !== undefined && (await verifyPassword(row.passwordHash, password));
}

export async function findUserName(db: ReadDatabase, userId: number): Promise<string | undefined> {
  const [row] = await db.select({ name: users.name }).from(users).where(eq(users.id, userId));
  return row?.name;
}
