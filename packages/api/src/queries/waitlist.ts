import { and, asc, eq, gt, inArray, lte, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { events, users, waitlistEntries, type ReadDatabase } from "@boxoffice/db";
import { decodeCursor, toPage } from "./cursor.ts";
import { InvalidCursorError } from "./events.ts";

const active = ["waiting", "offered"] as const;
const ahead = alias(waitlistEntries, "ahead");

/**
 * A waiting entry's place in line: 1 + the entries of its event still waiting that joined
 * before it (offers are out of the line). Null for an offer. One index range count each
 * (waitlist_event_status_idx), so reading it again on every change is cheap.
 */
const position = sql<number | null>`CASE WHEN ${waitlistEntries.status} = 'waiting' THEN 1 + (
  SELECT count(*) FROM ${waitlistEntries} ${ahead}
  WHERE ${ahead.eventId} = ${waitlistEntries.eventId} AND ${ahead.status} = 'waiting'
    AND ${ahead.id} < ${waitlistEntries.id}) END`;

const entryFields = {
  id: waitlistEntries.id,
  eventId: waitlistEntries.eventId,
  seats: waitlistEntries.seats,
  status: waitlistEntries.status,
  createdAt: waitlistEntries.createdAt,
  offeredAt: waitlistEntries.offeredAt,
  offerExpiresAt: waitlistEntries.offerExpiresAt,
  position,
};

/**
 * The signed-in person's places in line and open offers, for events that have not started,
 * soonest first, each with what they need to know about the event.
 */
export async function waitlistOfUser(db: ReadDatabase, userId: number, now: number) {
  const rows = await db
    .select({
      ...entryFields,
      event: {
        id: events.id,
        title: events.title,
        startsAt: events.startsAt,
        endsAt: events.endsAt,
        location: events.location,
        timezone: events.timezone,
        availableSeats: events.availableSeats,
        heldSeats: events.heldSeats,
        capacity: events.capacity,
      },
    })
    .from(waitlistEntries)
    .innerJoin(events, eq(events.id, waitlistEntries.eventId))
    .where(
      and(
        eq(waitlistEntries.userId, userId),
        inArray(waitlistEntries.status, active),
        gt(events.startsAt, now),
      ),
    )
    .orderBy(asc(events.startsAt), asc(waitlistEntries.id));
  return rows.map(({ status, ...row }) => ({
    ...row,
    status: status as (typeof active)[number],
  }));
}

interface Paging {
  cursor?: string | null | undefined;
  limit: number;
}

/** An event's waiting list in the order people joined (offers among them), for its organiser. */
export async function waitlistOfEvent(db: ReadDatabase, eventId: number, paging: Paging) {
  const conditions = [
    eq(waitlistEntries.eventId, eventId),
    inArray(waitlistEntries.status, active),
  ];
  if (paging.cursor) {
    const after = decodeCursor(paging.cursor, "waitlist");
    if (!after) throw new InvalidCursorError();
    conditions.push(gt(waitlistEntries.id, after.id));
  }
  const [rows, [summary]] = await Promise.all([
    db
      .select({
        ...entryFields,
        user: { id: users.id, name: users.name, email: users.email },
      })
      .from(waitlistEntries)
      .innerJoin(users, eq(users.id, waitlistEntries.userId))
      .where(and(...conditions))
      .orderBy(asc(waitlistEntries.id))
      .limit(paging.limit + 1),
    db
      .select({
        waiting: sql<number>`count(*) FILTER (WHERE ${waitlistEntries.status} = 'waiting')`,
        seatsWanted: sql<number>`COALESCE(SUM(${waitlistEntries.seats}) FILTER (WHERE ${waitlistEntries.status} = 'waiting'), 0)`,
        offers: sql<number>`count(*) FILTER (WHERE ${waitlistEntries.status} = 'offered')`,
      })
      .from(waitlistEntries)
      .where(and(eq(waitlistEntries.eventId, eventId), inArray(waitlistEntries.status, active))),
  ]);
  const page = toPage(rows, paging.limit, "waitlist", (row) => row.id);
  return { ...page, summary: summary ?? { waiting: 0, seatsWanted: 0, offers: 0 } };
}

/** Whether any offer's window has ended (a cheap read before asking the writer to expire). */
export async function offersDue(db: ReadDatabase, now: number): Promise<boolean> {
  const [due] = await db
    .select({ id: waitlistEntries.id })
    .from(waitlistEntries)
    .where(and(eq(waitlistEntries.status, "offered"), lte(waitlistEntries.offerExpiresAt, now)))
    .limit(1);
  return due !== undefined;
}
