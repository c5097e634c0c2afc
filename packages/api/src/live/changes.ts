import type { BookingLog, BookingLogAction } from "@boxoffice/db";

/** A change-feed row about an event (every row but a role change). */
export type EventLog = BookingLog & { eventId: number };

export const isEventLog = (log: BookingLog): log is EventLog => log.eventId !== null;

/** Changes to a waiting list: places in line may have moved. */
export const waitlistActions = [
  "waitlist_joined",
  "waitlist_left",
  "offer_made",
  "offer_claimed",
  "offer_declined",
  "offer_expired",
] as const satisfies readonly BookingLogAction[];

const isWaitlistAction = (action: BookingLogAction) =>
  (waitlistActions as readonly BookingLogAction[]).includes(action);

/** Changes a person hears about on bookings.onMine: their bookings and their place in line. */
export const ownActions = ["booked", "cancelled", ...waitlistActions] as const;

export const isOwnAction = (action: BookingLogAction) =>
  (ownActions as readonly BookingLogAction[]).includes(action);

/**
 * What a seat watcher needs: the event's seat figures after the change, including seats
 * held for waiting-list offers, and whether the waiting list moved (so a page showing a
 * place in line reads it again).
 */
export function seatChangeOf(log: EventLog) {
  return {
    eventId: log.eventId,
    availableSeats: log.availableAfter,
    capacity: log.capacityAfter,
    /** Tickets of the event let in so far (moves with every check-in and undo). */
    checkedIn: log.checkedInAfter,
    heldSeats: log.heldAfter,
    waitlist: isWaitlistAction(log.action),
    deleted: log.action === "event_deleted",
  };
}

/**
 * What a person needs to hear about one of their bookings or waiting-list places: offers
 * made to them, claimed, declined or expired carry the offer's id (`waitlistEntryId`).
 */
export function bookingChangeOf(log: EventLog) {
  return {
    bookingId: log.bookingId,
    eventId: log.eventId,
    action: log.action,
    seats: log.seats,
    availableSeats: log.availableAfter,
    waitlistEntryId: log.waitlistEntryId,
  };
}

export type SeatChange = ReturnType<typeof seatChangeOf>;
export type BookingChange = ReturnType<typeof bookingChangeOf>;
