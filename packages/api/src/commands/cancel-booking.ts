import { eq } from "drizzle-orm";
import { bookings, type AppDatabase, type Booking } from "@boxoffice/db";
import { refuse, succeed, type Outcome } from "./outcome.ts";
import { preparedFor } from "./prepared.ts";
import { afterBookingCancelled } from "./booking-cancelled.ts";
import { offerFreedSeats } from "./seats-freed.ts";

export interface CancelBookingInput {
  bookingId: number;
  /** Who cancelled (the holder or an admin), recorded in the log. */
  actorId: number;
}

export type CancelBookingOutcome = Outcome<{ booking: Booking }>;

/**
 * Cancels a confirmed booking and gives its seats back with a relative `+ n`; in the same
 * transaction they go to the waiting list (offerFreedSeats) before anyone else can book them.
 */
export async function cancelBooking(
  tx: AppDatabase,
  input: CancelBookingInput,
  now: number,
): Promise<CancelBookingOutcome> {
  const statements = preparedFor(tx);
  const [booking] = await statements.cancelConfirmed.all({ bookingId: input.bookingId, now });
  if (!booking) {
    const [existing] = await tx
      .select({ id: bookings.id })
      .from(bookings)
      .where(eq(bookings.id, input.bookingId))
      .limit(1);
    return refuse(
      existing ? { code: "ALREADY_CANCELLED" } : { code: "NOT_FOUND", entity: "booking" },
    );
  }

  const [event] = await statements.giveSeatsBack.all({
    eventId: booking.eventId,
    seats: booking.seats,
  });
  // Bookings are deleted with their event, so a booking without one cannot exist.
  if (!event) throw new Error(`Booking ${booking.id} has no event ${booking.eventId}`);
  await afterBookingCancelled(tx, booking, { byOrganiser: false }, now);

  const logs = await offerFreedSeats(tx, booking.eventId, now, [
    {
      action: "cancelled",
      bookingId: booking.id,
      userId: booking.userId,
      actorId: input.actorId,
      seats: booking.seats,
    },
  ]);
  return succeed({ booking }, logs);
}
