import { and, eq, sql } from "drizzle-orm";
import { events, tickets, type AppDatabase, type Booking } from "@boxoffice/db";
import { cancelPendingMessages, enqueueMessage, eventSnapshot } from "./outbox.ts";

/**
 * Runs inside every transaction that cancels a confirmed booking (cancelBooking, an event's
 * cancellation), before its log row is written: the booking's tickets are void from then on
 * (tickets already let in stop counting as checked in, so the event's count stays the number
 * of valid tickets that are in), its pending reminder is dropped, and its holder is told by
 * email: a cancellation, or the organiser's cancellation of the event with their message.
 */
export async function afterBookingCancelled(
  tx: AppDatabase,
  booking: Pick<Booking, "id" | "eventId" | "userId" | "seats" | "reference">,
  how: { byOrganiser: boolean },
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

  await cancelPendingMessages(tx, { bookingId: booking.id, kinds: ["reminder"] });
  const [event] = await tx
    .select({
      id: events.id,
      title: events.title,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      timezone: events.timezone,
      location: events.location,
      cancellationMessage: events.cancellationMessage,
    })
    .from(events)
    .where(eq(events.id, booking.eventId))
    .limit(1);
  await enqueueMessage(
    tx,
    {
      kind: how.byOrganiser ? "event_cancelled" : "booking_cancelled",
      userId: booking.userId,
      eventId: booking.eventId,
      bookingId: booking.id,
      // Written even if an admin purges the event before the message goes out.
      payload: {
        event: event ? eventSnapshot(event) : null,
        seats: booking.seats,
        reference: booking.reference,
        message: event?.cancellationMessage ?? null,
      },
    },
    now,
  );
}
