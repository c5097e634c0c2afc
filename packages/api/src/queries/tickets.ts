import { and, asc, eq, gt, isNull, or, sql } from "drizzle-orm";
import {
  bookings,
  events,
  eventStaff,
  tickets,
  users,
  type ReadDatabase,
  type Ticket,
} from "@boxoffice/db";
import { decodeCursor, toPage } from "./cursor.ts";
import { InvalidCursorError, likePattern } from "./events.ts";
import { preparedOnce } from "../prepared-once.ts";

/** A booking's tickets, seat by seat. */
export async function ticketsOfBooking(db: ReadDatabase, bookingId: number): Promise<Ticket[]> {
  return db
    .select()
    .from(tickets)
    .where(eq(tickets.bookingId, bookingId))
    .orderBy(asc(tickets.seat));
}

export async function findTicket(db: ReadDatabase, ticketId: number): Promise<Ticket | undefined> {
  const [ticket] = await db.select().from(tickets).where(eq(tickets.id, ticketId)).limit(1);
  return ticket;
}

function prepareTicketAtDoor(db: ReadDatabase) {
  return db
    .select({
      ticket: {
        id: tickets.id,
        seat: tickets.seat,
        status: tickets.status,
        checkedInAt: tickets.checkedInAt,
      },
      booking: { id: bookings.id, reference: bookings.reference, seats: bookings.seats },
      holder: { name: users.name, email: users.email },
      stillToCome: sql<number>`(SELECT COUNT(*) FROM ${tickets} t
        WHERE t.booking_id = ${bookings.id} AND t.status = 'valid' AND t.checked_in_at IS NULL)`,
    })
    .from(tickets)
    .innerJoin(bookings, eq(bookings.id, tickets.bookingId))
    .innerJoin(users, eq(users.id, bookings.userId))
    .where(eq(tickets.id, sql.placeholder("ticketId")))
    .limit(1)
    .prepare();
}

/** Built once per database: every scan at every door reads it. */
const atDoorFor = preparedOnce(prepareTicketAtDoor);

/** What a door shows for a ticket let in: who, which seat, and how many of the booking are still to come. */
export async function ticketAtDoor(db: ReadDatabase, ticketId: number) {
  const [row] = await atDoorFor(db).all({ ticketId });
  return row;
}

/** How many are in, of how many valid tickets (the seats of confirmed bookings). */
export async function checkInCounts(db: ReadDatabase, eventId: number) {
  const [event] = await db
    .select({
      checkedIn: events.checkedIn,
      total: sql<number>`${events.capacity} - ${events.availableSeats} - ${events.heldSeats}`,
      availableSeats: events.availableSeats,
      capacity: events.capacity,
    })
    .from(events)
    .where(eq(events.id, eventId))
    .limit(1);
  return event;
}

export interface AttendeeFilter {
  /** Part of a name, an email or a booking reference. */
  search?: string | undefined;
  cursor?: string | null | undefined;
  limit: number;
}

/** The valid tickets of an event, by holder name then ticket id, for the door's list. */
export async function listAttendees(db: ReadDatabase, eventId: number, filter: AttendeeFilter) {
  const search = filter.search?.trim();
  const pattern = search ? likePattern(search) : undefined;
  let after;
  if (filter.cursor) {
    const keyset = decodeCursor(filter.cursor, "attendees");
    if (!keyset || typeof keyset.value !== "string") throw new InvalidCursorError();
    after = or(
      gt(users.name, keyset.value),
      and(eq(users.name, keyset.value), gt(tickets.id, keyset.id)),
    );
  }
  const rows = await db
    .select({
      id: tickets.id,
      seat: tickets.seat,
      checkedInAt: tickets.checkedInAt,
      /** For a "check in" button beside the name: the door lets the ticket in by its code. */
      code: tickets.code,
      bookingId: bookings.id,
      reference: bookings.reference,
      seats: bookings.seats,
      name: users.name,
      email: users.email,
    })
    .from(tickets)
    .innerJoin(bookings, eq(bookings.id, tickets.bookingId))
    .innerJoin(users, eq(users.id, bookings.userId))
    .where(
      and(
        eq(tickets.eventId, eventId),
        eq(tickets.status, "valid"),
        pattern
          ? or(
              sql`${users.name} LIKE ${pattern} ESCAPE '\\'`,
              sql`${users.email} LIKE ${pattern} ESCAPE '\\'`,
              sql`${bookings.reference} LIKE ${pattern} ESCAPE '\\'`,
            )
          : undefined,
        after,
      ),
    )
    .orderBy(asc(users.name), asc(tickets.id))
    .limit(filter.limit + 1);
  return toPage(rows, filter.limit, "attendees", (row) => row.name);
}

export async function isEventStaff(
  db: ReadDatabase,
  eventId: number,
  userId: number,
): Promise<boolean> {
  const [row] = await db
    .select({ userId: eventStaff.userId })
    .from(eventStaff)
    .where(and(eq(eventStaff.eventId, eventId), eq(eventStaff.userId, userId)))
    .limit(1);
  return row !== undefined;
}

export async function listEventStaff(db: ReadDatabase, eventId: number) {
  return db
    .select({ id: users.id, name: users.name, email: users.email, addedAt: eventStaff.createdAt })
    .from(eventStaff)
    .innerJoin(users, eq(users.id, eventStaff.userId))
    .where(eq(eventStaff.eventId, eventId))
    .orderBy(asc(users.name), asc(users.id));
}

/**
 * Events a user checks tickets in for, as door staff or as their creator, that have not
 * ended more than a day ago, soonest first.
 */
export async function eventsScannedBy(db: ReadDatabase, userId: number, now: number) {
  const staffOf = sql`${events.id} IN (SELECT ${eventStaff.eventId} FROM ${eventStaff} WHERE ${eventStaff.userId} = ${userId})`;
  return db
    .select({
      id: events.id,
      title: events.title,
      startsAt: events.startsAt,
      endsAt: events.endsAt,
      location: events.location,
      timezone: events.timezone,
      checkedIn: events.checkedIn,
      asStaff: sql<boolean>`${staffOf}`.mapWith(Boolean),
    })
    .from(events)
    .where(
      and(
        or(eq(events.createdBy, userId), staffOf),
        gt(events.endsAt, now - 86_400_000),
        isNull(events.cancelledAt),
      ),
    )
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(50);
}
