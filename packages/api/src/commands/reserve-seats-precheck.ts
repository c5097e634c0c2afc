import { and, eq, sql } from "drizzle-orm";
import { bookings, events, waitlistEntries, type ReadDatabase } from "@boxoffice/db";
import type { Refused } from "./outcome.ts";
import { seatsHeldBy } from "./prepared.ts";
import { refusalFor, type ReserveSeatsInput } from "./reserve-seats.ts";
import { preparedOnce } from "../prepared-once.ts";

const p = sql.placeholder;

function prepare(db: ReadDatabase) {
  return {
    keyUsed: db
      .select({ id: bookings.id })
      .from(bookings)
      .where(and(eq(bookings.userId, p("userId")), eq(bookings.idempotencyKey, p("key"))))
      .limit(1)
      .prepare(),
    seatFacts: db
      .select({
        status: events.status,
        startsAt: events.startsAt,
        availableSeats: events.availableSeats,
        maxSeatsPerBooking: events.maxSeatsPerBooking,
        maxSeatsPerPerson: events.maxSeatsPerPerson,
        heldByPerson: seatsHeldBy(p("eventId"), p("userId")),
        offeredToPerson: sql<number>`EXISTS (SELECT 1 FROM ${waitlistEntries}
          WHERE ${waitlistEntries.eventId} = ${p("eventId")}
            AND ${waitlistEntries.userId} = ${p("userId")}
            AND ${waitlistEntries.status} = 'offered')`,
      })
      .from(events)
      .where(eq(events.id, p("eventId")))
      .limit(1)
      .prepare(),
  };
}

const statementsFor = preparedOnce(prepare);

/**
 * A booking that would certainly be refused, refused from the read connection, without
 * queueing for the writer: on a sold-out event nearly every attempt of an on-sale burst is
 * one of these, and each would otherwise cost a place in a write transaction.
 *
 * Safe because the answer is one the writer could have given at the moment of the read:
 * reads see every committed change, and the request is in flight then. Seats are still only
 * ever taken by the guarded UPDATE inside the command. Everything that might still succeed
 * goes to the writer: seats available, a retry of an idempotency key that already booked
 * (answered with its booking there), and a person holding a waiting-list offer for the
 * event (sold out for everyone else; the held seats are theirs).
 */
export async function reserveSeatsPrecheck(
  db: ReadDatabase,
  input: ReserveSeatsInput,
  now: number,
): Promise<Refused | null> {
  if (!Number.isSafeInteger(input.seats) || input.seats < 1) return null;
  const statements = statementsFor(db);
  const [event] = await statements.seatFacts.all({
    eventId: input.eventId,
    userId: input.userId,
  });
  if (event?.offeredToPerson) return null;
  const refusal = refusalFor(event, input, now);
  if (!refusal) return null;
  const [earlier] = await statements.keyUsed.all({
    userId: input.userId,
    key: input.idempotencyKey,
  });
  return earlier ? null : refusal;
}
