import { and, eq, sql } from "drizzle-orm";
import { events, tickets, type AppDatabase, type Booking } from "@boxoffice/db";

/**
 * Runs inside every transaction that cancels a confirmed booking (cancelBooking, an event's
 * cancellation or forced deletion), before its log row is written: the booking's tickets are
 * void from then on. Tickets already let in stop counting as checked in, so the event's
 * count stays the number of valid tickets that are in.
 */
export async function afterBookingCancelled(
  tx: AppDatabase,
  booking: Pick<Booking, "id" | "eventId">,
  _how: { byOrganiser: boolean },
  now: number,
): Promise<void> {
  const voided = await tx
    .update(tickets)
    .set({ status: "void", voidedAt: now })
    .where(and(eq(tickets.bookingId, booking.id), eq(tickets.status, "valid")))
    .returning({ checkedInAt: tickets.checkedInAt });
  const wereIn = voided.filter((ticket) => ticket.checkedInAt !== null).length;
  if (wereIn > 0) {
    await tx
      .update(events)
      .set({ checkedIn: sql`${events.checkedIn} - ${wereIn}` })
      .where(eq(events.id, booking.eventId));
  }
}
