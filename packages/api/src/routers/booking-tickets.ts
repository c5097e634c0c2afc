import type { Booking, Event } from "@boxoffice/db";
import { findUserName } from "../queries/users.ts";
import { ticketsOfBooking } from "../queries/tickets.ts";
import type { Services } from "../services/services.ts";

/**
 * What a ticket view shows: the booking, its event (time, place, zone), the holder, and each
 * ticket with its signed token, computed now (tokens are not stored; any key rotation is
 * picked up on the next read).
 */
export async function bookingTickets(
  services: Pick<Services, "db" | "tickets">,
  booking: Booking,
  event: Event,
) {
  const [rows, holderName] = await Promise.all([
    ticketsOfBooking(services.db, booking.id),
    findUserName(services.db, booking.userId),
  ]);
  return {
    booking: {
      id: booking.id,
      reference: booking.reference,
      seats: booking.seats,
      status: booking.status,
      createdAt: booking.createdAt,
    },
    event: {
      id: event.id,
      title: event.title,
      startsAt: event.startsAt,
      endsAt: event.endsAt,
      location: event.location,
      timezone: event.timezone,
      status: event.status,
    },
    holder: { name: holderName ?? "" },
    tickets: rows.map((ticket) => ({
      id: ticket.id,
      seat: ticket.seat,
      code: ticket.code,
      status: ticket.status,
      checkedInAt: ticket.checkedInAt,
      /** What the QR code encodes; null for a void ticket. */
      token:
        ticket.status === "valid"
          ? services.tickets.sign({
              ticketId: ticket.id,
              eventId: ticket.eventId,
              seat: ticket.seat,
            })
          : null,
    })),
  };
}
