import { and, eq } from "drizzle-orm";
import { eventStaff, type AppDatabase } from "@boxoffice/db";
import { succeed, type Outcome } from "./outcome.ts";

/** Lets a user scan tickets of one event. Adding someone twice changes nothing. */
export async function addEventStaff(
  tx: AppDatabase,
  input: { eventId: number; userId: number; addedBy: number },
  now: number,
): Promise<Outcome<{ added: boolean }>> {
  const added = await tx
    .insert(eventStaff)
    .values({ ...input, createdAt: now })
    .onConflictDoNothing()
    .returning({ userId: eventStaff.userId });
  return succeed({ added: added.length > 0 });
}

/** Takes a user off an event's door staff; removing someone who is not there is not an error. */
export async function removeEventStaff(
  tx: AppDatabase,
  input: { eventId: number; userId: number },
): Promise<Outcome<{ removed: boolean }>> {
  const removed = await tx
    .delete(eventStaff)
    .where(and(eq(eventStaff.eventId, input.eventId), eq(eventStaff.userId, input.userId)))
    .returning({ userId: eventStaff.userId });
  return succeed({ removed: removed.length > 0 });
}
