import { and, eq, gt, gte, sql } from "drizzle-orm";
import { bookingLogs, bookings, events, waitlistEntries, type AppDatabase } from "@boxoffice/db";
import { preparedOnce } from "../prepared-once.ts";

const p = sql.placeholder;

/** Seats a person holds for an event: confirmed bookings and waiting-list offers to them. */
export function seatsHeldBy(eventId: unknown, userId: unknown) {
  return sql<number>`(
    (SELECT COALESCE(SUM(${bookings.seats}), 0) FROM ${bookings}
      WHERE ${bookings.eventId} = ${eventId} AND ${bookings.userId} = ${userId}
        AND ${bookings.status} = 'confirmed')
    + (SELECT COALESCE(SUM(${waitlistEntries.seats}), 0) FROM ${waitlistEntries}
      WHERE ${waitlistEntries.eventId} = ${eventId} AND ${waitlistEntries.userId} = ${userId}
        AND ${waitlistEntries.status} = 'offered'))`;
}

/**
 * The statements of the hot path, built once per writer connection: building a drizzle
 * query costs more than SQLite takes to run it, and a booking runs four of them.
 */
function prepare(db: AppDatabase) {
  return {
    bookingByKey: db
      .select()
      .from(bookings)
      .where(and(eq(bookings.userId, p("userId")), eq(bookings.idempotencyKey, p("key"))))
      .limit(1)
      .prepare(),
    /**
     * The guarded UPDATE: no row back means the seats were not there to take, or taking
     * them would break a rule. Every rule is in this one statement, so it holds however
     * requests interleave: the per-person limit counts what the person already holds
     * (confirmed bookings and seats offered to them from the waiting list) at the moment
     * the seats are taken.
     */
    takeSeats: db
      .update(events)
      .set({ availableSeats: sql`${events.availableSeats} - ${p("seats")}` })
      .where(
        and(
          eq(events.id, p("eventId")),
          eq(events.status, "scheduled"),
          gte(events.availableSeats, p("seats")),
          gte(events.maxSeatsPerBooking, p("seats")),
          gt(events.startsAt, p("now")),
          sql`${seatsHeldBy(p("eventId"), p("userId"))} + ${p("seats")} <= ${events.maxSeatsPerPerson}`,
        ),
      )
      .returning({
        availableSeats: events.availableSeats,
        capacity: events.capacity,
        heldSeats: events.heldSeats,
        checkedIn: events.checkedIn,
      })
      .prepare(),
    /** What explains a refusal when takeSeats took nothing (sold out, past, over a limit). */
    seatFacts: db
      .select({
        status: events.status,
        startsAt: events.startsAt,
        availableSeats: events.availableSeats,
        maxSeatsPerBooking: events.maxSeatsPerBooking,
        maxSeatsPerPerson: events.maxSeatsPerPerson,
        heldByPerson: seatsHeldBy(p("eventId"), p("userId")),
      })
      .from(events)
      .where(eq(events.id, p("eventId")))
      .limit(1)
      .prepare(),
    giveSeatsBack: db
      .update(events)
      .set({ availableSeats: sql`${events.availableSeats} + ${p("seats")}` })
      .where(eq(events.id, p("eventId")))
      .returning({ availableSeats: events.availableSeats, capacity: events.capacity })
      .prepare(),
    insertBooking: db
      .insert(bookings)
      .values({
        eventId: p("eventId"),
        userId: p("userId"),
        seats: p("seats"),
        reference: p("reference"),
        idempotencyKey: p("key"),
        createdAt: p("now"),
      })
      .returning()
      .prepare(),
    cancelConfirmed: db
      .update(bookings)
      .set({ status: "cancelled", cancelledAt: sql`${p("now")}` })
      .where(and(eq(bookings.id, p("bookingId")), eq(bookings.status, "confirmed")))
      .returning()
      .prepare(),
    insertLog: db
      .insert(bookingLogs)
      .values({
        eventId: p("eventId"),
        bookingId: p("bookingId"),
        userId: p("userId"),
        actorId: p("actorId"),
        action: sql`${p("action")}`,
        seats: p("seats"),
        availableAfter: p("availableAfter"),
        capacityAfter: p("capacityAfter"),
        // Read as the row is written, so every change carries the event's current count.
        checkedInAfter: sql`COALESCE((SELECT ${events.checkedIn} FROM ${events} WHERE ${events.id} = ${p("eventId")}), 0)`,
        heldAfter: p("heldAfter"),
        createdAt: p("now"),
      })
      .returning()
      .prepare(),
  };
}

export type PreparedStatements = ReturnType<typeof prepare>;

export const preparedFor = preparedOnce(prepare);
