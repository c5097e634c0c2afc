export { createBookingCore, type BookingCore } from "./booking-core.ts";
export type { CancelBookingInput, CancelBookingOutcome } from "./cancel-booking.ts";
export { checkInvariant, type InvariantViolation } from "./check-invariant.ts";
export { systemClock, type Clock } from "./clock.ts";
export type { DeleteEventOutcome } from "./delete-event.ts";
export type { EventFields, UpdateEventOutcome } from "./events.ts";
export type { BookingFailure, BookingFailureCode, Outcome } from "./failures.ts";
export type { ReserveSeatsInput, ReserveSeatsOutcome } from "./reserve-seats.ts";
export type { Role, SetRoleOutcome } from "./roles.ts";
