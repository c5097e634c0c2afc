import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import type { BookingFailure, BookingFailureCode, Outcome } from "./commands/index.ts";

/** Carried as a TRPCError's cause so the error formatter can give clients the reason. */
export class BookingRefusal extends Error {
  constructor(readonly failure: BookingFailure) {
    super(failure.code);
    this.name = "BookingRefusal";
  }
}

export class RateLimited extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`retry after ${retryAfterSeconds}s`);
    this.name = "RateLimited";
  }
}

const codes: Record<BookingFailureCode, TRPC_ERROR_CODE_KEY> = {
  NOT_FOUND: "NOT_FOUND",
  EVENT_PAST: "PRECONDITION_FAILED",
  EVENT_CANCELLED: "PRECONDITION_FAILED",
  LIMIT_EXCEEDED: "BAD_REQUEST",
  PERSON_LIMIT: "CONFLICT",
  SOLD_OUT: "CONFLICT",
  NOT_ENOUGH_SEATS: "CONFLICT",
  INVALID_SEATS: "BAD_REQUEST",
  IDEMPOTENCY_KEY_REUSED: "CONFLICT",
  ALREADY_CANCELLED: "CONFLICT",
  BELOW_BOOKED: "CONFLICT",
  HAS_BOOKINGS: "CONFLICT",
  INVALID_DATES: "BAD_REQUEST",
  LAST_ADMIN: "CONFLICT",
  EMAIL_TAKEN: "CONFLICT",
  UNKNOWN_TICKET: "NOT_FOUND",
  WRONG_EVENT: "CONFLICT",
  VOIDED: "CONFLICT",
  ALREADY_CHECKED_IN: "CONFLICT",
  NOT_CHECKED_IN: "CONFLICT",
  SEATS_AVAILABLE: "CONFLICT",
  WAITLIST_CLOSED: "PRECONDITION_FAILED",
  ALREADY_ON_WAITLIST: "CONFLICT",
  NOT_ON_WAITLIST: "NOT_FOUND",
  OFFER_EXPIRED: "PRECONDITION_FAILED",
  OFFER_CLOSED: "CONFLICT",
  EVENT_ALREADY_CANCELLED: "CONFLICT",
  RESET_LINK_INVALID: "BAD_REQUEST",
  NOT_DEAD: "CONFLICT",
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** `19:42 on 28 Nov` in the event's own time zone. */
function timeIn(ms: number, timeZone: string): string {
  const part = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat("en-GB", { timeZone, ...options }).format(ms);
  return `${part({ hour: "2-digit", minute: "2-digit", hourCycle: "h23" })} on ${part({ day: "numeric", month: "short" })}`;
}

/** A message a person can act on, for each way the core refuses. */
export function describeFailure(failure: BookingFailure): string {
  switch (failure.code) {
    case "NOT_FOUND":
      return failure.entity === "session"
        ? "You have been signed out; sign in again."
        : `That ${failure.entity} does not exist (it may have been deleted).`;
    case "EVENT_PAST":
      return "This event has already started, so it can no longer be booked.";
    case "EVENT_CANCELLED":
      return "This event was cancelled by its organiser, so it can no longer be booked.";
    case "PERSON_LIMIT":
      return failure.alreadyHeld > 0
        ? `You already hold ${failure.alreadyHeld} of the ${plural(failure.maxSeatsPerPerson, "seat")} allowed per person.`
        : `You can hold at most ${plural(failure.maxSeatsPerPerson, "seat")} for this event.`;
    case "LIMIT_EXCEEDED":
      return `You can book at most ${plural(failure.maxSeatsPerBooking, "seat")} at a time for this event.`;
    case "SOLD_OUT":
      return "Sold out: there are no seats left for this event.";
    case "NOT_ENOUGH_SEATS":
      return `Only ${plural(failure.availableSeats, "seat")} left; choose ${failure.availableSeats} or fewer.`;
    case "INVALID_SEATS":
      return "Choose a whole number of seats, at least 1.";
    case "IDEMPOTENCY_KEY_REUSED":
      return "This idempotency key was already used for a different booking; send a new key for a new booking.";
    case "ALREADY_CANCELLED":
      return "This booking is already cancelled.";
    case "BELOW_BOOKED": {
      const offered = failure.seatsOffered ?? 0;
      const taken = failure.seatsBooked + offered;
      return offered > 0
        ? `${plural(failure.seatsBooked, "seat")} already booked and ${offered} being offered to the waiting list; capacity cannot go below ${taken}.`
        : `${plural(taken, "seat")} already booked; capacity cannot go below ${taken}.`;
    }
    case "HAS_BOOKINGS":
      return `This event has ${plural(failure.confirmedBookings, "confirmed booking")}, so it cannot be deleted: cancel it instead, which tells their holders.`;
    case "INVALID_DATES":
      return "The event cannot end before it starts.";
    case "LAST_ADMIN":
      return "This is the last admin; promote someone else before demoting them.";
    case "EMAIL_TAKEN":
      return "An account with this email already exists. Sign in instead.";
    case "UNKNOWN_TICKET":
      return "Not a ticket: no ticket has this code, or the QR code was not issued by this Boxoffice (or was altered).";
    case "WRONG_EVENT":
      return failure.ticketEventTitle === null
        ? "This ticket is for another event."
        : `This ticket is for another event: ${failure.ticketEventTitle}.`;
    case "VOIDED":
      return `Void ticket: ${failure.ticket.holderName}'s booking ${failure.ticket.reference} was cancelled, so seat ${failure.ticket.seat} is no longer valid.`;
    case "ALREADY_CHECKED_IN":
      return `Already checked in: ${failure.ticket.holderName}, seat ${failure.ticket.seat}, was let in at ${timeIn(failure.checkedInAt, failure.timezone)}${failure.checkedInBy ? ` by ${failure.checkedInBy}` : ""}.`;
    case "NOT_CHECKED_IN":
      return "This ticket is not checked in, so there is nothing to undo.";
    case "SEATS_AVAILABLE":
      return failure.availableSeats === 1
        ? "1 seat is available: book it instead of joining the waiting list."
        : `${failure.availableSeats} seats are available: book them instead of joining the waiting list.`;
    case "WAITLIST_CLOSED":
      return "The organiser has turned the waiting list for this event off.";
    case "ALREADY_ON_WAITLIST":
      return failure.status === "offered"
        ? "Seats are already being offered to you for this event: claim or decline them."
        : "You are already on the waiting list for this event; leave it first to ask for a different number of seats.";
    case "NOT_ON_WAITLIST":
      return "You are not on the waiting list for this event.";
    case "OFFER_EXPIRED":
      return "This offer has expired and its seats went to the next person in line. You can join the waiting list again.";
    case "OFFER_CLOSED":
      return failure.status === "claimed"
        ? "This offer was already claimed: the seats are in your bookings."
        : failure.status === "declined"
          ? "You declined this offer, so its seats went to the next person in line."
          : failure.status === "waiting"
            ? "No seats have been offered to you yet: you are still on the waiting list."
            : "This offer is no longer open.";
    case "EVENT_ALREADY_CANCELLED":
      return "This event is already cancelled.";
    case "RESET_LINK_INVALID":
      return "This reset link has expired or was already used. Ask for a new one.";
    case "NOT_DEAD":
      return "Only a message that gave up (dead) can be retried; this one is not.";
  }
}

export function refusalError(failure: BookingFailure): TRPCError {
  // A refusal is an answer, not a fault: no stack trace is ever sent or logged for one, and
  // capturing two of them is most of what refusing costs on a sold-out event.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new TRPCError({
      code: codes[failure.code],
      message: describeFailure(failure),
      cause: new BookingRefusal(failure),
    });
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** A command's success, or the TRPCError its refusal maps to: how routers read outcomes. */
export function unwrap<Result extends Outcome>(outcome: Result): Extract<Result, { ok: true }> {
  if (!outcome.ok) throw refusalError(outcome.failure);
  return outcome as Extract<Result, { ok: true }>;
}
