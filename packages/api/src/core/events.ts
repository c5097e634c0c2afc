import { and, eq, sql } from "drizzle-orm";
import { bookingLogs, events, type AppDatabase, type BookingLog, type Event } from "@boxoffice/db";
import { refuse, type Outcome } from "./failures.ts";

/** What an organiser sets on an event; seat counts are derived, never set directly. */
export interface EventFields {
  title: string;
  description: string;
  location: string;
  startsAt: number;
  endsAt: number;
  imageUrl: string | null;
  tags: string[];
  capacity: number;
  maxSeatsPerBooking: number;
}

export async function createEventIn(
  tx: AppDatabase,
  fields: EventFields & { createdBy: number },
  now: number,
): Promise<Event> {
  const [event] = await tx
    .insert(events)
    .values({ ...fields, availableSeats: fields.capacity, createdAt: now, updatedAt: now })
    .returning();
  if (!event) throw new Error("INSERT … RETURNING gave no event row");
  return event;
}

export type UpdateEventOutcome = Outcome<{ event: Event; logs: BookingLog[] }>;

/**
 * A partial update. Capacity moves available seats by the same difference in one guarded
 * statement (`available_seats + (new - old) >= 0`), so it can never undercut seats that
 * were booked a moment ago.
 */
export async function updateEventIn(
  tx: AppDatabase,
  input: { eventId: number; changes: Partial<EventFields>; actorId: number },
  now: number,
): Promise<UpdateEventOutcome> {
  const [current] = await tx.select().from(events).where(eq(events.id, input.eventId)).limit(1);
  if (!current) return refuse({ code: "NOT_FOUND", entity: "event" });

  const { capacity, ...plain } = input.changes;
  const startsAt = plain.startsAt ?? current.startsAt;
  const endsAt = plain.endsAt ?? current.endsAt;
  if (endsAt < startsAt) return refuse({ code: "INVALID_DATES" });

  const capacityChanges = capacity !== undefined && capacity !== current.capacity;
  const seatShift = capacityChanges
    ? sql`${events.availableSeats} + (${capacity} - ${events.capacity})`
    : undefined;
  const [event] = await tx
    .update(events)
    .set({
      ...plain,
      ...(capacityChanges ? { capacity, availableSeats: seatShift } : {}),
      updatedAt: now,
    })
    .where(and(eq(events.id, input.eventId), seatShift ? sql`${seatShift} >= 0` : undefined))
    .returning();
  if (!event) {
    return refuse({ code: "BELOW_BOOKED", seatsBooked: current.capacity - current.availableSeats });
  }
  if (!capacityChanges) return { ok: true, event, logs: [] };

  const logs = await tx
    .insert(bookingLogs)
    .values({
      eventId: event.id,
      userId: input.actorId,
      action: "capacity_changed",
      seats: event.capacity - current.capacity,
      availableAfter: event.availableSeats,
      capacityAfter: event.capacity,
      createdAt: now,
    })
    .returning();
  return { ok: true, event, logs };
}
