import { sql } from "drizzle-orm";
import type { ReadDatabase } from "@boxoffice/db";

export interface InvariantViolation {
  eventId: number;
  problem: string;
}

/**
 * Verifies SPEC.md's invariant for every event: available + confirmed + held seats =
 * capacity, available and held >= 0, held = the seats of the waiting-list offers open now,
 * and the change feed ends at the event's current figures. And for tickets: every confirmed
 * booking has exactly one valid ticket per seat, nothing else has a valid ticket, and the
 * event's checked_in count is its valid tickets let in.
 */
export async function checkInvariant(db: ReadDatabase): Promise<InvariantViolation[]> {
  const rows = await db.all<{
    id: number;
    capacity: number;
    available: number;
    held: number;
    booked: number;
    offered: number;
    checkedIn: number;
    ticketsIn: number;
    lastLoggedAvailable: number | null;
    lastLoggedHeld: number | null;
    lastLoggedCheckedIn: number | null;
  }>(sql`
    SELECT e.id,
           e.capacity,
           e.available_seats AS available,
           e.held_seats AS held,
           COALESCE((SELECT SUM(b.seats) FROM bookings b
                     WHERE b.event_id = e.id AND b.status = 'confirmed'), 0) AS booked,
           COALESCE((SELECT SUM(w.seats) FROM waitlist_entries w
                     WHERE w.event_id = e.id AND w.status = 'offered'), 0) AS offered,
           e.checked_in AS checkedIn,
           (SELECT COUNT(*) FROM tickets t WHERE t.event_id = e.id AND t.status = 'valid'
              AND t.checked_in_at IS NOT NULL) AS ticketsIn,
           l.available_after AS lastLoggedAvailable,
           l.held_after AS lastLoggedHeld,
           l.checked_in_after AS lastLoggedCheckedIn
    FROM events e
    LEFT JOIN booking_logs l ON l.id = (SELECT max(id) FROM booking_logs WHERE event_id = e.id)`);

  const violations: InvariantViolation[] = [];
  for (const row of rows) {
    const problem = (text: string) => violations.push({ eventId: row.id, problem: text });
    if (row.available < 0) problem(`available seats ${row.available} < 0`);
    if (row.held < 0) problem(`held seats ${row.held} < 0`);
    if (row.available + row.booked + row.held !== row.capacity) {
      problem(
        `available ${row.available} + booked ${row.booked} + held ${row.held} != capacity ${row.capacity}`,
      );
    }
    if (row.held !== row.offered) {
      problem(`held seats ${row.held} != ${row.offered} seats of open waiting-list offers`);
    }
    if (row.lastLoggedAvailable !== null && row.lastLoggedAvailable !== row.available) {
      problem(`last log says ${row.lastLoggedAvailable} available, event says ${row.available}`);
    }
    if (row.lastLoggedHeld !== null && row.lastLoggedHeld !== row.held) {
      problem(`last log says ${row.lastLoggedHeld} held, event says ${row.held}`);
    }
    if (row.checkedIn !== row.ticketsIn) {
      problem(`checked_in ${row.checkedIn} != ${row.ticketsIn} valid tickets let in`);
    }
    if (row.lastLoggedCheckedIn !== null && row.lastLoggedCheckedIn !== row.checkedIn) {
      problem(`last log says ${row.lastLoggedCheckedIn} checked in, event says ${row.checkedIn}`);
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
