import { asc, sql } from "drizzle-orm";
import {
  bookingLogs,
  bookings,
  events,
  sessions,
  users,
  waitlistEntries,
  type ReadDatabase,
} from "@boxoffice/db";

/**
 * Every row the API can change, read through the server's own reader. Two equal snapshots
 * mean a request changed nothing (sessions included: no sign-in slipped through).
 */
export async function snapshotOf(db: ReadDatabase) {
  const [userRows, sessionRows, eventRows, bookingRows, logRows, waitlistRows] = await Promise.all([
    db.select().from(users).orderBy(asc(users.id)),
    db.select().from(sessions).orderBy(asc(sessions.id)),
    db.select().from(events).orderBy(asc(events.id)),
    db.select().from(bookings).orderBy(asc(bookings.id)),
    db.select().from(bookingLogs).orderBy(asc(bookingLogs.id)),
    db.select().from(waitlistEntries).orderBy(asc(waitlistEntries.id)),
  ]);
  return {
    users: userRows,
    sessions: sessionRows,
    events: eventRows,
    bookings: bookingRows,
    bookingLogs: logRows,
    waitlistEntries: waitlistRows,
  };
}

export type Snapshot = Awaited<ReturnType<typeof snapshotOf>>;

/**
 * The same tables summed up in one query: cheap enough to take after every request of a
 * property test, so a change is pinned on the request that made it. `snapshotOf` is the
 * exact comparison to make once the requests are done.
 */
export async function fingerprintOf(db: ReadDatabase) {
  const [row] = await db.all<Record<string, number | string | null>>(sql`
    SELECT (SELECT count(*) FROM users) AS users,
           (SELECT group_concat(role || password_hash, ',') FROM users) AS credentials,
           (SELECT count(*) FROM sessions) AS sessions,
           (SELECT max(expires_at) FROM sessions) AS lastExpiry,
           (SELECT count(*) FROM events) AS events,
           (SELECT total(available_seats) FROM events) AS availableSeats,
           (SELECT total(capacity) FROM events) AS capacity,
           (SELECT max(updated_at) FROM events) AS lastEventEdit,
           (SELECT count(*) FROM bookings) AS bookings,
           (SELECT count(*) FROM bookings WHERE status = 'confirmed') AS confirmed,
           (SELECT count(*) FROM booking_logs) AS bookingLogs,
           (SELECT group_concat(id || status, ',') FROM waitlist_entries) AS waitlist`);
  return row;
}
