import type { AppDatabase, Booking } from "@boxoffice/db";
import { refuse, succeed, type Outcome, type Refused } from "./outcome.ts";
import { withUniqueReference } from "./booking-reference.ts";
import { afterBookingConfirmed } from "./booking-confirmed.ts";
import { preparedFor } from "./prepared.ts";

export interface ReserveSeatsInput {
  eventId: number;
  userId: number;
  seats: number;
  /** A client-chosen key: a retry with the same key returns the first booking. */
  idempotencyKey: string;
}

/** On a replay `logs` is empty: nothing new was written. */
export type ReserveSeatsOutcome = Outcome<{
  booking: Booking;
  /** True when this was a retry answered with the booking made earlier. */
  replayed: boolean;
}>;

/**
 * Books seats inside the caller's transaction. The decisive statement is one guarded
 * UPDATE: it only takes seats that exist, so concurrent bookings can never oversell.
 * Every refusal is decided before anything is written.
 */
export async function reserveSeats(
  tx: AppDatabase,
  input: ReserveSeatsInput,
  now: number,
): Promise<ReserveSeatsOutcome> {
  if (!Number.isSafeInteger(input.seats) || input.seats < 1)
    return refuse({ code: "INVALID_SEATS" });

  const statements = preparedFor(tx);
  const { eventId, userId, seats, idempotencyKey: key } = input;

  const [earlier] = await statements.bookingByKey.all({ userId, key });
  if (earlier) {
    const sameRequest = earlier.eventId === eventId && earlier.seats === seats;
    return sameRequest
      ? succeed({ booking: earlier, replayed: true })
      : refuse({ code: "IDEMPOTENCY_KEY_REUSED" });
  }

  const [taken] = await statements.takeSeats.all({ eventId, userId, seats, now });
  if (!taken) return explainRefusal(tx, input, now);

  const [booking] = await withUniqueReference(async (reference) =>
    statements.insertBooking.all({ eventId, userId, seats, key, reference, now }),
  );
  if (!booking) throw new Error("INSERT … RETURNING gave no booking row");
  const confirmedLogs = await afterBookingConfirmed(tx, booking, now);
  const logs = await statements.insertLog.all({
    eventId,
    bookingId: booking.id,
    userId,
    actorId: userId,
    action: "booked",
    seats,
    availableAfter: taken.availableSeats,
    capacityAfter: taken.capacity,
    heldAfter: taken.heldSeats,
    now,
  });
  return succeed({ booking, replayed: false }, [...logs, ...confirmedLogs]);
}

/** The guarded UPDATE took nothing; say why, in the order a person would want to know. */
async function explainRefusal(tx: AppDatabase, input: ReserveSeatsInput, now: number) {
  // Prepared: on a sold-out event almost every attempt ends here.
  const [event] = await preparedFor(tx).seatFacts.all({
    eventId: input.eventId,
    userId: input.userId,
  });
  return (
    refusalFor(event, input, now) ??
    refuse({ code: "NOT_ENOUGH_SEATS", availableSeats: event?.availableSeats ?? 0 })
  );
}

/** What decides whether a booking can take seats (commands/prepared.ts `seatFacts`). */
export interface SeatFacts {
  status: string;
  startsAt: number;
  availableSeats: number;
  maxSeatsPerBooking: number;
  maxSeatsPerPerson: number;
  heldByPerson: number;
}

/**
 * Why `input` cannot take seats of an event in this state, or null when nothing stands in
 * the way. Shared by the command and by the read-only check that refuses without a write
 * transaction (reserve-seats-precheck.ts).
 */
export function refusalFor(
  event: SeatFacts | undefined,
  input: ReserveSeatsInput,
  now: number,
): Refused | null {
  if (!event) return refuse({ code: "NOT_FOUND", entity: "event" });
  if (event.status === "cancelled") return refuse({ code: "EVENT_CANCELLED" });
  if (event.startsAt <= now) return refuse({ code: "EVENT_PAST" });
  if (input.seats > event.maxSeatsPerBooking) {
    return refuse({ code: "LIMIT_EXCEEDED", maxSeatsPerBooking: event.maxSeatsPerBooking });
  }
  if (event.heldByPerson + input.seats > event.maxSeatsPerPerson) {
    return refuse({
      code: "PERSON_LIMIT",
      maxSeatsPerPerson: event.maxSeatsPerPerson,
      alreadyHeld: event.heldByPerson,
    });
  }
  if (event.availableSeats >= input.seats) return null;
  if (event.availableSeats === 0) return refuse({ code: "SOLD_OUT" });
  return refuse({ code: "NOT_ENOUGH_SEATS", availableSeats: event.availableSeats });
}
