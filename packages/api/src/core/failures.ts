/**
 * The expected ways a booking (or event, or role) operation is refused. They are values, not exceptions:
 * callers switch on `code`, and the API maps each to a tRPC error with a useful message.
 */
export type BookingFailure =
  | { code: "NOT_FOUND"; entity: "event" | "booking" | "user" }
  | { code: "EVENT_PAST" }
  | { code: "LIMIT_EXCEEDED"; maxSeatsPerBooking: number }
  | { code: "SOLD_OUT" }
  | { code: "NOT_ENOUGH_SEATS"; availableSeats: number }
  | { code: "INVALID_SEATS" }
  | { code: "IDEMPOTENCY_KEY_REUSED" }
  | { code: "ALREADY_CANCELLED" }
  | { code: "BELOW_BOOKED"; seatsBooked: number }
  | { code: "INVALID_DATES" }
  | { code: "LAST_ADMIN" }
  | { code: "HAS_BOOKINGS"; confirmedBookings: number };

export type BookingFailureCode = BookingFailure["code"];

export type Outcome<T> = ({ ok: true } & T) | { ok: false; failure: BookingFailure };

export function refuse(failure: BookingFailure): { ok: false; failure: BookingFailure } {
  return { ok: false, failure };
}
