import { and, eq, sql } from "drizzle-orm";
import { users, type AppDatabase } from "@boxoffice/db";
import { refuse, succeed, type Outcome } from "./outcome.ts";
import { deleteSessionsOf } from "./sessions.ts";

export type Role = "user" | "admin";

export type SetRoleOutcome = Outcome<{
  user: { id: number; email: string; name: string; role: Role };
}>;

/**
 * Promotes or demotes. A demotion is refused when it would leave no admin (decided in the
 * same guarded statement, so two admins demoting each other cannot both succeed), and
 * signs the demoted user out everywhere so no session keeps admin powers.
 */
export async function setRole(
  tx: AppDatabase,
  input: { userId: number; role: Role },
): Promise<SetRoleOutcome> {
  const keepsAnAdmin =
    input.role === "admin"
      ? undefined
      : sql`(SELECT COUNT(*) FROM ${users} WHERE ${users.role} = 'admin' AND ${users.id} != ${input.userId}) > 0`;
  const [user] = await tx
    .update(users)
    .set({ role: input.role })
    .where(and(eq(users.id, input.userId), keepsAnAdmin))
    .returning({ id: users.id, email: users.email, name: users.name, role: users.role });
  if (!user) {
    const [exists] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(users.id, input.userId));
    return refuse(exists ? { code: "LAST_ADMIN" } : { code: "NOT_FOUND", entity: "user" });
  }
  if (input.role === "user") await deleteSessionsOf(tx, input.userId);
  return succeed({ user });
}
