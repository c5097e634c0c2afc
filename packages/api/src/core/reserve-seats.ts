import { and, eq, gt, gte, sql } from "drizzle-orm";
import {
  bookingLogs,
  bookings,
  events,
  type AppDatabase,
  type Booking,
  type BookingLog,
} from "@boxoffice/db";
import { refuse, type Outcome } from "./failures.ts";

export interface ReserveSeatsInput {
  eventId: number;
  userId: number;
  seats: number;
  /** A client-chosen key: a retry with the same key returns the first booking. */
  idempotencyKey: string;
}

export type ReserveSeatsOutcome = Outcome<{
  booking: Booking;
  /** Rows written to booking_logs, for publishing after commit; empty on a replay. */
  logs: BookingLog[];
  /** True when this was a retry answered with the booking made earlier. */
  replayed: boolean;
}>;

/**
 * Books seats inside the caller's transaction. The decisive statement is one guarded
 * UPDATE: it only takes seats that exist, so concurrent bookings can never oversell.
 * Every refusal is decided before anything is written.
 */
export async function reserveSeatsIn(
  tx: AppDatabase,
  input: ReserveSeatsInput,
  now: number,
): Promise<ReserveSeatsOutcome> {
  if (!Number.isSafeInteger(input.seats) || input.seats < 1)
    return refuse({ code: "INVALID_SEATS" });

  const [earlier] = await tx
    .select()
    .from(bookings)
    .where(
      and(eq(bookings.userId, input.userId), eq(bookings.idempotencyKey, input.idempotencyKey)),
    )
    .limit(1);
  if (earlier) {
    const sameRequest = earlier.eventId === input.eventId && earlier.seats === input.seats;
    return sameRequest
      ? { ok: true, booking: earlier, logs: [], replayed: true }
      : refuse({ code: "IDEMPOTENCY_KEY_REUSED" });
  }

  const [taken] = await tx
    .update(events)
    .set({ availableSeats: sql`${events.availableSeats} - ${input.seats}` })
    .where(
      and(
        eq(events.id, input.eventId),
        gte(events.availableSeats, input.seats),
        gte(events.maxSeatsPerBooking, input.seats),
        gt(events.startsAt, now),
      ),
    )
    .returning({ availableSeats: events.availableSeats, capacity: events.capacity });
  if (!taken) return explainRefusal(tx, input, now);

  const [booking] = await tx
    .insert(bookings)
    .values({
      eventId: input.eventId,
      userId: input.userId,
      seats: input.seats,
      idempotencyKey: input.idempotencyKey,
      createdAt: now,
    })
    .returning();
  const logs = await tx
    .insert(bookingLogs)
    .values({
      eventId: input.eventId,
      bookingId: booking?.id,
      userId: input.userId,
      action: "booked",
      seats: input.seats,
      availableAfter: taken.availableSeats,
      capacityAfter: taken.capacity,
      createdAt: now,
    })
    .returning();
  if (!booking) throw new Error("INSERT … RETURNING gave no booking row");
  return { ok: true, booking, logs, replayed: false };
}

/** The guarded UPDATE took nothing; say why, in the order a person would want to know. */
async function explainRefusal(tx: AppDatabase, input: ReserveSeatsInput, now: number) {
  const [event] = await tx
    .select({
      startsAt: events.startsAt,
      availableSeats: events.availableSeats,
      maxSeatsPerBooking: events.maxSeatsPerBooking,
    })
    .from(events)
    .where(eq(events.id, input.eventId))
    .limit(1);
  if (!event) return refuse({ code: "NOT_FOUND", entity: "event" });
  if (event.startsAt <= now) return refuse({ code: "EVENT_PAST" });
  if (input.seats > event.maxSeatsPerBooking) {
    return refuse({ code: "LIMIT_EXCEEDED", maxSeatsPerBooking: event.maxSeatsPerBooking });
  }
  if (event.availableSeats === 0) return refuse({ code: "SOLD_OUT" });
  return refuse({ code: "NOT_ENOUGH_SEATS", availableSeats: event.availableSeats });
}
