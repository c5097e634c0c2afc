import type { SessionUser } from "@boxoffice/auth";
import type { Booking, Event } from "@boxoffice/db";

/** Admins manage every event; anyone else only the events they created. */
export function canManageEvent(user: SessionUser, event: Pick<Event, "createdBy">): boolean {
  return user.role === "admin" || event.createdBy === user.id;
}

/** A booking is its holder's business, and any admin's. */
export function canSeeBooking(user: SessionUser, booking: Pick<Booking, "userId">): boolean {
  return user.role === "admin" || booking.userId === user.id;
}

/**
 * Who checks tickets in at an event's door: whoever manages it, and the door staff its
 * organiser added to that event (and to no other).
 */
export function canScanTickets(
  user: SessionUser,
  event: Pick<Event, "createdBy">,
  isStaffOfEvent: boolean,
): boolean {
  return canManageEvent(user, event) || isStaffOfEvent;
}
