import { randomBytes } from "node:crypto";
import type { AppDatabase, Booking, BookingLog } from "@boxoffice/db";
import { ticketStatementsFor } from "./ticket-statements.ts";

/** 128 random bits as 32 hex characters: what a person types at the door instead of scanning. */
export function newTicketCode(): string {
  return randomBytes(16).toString("hex");
}

/**
 * Runs inside every transaction that confirms a booking (reserveSeats, a claimed waiting-list
 * offer), after the booking row is written: one ticket per seat. Returns the booking_logs rows
 * it wrote (none: the booking's own row says it all).
 */
export async function afterBookingConfirmed(
  tx: AppDatabase,
  booking: Pick<Booking, "id" | "eventId" | "seats">,
  now: number,
): Promise<BookingLog[]> {
  const { insertTicket } = ticketStatementsFor(tx);
  for (let seat = 1; seat <= booking.seats; seat++) {
    await insertTicket.run({
      bookingId: booking.id,
      eventId: booking.eventId,
      seat,
      code: newTicketCode(),
      now,
    });
  }
  return [];
}
