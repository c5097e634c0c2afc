import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { bookingLogs, bookings, events, tickets, type AppDatabase } from "@boxoffice/db";
import { preparedOnce } from "../prepared-once.ts";

const p = sql.placeholder;

/**
 * The ticket statements of the hot paths (a booking makes its tickets; every scan checks
 * one in), built once per writer connection like prepared.ts.
 */
function prepare(db: AppDatabase) {
  const letIn = and(isNull(tickets.checkedInAt), eq(tickets.status, "valid"));
  return {
    insertTicket: db
      .insert(tickets)
      .values({
        bookingId: p("bookingId"),
        eventId: p("eventId"),
        seat: p("seat"),
        code: p("code"),
        createdAt: p("now"),
      })
      .prepare(),
    /**
     * The decisive statement of a check-in: only a valid ticket of this event that is not
     * in yet is let in, so of two doors scanning one ticket at once exactly one gets a row.
     */
    checkInById: db
      .update(tickets)
      .set({ checkedInAt: sql`${p("now")}`, checkedInBy: sql`${p("actorId")}` })
      .where(and(eq(tickets.id, p("ticketId")), eq(tickets.eventId, p("eventId")), letIn))
      .returning()
      .prepare(),
    checkInByCode: db
      .update(tickets)
      .set({ checkedInAt: sql`${p("now")}`, checkedInBy: sql`${p("actorId")}` })
      .where(and(eq(tickets.code, p("code")), eq(tickets.eventId, p("eventId")), letIn))
      .returning()
      .prepare(),
    countIn: db
      .update(events)
      .set({ checkedIn: sql`${events.checkedIn} + ${p("delta")}` })
      .where(eq(events.id, p("eventId")))
      .returning({
        availableSeats: events.availableSeats,
        capacity: events.capacity,
        heldSeats: events.heldSeats,
        checkedIn: events.checkedIn,
      })
      .prepare(),
    insertCheckInLog: db
      .insert(bookingLogs)
      .values({
        eventId: p("eventId"),
        bookingId: p("bookingId"),
        // The booking's holder, read as the row is written (one statement less per scan).
        userId: sql`(SELECT ${bookings.userId} FROM ${bookings} WHERE ${bookings.id} = ${p("bookingId")})`,
        actorId: p("actorId"),
        ticketId: p("ticketId"),
        action: sql`${p("action")}`,
        seats: 1,
        availableAfter: p("availableAfter"),
        capacityAfter: p("capacityAfter"),
        heldAfter: p("heldAfter"),
        checkedInAfter: p("checkedInAfter"),
        createdAt: p("now"),
      })
      .returning()
      .prepare(),
    undoCheckIn: db
      .update(tickets)
      .set({ checkedInAt: null, checkedInBy: null })
      .where(
        and(
          eq(tickets.id, p("ticketId")),
          isNotNull(tickets.checkedInAt),
          eq(tickets.status, "valid"),
        ),
      )
      .returning()
      .prepare(),
  };
}

export type TicketStatements = ReturnType<typeof prepare>;

export const ticketStatementsFor = preparedOnce(prepare);
