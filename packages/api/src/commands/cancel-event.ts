import { and, eq, sql } from "drizzle-orm";
import { bookingLogs, bookings, events, type AppDatabase, type Event } from "@boxoffice/db";
import { eventColumns } from "../event-columns.ts";
import { afterBookingCancelled } from "./booking-cancelled.ts";
import { refuse, succeed, type Outcome } from "./outcome.ts";
import { closeWaitlist } from "./seats-freed.ts";

export type CancelEventOutcome = Outcome<{ event: Event; cancelledBookings: number }>;

/**
 * Cancels an event instead of deleting it: the event keeps its page, marked cancelled with
 * the organiser's message, and every confirmed booking becomes `cancelled_by_organiser`, its
 * seats given back (relatively, so the invariant holds), its holder told live (a `cancelled`
 * row on the change feed) and by email, its tickets voided (afterBookingCancelled). Its
 * waiting list ends too: open offers are withdrawn, their held seats returned.
 */
export async function cancelEvent(
  tx: AppDatabase,
  input: { eventId: number; message: string; actorId: number },
  now: number,
): Promise<CancelEventOutcome> {
  const [marked] = await tx
    .update(events)
    .set({
      status: "cancelled",
      cancelledAt: now,
      cancellationMessage: input.message,
      updatedAt: now,
    })
    .where(and(eq(events.id, input.eventId), eq(events.status, "scheduled")))
    .returning({ id: events.id });
  if (!marked) {
    const [existing] = await tx
      .select({ id: events.id })
      .from(events)
      .where(eq(events.id, input.eventId))
      .limit(1);
    return refuse(
      existing ? { code: "EVENT_ALREADY_CANCELLED" } : { code: "NOT_FOUND", entity: "event" },
    );
  }

  const leftList = await closeWaitlist(
    tx,
    input.eventId,
    { actorId: input.actorId, reason: "event_cancelled", withdrawOffers: true },
    now,
  );
  const cancelled = await tx
    .update(bookings)
    .set({ status: "cancelled_by_organiser", cancelledAt: now })
    .where(and(eq(bookings.eventId, input.eventId), eq(bookings.status, "confirmed")))
    .returning();
  // Tickets void (and stop counting as let in), reminders dropped, holders emailed.
  for (const booking of cancelled) {
    await afterBookingCancelled(tx, booking, { byOrganiser: true }, now);
  }
  const returned = cancelled.reduce((sum, booking) => sum + booking.seats, 0);
  const [event] = await tx
    .update(events)
    .set({ availableSeats: sql`${events.availableSeats} + ${returned}` })
    .where(eq(events.id, input.eventId))
    .returning(eventColumns);
  if (!event) throw new Error(`Event ${input.eventId} vanished while being cancelled`);

  // Each booking's row says what was available after its seats came back, in order.
  let available = event.availableSeats - returned;
  const entries: (typeof bookingLogs.$inferInsert)[] = cancelled.map((booking) => {
    available += booking.seats;
    return {
      eventId: event.id,
      bookingId: booking.id,
      userId: booking.userId,
      actorId: input.actorId,
      action: "cancelled" as const,
      seats: booking.seats,
      availableAfter: available,
      capacityAfter: event.capacity,
      heldAfter: event.heldSeats,
      checkedInAfter: event.checkedIn,
      // The organiser's message marks a booking the organiser cancelled.
      detail: { message: input.message },
      createdAt: now,
    };
  });
  entries.push({
    eventId: event.id,
    actorId: input.actorId,
    action: "event_cancelled",
    seats: 0,
    availableAfter: event.availableSeats,
    capacityAfter: event.capacity,
    heldAfter: event.heldSeats,
    checkedInAfter: event.checkedIn,
    detail: { message: input.message },
    createdAt: now,
  });
  const logs = await tx.insert(bookingLogs).values(entries).returning();
  return succeed({ event, cancelledBookings: cancelled.length }, [...leftList, ...logs]);
}
