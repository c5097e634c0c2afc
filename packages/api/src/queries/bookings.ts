import { and, desc, eq, inArray, lt, sql, type SQL } from "drizzle-orm";
import { bookings, events, tickets, users, type ReadDatabase, type Booking } from "@boxoffice/db";
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

/** A user's bookings with what they need to know about each event. */
export async function listBookingsOfUser(db: ReadDatabase, userId: number, paging: Paging) {
  const rows = await db
    .select({ booking: bookings, event: eventSummary })
    .from(bookings)
    .innerJoin(events, eq(events.id, bookings.eventId))
    .where(and(eq(bookings.userId, userId), ...pageConditions(paging)))
    .orderBy(desc(bookings.id))
    .limit(paging.limit + 1);
  const page = toPage(
    rows.map((row) => ({ ...row.booking, event: row.event })),
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
