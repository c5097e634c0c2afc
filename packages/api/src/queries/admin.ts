import { and, desc, eq, getTableColumns, lt, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import {
  bookingLogs,
  events,
  users,
  type BookingLogAction,
  type ReadDatabase,
} from "@boxoffice/db";
import { decodeCursor, toPage } from "./cursor.ts";
import { InvalidCursorError, likePattern } from "./events.ts";

const publicUser = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  createdAt: users.createdAt,
};

function afterCursor(
  cursor: string | null | undefined,
  order: "users" | "audit-log",
  column: typeof users.id | typeof bookingLogs.id,
) {
  if (!cursor) return undefined;
  const after = decodeCursor(cursor, order);
  if (!after) throw new InvalidCursorError();
  return lt(column, after.id);
}

export async function listUsers(
  db: ReadDatabase,
  filter: { search?: string | undefined; cursor?: string | null | undefined; limit: number },
) {
  const search = filter.search?.trim();
  const pattern = search ? likePattern(search) : undefined;
  const rows = await db
    .select(publicUser)
    .from(users)
    .where(
      and(
        pattern
          ? or(
              sql`${users.email} LIKE ${pattern} ESCAPE '\\'`,
              sql`${users.name} LIKE ${pattern} ESCAPE '\\'`,
            )
          : undefined,
        afterCursor(filter.cursor, "users", users.id),
      ),
    )
    .orderBy(desc(users.id))
    .limit(filter.limit + 1);
  return toPage(rows, filter.limit, "users", (row) => row.id);
}

export interface AuditLogFilter {
  eventId?: number | undefined;
  userId?: number | undefined;
  action?: BookingLogAction | undefined;
  cursor?: string | null | undefined;
  limit: number;
}

export async function listAuditLog(db: ReadDatabase, filter: AuditLogFilter) {
  const conditions: (SQL | undefined)[] = [afterCursor(filter.cursor, "audit-log", bookingLogs.id)];
  if (filter.eventId !== undefined) conditions.push(eq(bookingLogs.eventId, filter.eventId));
  if (filter.userId !== undefined) conditions.push(eq(bookingLogs.userId, filter.userId));
  if (filter.action) conditions.push(eq(bookingLogs.action, filter.action));
  const user = alias(users, "user");
  const actor = alias(users, "actor");
  const rows = await db
    .select({
      ...getTableColumns(bookingLogs),
      // A deleted event is named by the title its deletion row kept.
      eventTitle: sql<string | null>`COALESCE(${events.title}, (
        SELECT json_extract(gone.detail, '$.eventTitle') FROM ${bookingLogs} AS gone
        WHERE gone.event_id = ${bookingLogs.eventId} AND gone.action = 'event_deleted'
        LIMIT 1))`,
      userName: user.name,
      actorName: actor.name,
    })
    .from(bookingLogs)
    .leftJoin(events, eq(events.id, bookingLogs.eventId))
    .leftJoin(user, eq(user.id, bookingLogs.userId))
    .leftJoin(actor, eq(actor.id, bookingLogs.actorId))
    .where(and(...conditions))
    .orderBy(desc(bookingLogs.id))
    .limit(filter.limit + 1);
  return toPage(rows, filter.limit, "audit-log", (row) => row.id);
}

/** Headline figures for the admin dashboard. */
export async function readStats(db: ReadDatabase, now: number) {
  const [row] = await db.all<{
    events: number;
    upcomingEvents: number;
    capacity: number;
    seatsSold: number;
    confirmedBookings: number;
    cancelledBookings: number;
    users: number;
  }>(sql`
    SELECT
      (SELECT COUNT(*) FROM events) AS events,
      (SELECT COUNT(*) FROM events WHERE starts_at > ${now}) AS upcomingEvents,
      (SELECT COALESCE(SUM(capacity), 0) FROM events) AS capacity,
      (SELECT COALESCE(SUM(capacity - available_seats - held_seats), 0) FROM events) AS seatsSold,
      (SELECT COUNT(*) FROM bookings WHERE status = 'confirmed') AS confirmedBookings,
      (SELECT COUNT(*) FROM bookings WHERE status = 'cancelled') AS cancelledBookings,
      (SELECT COUNT(*) FROM users) AS users`);
  const stats = row ?? {
    events: 0,
    upcomingEvents: 0,
    capacity: 0,
    seatsSold: 0,
    confirmedBookings: 0,
    cancelledBookings: 0,
    users: 0,
  };
  return { ...stats, utilisation: stats.capacity > 0 ? stats.seatsSold / stats.capacity : 0 };
}
