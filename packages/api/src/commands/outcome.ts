import type { BookingLog, WaitlistStatus } from "@boxoffice/db";

/**
 * The expected ways a command is refused. They are values, not exceptions: callers switch
 * on `code`, and the API maps each to a tRPC error with a message a person can act on.
 */
export type BookingFailure =
  | { code: "NOT_FOUND"; entity: "event" | "booking" | "user" | "session" | "offer" | "message" }
  | { code: "EVENT_PAST" }
  | { code: "EVENT_CANCELLED" }
  | { code: "LIMIT_EXCEEDED"; maxSeatsPerBooking: number }
  | { code: "PERSON_LIMIT"; maxSeatsPerPerson: number; alreadyHeld: number }
  | { code: "SOLD_OUT" }
  | { code: "NOT_ENOUGH_SEATS"; availableSeats: number }
  | { code: "INVALID_SEATS" }
  | { code: "IDEMPOTENCY_KEY_REUSED" }
  | { code: "ALREADY_CANCELLED" }
  | { code: "BELOW_BOOKED"; seatsBooked: number; seatsOffered?: number }
  | { code: "INVALID_DATES" }
  | { code: "LAST_ADMIN" }
  | { code: "HAS_BOOKINGS"; confirmedBookings: number }
  | { code: "EMAIL_TAKEN" }
  | { code: "SEATS_AVAILABLE"; availableSeats: number }
  | { code: "WAITLIST_CLOSED" }
  | { code: "ALREADY_ON_WAITLIST"; status: "waiting" | "offered" }
  | { code: "NOT_ON_WAITLIST" }
  | { code: "OFFER_EXPIRED" }
  | { code: "OFFER_CLOSED"; status: Exclude<WaitlistStatus, "offered" | "expired"> }
  | { code: "EVENT_ALREADY_CANCELLED" }
  | { code: "RESET_LINK_INVALID" }
  | { code: "NOT_DEAD" }
  | CheckInFailure;

/** Why a ticket is not let in (or a check-in not undone); each names what the door needs. */
export type CheckInFailure =
  | { code: "UNKNOWN_TICKET" }
  | { code: "WRONG_EVENT"; ticketEventTitle: string | null }
  | { code: "VOIDED"; ticket: RefusedTicket; voidedAt: number | null }
  | {
      code: "ALREADY_CHECKED_IN";
      ticket: RefusedTicket;
      checkedInAt: number;
      /** The name of whoever let it in. */
      checkedInBy: string | null;
      /** The event's time zone, to say when in local time. */
      timezone: string;
    }
  | { code: "NOT_CHECKED_IN" };

/** The ticket a door refused, so the person at the door can tell who is in front of them. */
export interface RefusedTicket {
  id: number;
  seat: number;
  holderName: string;
  reference: string;
}

export type BookingFailureCode = BookingFailure["code"];

export interface Refused {
  ok: false;
  failure: BookingFailure;
}

/**
 * What every command resolves to: a refusal, or success carrying the booking_logs rows it
 * wrote. The rows are handed to the live feed after commit by whoever ran the command
 * (see run-commands.ts), never by the command's caller.
 */
export type Outcome<T extends object = object> = ({ ok: true; logs: BookingLog[] } & T) | Refused;

export function refuse(failure: BookingFailure): Refused {
  return { ok: false, failure };
}

/** Success with what the command made, and the change-feed rows it wrote (if any). */
export function succeed<T extends object>(
  value: T,
  logs: BookingLog[] = [],
): { ok: true; logs: BookingLog[] } & T {
  return { ok: true, logs, ...value };
}
