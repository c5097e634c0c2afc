import { and, eq, sql } from "drizzle-orm";
import { bookingLogs, users, type AppDatabase } from "@boxoffice/db";
import { refuse, succeed, type Outcome } from "./outcome.ts";
import { deleteSessionsOf } from "./sessions.ts";

export type Role = "user" | "admin";

export type SetRoleOutcome = Outcome<{
  user: { id: number; email: string; name: string; role: Role };
}>;

/**
 * Promotes or demotes. A demotion is refused when it would leave no admin (decided in the
 * same guarded statement, so two admins demoting each other cannot both succeed), and
 * signs the demoted user out everywhere so no session keeps admin powers. A real change is
 * a `role_changed` row, which reaches the user's open pages (auth.onSession).
 */
export async function setRole(
  tx: AppDatabase,
  input: { userId: number; role: Role; actorId?: number | null },
  now: number,
): Promise<SetRoleOutcome> {
  const [before] = await tx
    .select({ role: users.role })
    .from(users)
    .where(eq(users.id, input.userId))
    .limit(1);
  if (!before) return refuse({ code: "NOT_FOUND", entity: "user" });
  const keepsAnAdmin =
    input.role === "admin"
      ? undefined
      : sql`(SELECT COUNT(*) FROM ${users} WHERE ${users.role} = 'admin' AND ${users.id} != ${input.userId}) > 0`;
  const [user] = await tx
    .update(users)
    .set({ role: input.role })
    .where(and(eq(users.id, input.userId), keepsAnAdmin))
    .returning({ id: users.id, email: users.email, name: users.name, role: users.role });
  if (!user) return refuse({ code: "LAST_ADMIN" });
  if (input.role === "user") await deleteSessionsOf(tx, input.userId);
  if (before.role === input.role) return succeed({ user });
  const logs = await tx
    .insert(bookingLogs)
    .values({
      eventId: null,
      userId: input.userId,
      actorId: input.actorId ?? null,
      action: "role_changed",
      seats: 0,
      availableAfter: 0,
      capacityAfter: 0,
      detail: { role: input.role, previousRole: before.role },
      createdAt: now,
    })
    .returning();
  return succeed({ user }, logs);
}
