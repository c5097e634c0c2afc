import { and, asc, eq, gt, inArray, lte, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { events, waitlistEntries, type AppDatabase } from "@boxoffice/db";
import { seatsHeldBy } from "./prepared.ts";
import { preparedOnce } from "../prepared-once.ts";

const p = sql.placeholder;
const candidate = alias(waitlistEntries, "candidate");

/**
 * The waiting list's statements, built once per writer connection (as prepared.ts does for
 * bookings): a hot event's list takes a join per person and an offer per freed seat.
 */
function prepare(db: AppDatabase) {
  return {
    /** What decides a join, with the seats the person already holds. */
    joinFacts: db
      .select({
        status: events.status,
        startsAt: events.startsAt,
        waitlistEnabled: events.waitlistEnabled,
        availableSeats: events.availableSeats,
        maxSeatsPerBooking: events.maxSeatsPerBooking,
        maxSeatsPerPerson: events.maxSeatsPerPerson,
        heldByPerson: seatsHeldBy(p("eventId"), p("userId")),
      })
      .from(events)
      .where(eq(events.id, p("eventId")))
      .limit(1)
      .prepare(),
    /** The person's place in line for an event, waiting or holding an offer. */
    activeEntry: db
      .select()
      .from(waitlistEntries)
      .where(
        and(
          eq(waitlistEntries.userId, p("userId")),
          eq(waitlistEntries.eventId, p("eventId")),
          inArray(waitlistEntries.status, ["waiting", "offered"]),
        ),
      )
      .limit(1)
      .prepare(),
    insertEntry: db
      .insert(waitlistEntries)
      .values({
        eventId: p("eventId"),
        userId: p("userId"),
        seats: p("seats"),
        createdAt: p("now"),
      })
      .returning()
      .prepare(),
    /** An event that can hand seats to its list now, with its free seats and offer window. */
    offering: db
      .select({
        availableSeats: events.availableSeats,
        offerMinutes: events.waitlistOfferMinutes,
        startsAt: events.startsAt,
      })
      .from(events)
      .where(
        and(
          eq(events.id, p("eventId")),
          eq(events.status, "scheduled"),
          eq(events.waitlistEnabled, true),
          gt(events.startsAt, p("now")),
        ),
      )
      .limit(1)
      .prepare(),
    /**
     * The earliest waiting entry whose request fits `free` seats and the event's limits (see
     * offerFreedSeats for the rule).
     */
    firstFitting: db
      .select({ id: candidate.id, seats: candidate.seats })
      .from(candidate)
      .innerJoin(events, eq(events.id, candidate.eventId))
      .where(
        and(
          eq(candidate.eventId, p("eventId")),
          eq(candidate.status, "waiting"),
          lte(candidate.seats, p("free")),
          lte(candidate.seats, events.maxSeatsPerBooking),
          sql`${seatsHeldBy(candidate.eventId, candidate.userId)} + ${candidate.seats} <= ${events.maxSeatsPerPerson}`,
        ),
      )
      .orderBy(asc(candidate.id))
      .limit(1)
      .prepare(),
  };
}

export type WaitlistStatements = ReturnType<typeof prepare>;

export const waitlistStatementsFor = preparedOnce(prepare);
