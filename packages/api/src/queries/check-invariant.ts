import { sql } from "drizzle-orm";
import type { ReadDatabase } from "@boxoffice/db";

export interface InvariantViolation {
  eventId: number;
  problem: string;
}

/**
 * Verifies SPEC.md's invariant for every event: available + confirmed seats = capacity,
 * available >= 0, and the change feed ends at the event's current seat count.
 */
export async function checkInvariant(db: ReadDatabase): Promise<InvariantViolation[]> {
  const rows = await db.all<{
    id: number;
    capacity: number;
    available: number;
    booked: number;
    lastLoggedAvailable: number | null;
  }>(sql`
    SELECT e.id,
           e.capacity,
           e.available_seats AS available,
           COALESCE((SELECT SUM(b.seats) FROM bookings b
                     WHERE b.event_id = e.id AND b.status = 'confirmed'), 0) AS booked,
           (SELECT l.available_after FROM booking_logs l
            WHERE l.event_id = e.id ORDER BY l.id DESC LIMIT 1) AS lastLoggedAvailable
    FROM events e`);

  const violations: InvariantViolation[] = [];
  for (const row of rows) {
    if (row.available < 0) {
      violations.push({ eventId: row.id, problem: `available seats ${row.available} < 0` });
    }
    if (row.available + row.booked !== row.capacity) {
      violations.push({
        eventId: row.id,
        problem: `available ${row.available} + booked ${row.booked} != capacity ${row.capacity}`,
      });
    }
    if (row.lastLoggedAvailable !== null && row.lastLoggedAvailable !== row.available) {
      violations.push({
        eventId: row.id,
        problem: `last log says ${row.lastLoggedAvailable} available, event says ${row.available}`,
      });
    }
  }
  return violations;
}
