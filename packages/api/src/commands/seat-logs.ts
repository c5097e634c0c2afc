import { eq, sql } from "drizzle-orm";
import { bookingLogs, events, type AppDatabase, type BookingLog } from "@boxoffice/db";
import { preparedOnce } from "../prepared-once.ts";

type NewBookingLog = typeof bookingLogs.$inferInsert;

/** A change-feed row a command writes about an event; the seat figures are filled in last. */
export type SeatLogRow = Pick<NewBookingLog, "action" | "seats"> &
  Partial<Pick<NewBookingLog, "bookingId" | "userId" | "actorId" | "waitlistEntryId" | "detail">>;

/** The seat figures every change-feed row of an event carries. */
const figuresFor = preparedOnce((db: AppDatabase) =>
  db
    .select({
      availableAfter: events.availableSeats,
      capacityAfter: events.capacity,
      heldAfter: events.heldSeats,
      checkedInAfter: events.checkedIn,
    })
    .from(events)
    .where(eq(events.id, sql.placeholder("eventId")))
    .limit(1)
    .prepare(),
);

/**
 * Writes change-feed rows about one event, each with the event's figures as they stand now,
 * so a subscriber never sees figures older than what the transaction left.
 */
export async function writeSeatLogs(
  tx: AppDatabase,
  eventId: number,
  now: number,
  rows: readonly SeatLogRow[],
): Promise<BookingLog[]> {
  if (rows.length === 0) return [];
  const [figures] = await figuresFor(tx).all({ eventId });
  if (!figures) throw new Error(`No event ${eventId} to log seats of`);
  return tx
    .insert(bookingLogs)
    .values(rows.map((row) => ({ ...row, ...figures, eventId, createdAt: now })))
    .returning();
}
