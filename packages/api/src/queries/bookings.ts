import { and, desc, eq, inArray, lt, sql, type SQL } from "drizzle-orm";
import {
  bookings,
  events,
  tickets,
  users,
  waitlistEntries,
  type ReadDatabase,
  type Booking,
} from "@boxoffice/db";
import { decodeCursor, toPage } from "./cursor.ts";
import { InvalidCursorError } from "./events.ts";

export type BookingStatus = Booking["status"];

interface Paging {
  cursor?: string | null | undefined;
  limit: number;
  /** `cancelled` means cancelled by anyone: the holder, an admin or the organiser. */
  status?: "confirmed" | "cancelled" | undefined;
}

/** Newest first; the cursor is the last id seen. */
function pageConditions(paging: Paging): (SQL | undefined)[] {
  const conditions: (SQL | undefined)[] = [];
  if (paging.status === "confirmed") conditions.push(eq(bookings.status, "confirmed"));
  if (paging.status === "cancelled") {
    conditions.push(inArray(bookings.status, ["cancelled", "cancelled_by_organiser"]));
  }
  if (paging.cursor) {
    const after = decodeCursor(paging.cursor, "bookings");
    if (!after) throw new InvalidCursorError();
    conditions.push(lt(bookings.id, after.id));
  }
  return conditions;
}

const eventSummary = {
  id: events.id,
  title: events.title,
  startsAt: events.startsAt,
  endsAt: events.endsAt,
  location: events.location,
  timezone: events.timezone,
  status: events.status,
  cancellationMessage: events.cancellationMessage,
  availableSeats: events.availableSeats,
  capacity: events.capacity,
};

/**
 * A user's bookings with what they need to know about each event, including the seats they
 * hold for it in all (their confirmed bookings), so a page that groups bookings by event can
 * say so before every booking of the event has been paged in.
 */
export async function listBookingsOfUser(db: ReadDatabase, userId: number, paging: Paging) {
  const rows = await db
    .select({
      booking: bookings,
      event: eventSummary,
      seatsHeld: sql<number>`(SELECT COALESCE(SUM(h.seats), 0) FROM ${bookings} h
        WHERE h.event_id = ${bookings.eventId} AND h.user_id = ${bookings.userId}
          AND h.status = 'confirmed')`,
    })
    .from(bookings)
    .innerJoin(events, eq(events.id, bookings.eventId))
    .where(and(eq(bookings.userId, userId), ...pageConditions(paging)))
    .orderBy(desc(bookings.id))
    .limit(paging.limit + 1);
  const page = toPage(
    rows.map((row) => ({ ...row.booking, event: { ...row.event, seatsHeld: row.seatsHeld } })),
    paging.limit,
    "bookings",
    (row) => row.id,
  );
  return page;
}

/** Who booked an event: the organiser's view and the CSV export's rows. */
export async function listBookingsOfEvent(db: ReadDatabase, eventId: number, paging: Paging) {
  const rows = await db
    .select({
      booking: bookings,
      user: { id: users.id, name: users.name, email: users.email },
      /** Valid tickets (one per seat while confirmed, none once cancelled). */
      tickets: sql<number>`(SELECT COUNT(*) FROM ${tickets} t
        WHERE t.booking_id = ${bookings.id} AND t.status = 'valid')`,
      /** Of those, how many are let in. */
      checkedIn: sql<number>`(SELECT COUNT(*) FROM ${tickets} t
        WHERE t.booking_id = ${bookings.id} AND t.status = 'valid' AND t.checked_in_at IS NOT NULL)`,
    })
    .from(bookings)
    .innerJoin(users, eq(users.id, bookings.userId))
    .where(and(eq(bookings.eventId, eventId), ...pageConditions(paging)))
    .orderBy(desc(bookings.id))
    .limit(paging.limit + 1);
  return toPage(
    rows.map((row) => ({
      ...row.booking,
      user: row.user,
      tickets: row.tickets,
      checkedIn: row.checkedIn,
    })),
    paging.limit,
    "bookings",
    (row) => row.id,
  );
}

export async function findBooking(db: ReadDatabase, bookingId: number) {
  const [row] = await db
    .select({ booking: bookings, event: eventSummary })
    .from(bookings)
    .innerJoin(events, eq(events.id, bookings.eventId))
    .where(eq(bookings.id, bookingId))
    .limit(1);
  return row ? { ...row.booking, event: row.event } : undefined;
}

/**
 * What one person holds for an event: their confirmed bookings (newest first) and the seats
 * the waiting list is offering them. Both count towards the event's per-person limit, as
 * in the guarded write (commands/prepared.ts `seatsHeldBy`).
 */
export async function heldForEvent(db: ReadDatabase, eventId: number, userId: number) {
  const held = await db
    .select({ id: bookings.id, reference: bookings.reference, seats: bookings.seats })
    .from(bookings)
    .where(
      and(
        eq(bookings.eventId, eventId),
        eq(bookings.userId, userId),
        eq(bookings.status, "confirmed"),
      ),
    )
    .orderBy(desc(bookings.id));
  const [offered] = await db
    .select({ seats: sql<number>`COALESCE(SUM(${waitlistEntries.seats}), 0)` })
    .from(waitlistEntries)
    .where(
      and(
        eq(waitlistEntries.eventId, eventId),
        eq(waitlistEntries.userId, userId),
        eq(waitlistEntries.status, "offered"),
      ),
    );
  return {
    seats: held.reduce((sum, booking) => sum + booking.seats, 0),
    offeredSeats: offered?.seats ?? 0,
    bookings: held,
  };
}
