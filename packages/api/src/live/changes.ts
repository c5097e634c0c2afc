import type { BookingLog } from "@boxoffice/db";

/** A change-feed row about an event (every row but a role change). */
export type EventLog = BookingLog & { eventId: number };

export const isEventLog = (log: BookingLog): log is EventLog => log.eventId !== null;

/** What a seat watcher needs: the event's seat figures after the change. */
export function seatChangeOf(log: EventLog) {
  return {
    eventId: log.eventId,
    availableSeats: log.availableAfter,
    capacity: log.capacityAfter,
    /** Tickets of the event let in so far (moves with every check-in and undo). */
    checkedIn: log.checkedInAfter,
    deleted: log.action === "event_deleted",
  };
}

/** What a booking holder needs to hear about one of their bookings. */
export function bookingChangeOf(log: EventLog) {
  return {
    bookingId: log.bookingId,
    eventId: log.eventId,
    action: log.action,
    seats: log.seats,
    availableSeats: log.availableAfter,
  };
}

export type SeatChange = ReturnType<typeof seatChangeOf>;
export type BookingChange = ReturnType<typeof bookingChangeOf>;
