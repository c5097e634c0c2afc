import { and, count, eq } from "drizzle-orm";
import { bookingLogs, bookings, events, type AppDatabase, type Booking } from "@boxoffice/db";
import { refuse, succeed, type Outcome } from "./outcome.ts";
import { afterBookingCancelled } from "./booking-cancelled.ts";
import { closeWaitlist } from "./seats-freed.ts";

export type DeleteEventOutcome = Outcome<{ cancelledBookings: Booking[] }>;

/**
 * Deletes an event. With confirmed bookings it is refused unless forced; forcing cancels
 * them first, each logged so their holders hear of it, then logs the deletion itself.
 * The logs outlive the event (booking_logs has no foreign key to it).
 */
export async function deleteEvent(
  tx: AppDatabase,
  input: { eventId: number; force: boolean; actorId: number },
  now: number,
): Promise<DeleteEventOutcome> {
  const [event] = await tx
    .select({
      title: events.title,
      capacity: events.capacity,
      availableSeats: events.availableSeats,
      heldSeats: events.heldSeats,
    })
    .from(events)
    .where(eq(events.id, input.eventId))
    .limit(1);
  if (!event) return refuse({ code: "NOT_FOUND", entity: "event" });

  const confirmed = and(eq(bookings.eventId, input.eventId), eq(bookings.status, "confirmed"));
  if (!input.force) {
    const [held] = await tx.select({ n: count() }).from(bookings).where(confirmed);
    if (held && held.n > 0) return refuse({ code: "HAS_BOOKINGS", confirmedBookings: held.n });
  }

  const leftList = await closeWaitlist(
    tx,
    input.eventId,
    { actorId: input.actorId, reason: "event_deleted", withdrawOffers: true },
    now,
  );
  const cancelledBookings = await tx
    .update(bookings)
    .set({ status: "cancelled", cancelledAt: now })
    .where(confirmed)
    .returning();
  for (const booking of cancelledBookings) {
    await afterBookingCancelled(tx, booking, { byOrganiser: true }, now);
  }

  let available = event.availableSeats + event.heldSeats;
  const entries: (typeof bookingLogs.$inferInsert)[] = cancelledBookings.map((booking) => {
    available += booking.seats;
    return {
      eventId: input.eventId,
      bookingId: booking.id,
      userId: booking.userId,
      actorId: input.actorId,
      action: "cancelled" as const,
      seats: booking.seats,
      availableAfter: available,
      capacityAfter: event.capacity,
      createdAt: now,
    };
  });
  entries.push({
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
  });
  const logs = await tx.insert(bookingLogs).values(entries).returning();
  await tx.delete(events).where(eq(events.id, input.eventId));
  return succeed({ cancelledBookings }, [...leftList, ...logs]);
}
