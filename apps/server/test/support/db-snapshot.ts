import { asc } from "drizzle-orm";
import { bookingLogs, bookings, events, sessions, users, type AppDatabase } from "@boxoffice/db";

/**
 * Every row the API can change, read through the server's own reader. Two equal snapshots
 * mean a request changed nothing (sessions included: no sign-in slipped through).
 */
export async function snapshotOf(db: AppDatabase) {
  const [userRows, sessionRows, eventRows, bookingRows, logRows] = await Promise.all([
    db.select().from(users).orderBy(asc(users.id)),
    db.select().from(sessions).orderBy(asc(sessions.id)),
    db.select().from(events).orderBy(asc(events.id)),
    db.select().from(bookings).orderBy(asc(bookings.id)),
    db.select().from(bookingLogs).orderBy(asc(bookingLogs.id)),
  ]);
  return {
    users: userRows,
    sessions: sessionRows,
    events: eventRows,
    bookings: bookingRows,
    bookingLogs: logRows,
  };
}

export type Snapshot = Awaited<ReturnType<typeof snapshotOf>>;
