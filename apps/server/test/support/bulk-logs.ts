import { bookingLogs, type Database } from "@boxoffice/db";

/**
 * Appends `count` booked-seat rows for `eventId` to booking_logs through the database's
 * writer, a few thousand per statement: a big change history in seconds, for tests about
 * replaying it. The rows are history only (no bookings behind them).
 */
export async function appendChangeHistory(
  database: Database,
  eventId: number,
  count: number,
): Promise<void> {
  const chunk = 2_000;
  for (let start = 0; start < count; start += chunk) {
    const rows = Array.from({ length: Math.min(chunk, count - start) }, () => ({
      eventId,
      action: "booked" as const,
      seats: 1,
      availableAfter: 10,
      capacityAfter: 10,
      createdAt: Date.now(),
    }));
    await database.writer.run((tx) =>
      tx
        .insert(bookingLogs)
        .values(rows)
        .then(() => undefined),
    );
  }
}
