import { sql } from "drizzle-orm";
import type { ReadDatabase } from "@boxoffice/db";

export interface InvariantViolation {
  eventId: number;
  problem: string;
}

/**
 * Verifies SPEC.md's invariant for every event: available + confirmed seats = capacity,
 * available >= 0, and the change feed ends at the event's current seat count. And for
 * tickets: every confirmed booking has exactly one valid ticket per seat, nothing else has a
 * valid ticket, and the event's checked_in count is its valid tickets let in.
 */
export async function checkInvariant(db: ReadDatabase): Promise<InvariantViolation[]> {
  const rows = await db.all<{
    id: number;
    capacity: number;
    available: number;
    booked: number;
    lastLoggedAvailable: number | null;
    checkedIn: number;
    ticketsIn: number;
    lastLoggedCheckedIn: number | null;
  }>(sql`
    SELECT e.id,
           e.capacity,
           e.available_seats AS available,
           COALESCE((SELECT SUM(b.seats) FROM bookings b
                     WHERE b.event_id = e.id AND b.status = 'confirmed'), 0) AS booked,
           (SELECT l.available_after FROM booking_logs l
            WHERE l.event_id = e.id ORDER BY l.id DESC LIMIT 1) AS lastLoggedAvailable,
           e.checked_in AS checkedIn,
           (SELECT COUNT(*) FROM tickets t WHERE t.event_id = e.id AND t.status = 'valid'
              AND t.checked_in_at IS NOT NULL) AS ticketsIn,
           (SELECT l.checked_in_after FROM booking_logs l
            WHERE l.event_id = e.id ORDER BY l.id DESC LIMIT 1) AS lastLoggedCheckedIn
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
    if (row.checkedIn !== row.ticketsIn) {
      violations.push({
        eventId: row.id,
        problem: `checked_in ${row.checkedIn} != ${row.ticketsIn} valid tickets let in`,
      });
    }
    if (row.lastLoggedCheckedIn !== null && row.lastLoggedCheckedIn !== row.checkedIn) {
      violations.push({
        eventId: row.id,
        problem: `last log says ${row.lastLoggedCheckedIn} checked in, event says ${row.checkedIn}`,
      });
    }
  }

  const tickets = await db.all<{ bookingId: number; eventId: number; problem: string }>(sql`
    SELECT b.id AS bookingId, b.event_id AS eventId,
           'booking ' || b.id || ' (' || b.status || ', ' || b.seats || ' seats) has '
             || COUNT(t.id) || ' valid tickets' AS problem
    FROM bookings b
    LEFT JOIN tickets t ON t.booking_id = b.id AND t.status = 'valid'
    GROUP BY b.id
    HAVING COUNT(t.id) != CASE WHEN b.status = 'confirmed' THEN b.seats ELSE 0 END
    LIMIT 100`);
  for (const row of tickets) violations.push({ eventId: row.eventId, problem: row.problem });
  return violations;
}
