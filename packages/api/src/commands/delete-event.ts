import { and, count, eq } from "drizzle-orm";
import { bookingLogs, bookings, events, type AppDatabase } from "@boxoffice/db";
import { refuse, succeed, type Outcome } from "./outcome.ts";
import { closeWaitlist } from "./seats-freed.ts";

export type DeleteEventOutcome = Outcome<{ title: string }>;

/**
 * Deletes an event that nobody holds seats for: one created by mistake, or (an admin's
 * purge) one that was cancelled, whose cancelled bookings go with it. An event with
 * confirmed bookings is never deleted; it is cancelled (cancel-event.ts), which keeps the
 * bookings and tells their holders. The logs outlive the event (booking_logs has no foreign
 * key to it), with its title in the deletion's row.
 */
export async function deleteEvent(
  tx: AppDatabase,
  input: { eventId: number; actorId: number },
  now: number,
): Promise<DeleteEventOutcome> {
  const [event] = await tx
    .select({ title: events.title })
    .from(events)
    .where(eq(events.id, input.eventId))
    .limit(1);
  if (!event) return refuse({ code: "NOT_FOUND", entity: "event" });

  const [held] = await tx
    .select({ n: count() })
    .from(bookings)
    .where(and(eq(bookings.eventId, input.eventId), eq(bookings.status, "confirmed")));
  if (held && held.n > 0) return refuse({ code: "HAS_BOOKINGS", confirmedBookings: held.n });

  // Offers still open hold seats of the event: they end with it (their holders hear why).
  const leftList = await closeWaitlist(
    tx,
    input.eventId,
    { actorId: input.actorId, reason: "event_deleted", withdrawOffers: true },
    now,
  );
  const logs = await tx
    .insert(bookingLogs)
    .values({
      eventId: input.eventId,
      userId: input.actorId,
      actorId: input.actorId,
      action: "event_deleted",
      seats: 0,
      availableAfter: 0,
      capacityAfter: 0,
      // The audit log still names the event once it is gone.
      detail: { eventTitle: event.title },
      createdAt: now,
    })
    .returning();
  await tx.delete(events).where(eq(events.id, input.eventId));
  return succeed({ title: event.title }, [...leftList, ...logs]);
}
