import { and, eq, isNull, sql } from "drizzle-orm";
import { events, type AppDatabase, type Event, type NewEvent } from "@boxoffice/db";
import { eventColumns } from "../event-columns.ts";
import { searchTextOf } from "../search-folding.ts";
import { refuse, succeed, type Outcome } from "./outcome.ts";
import { tellHoldersOfMove } from "./event-moved.ts";
import type { SeatLogRow } from "./seat-logs.ts";
import { closeWaitlist, offerFreedSeats } from "./seats-freed.ts";

/** The columns an organiser sets; seat counts and bookkeeping are derived, never set. */
export const editableEventColumns = [
  "title",
  "description",
  "location",
  "startsAt",
  "endsAt",
  "imageUrl",
  "tags",
  "capacity",
  "maxSeatsPerBooking",
  "maxSeatsPerPerson",
  "waitlistEnabled",
  "waitlistOfferMinutes",
  "timezone",
] as const;

/** What an organiser sets on an event, typed from the schema (defaulted columns optional). */
export type EventFields = Pick<NewEvent, (typeof editableEventColumns)[number]>;

export type CreateEventOutcome = Outcome<{ event: Event }>;

export async function createEvent(
  tx: AppDatabase,
  fields: EventFields & { createdBy: number },
  now: number,
): Promise<CreateEventOutcome> {
  const [event] = await tx
    .insert(events)
    .values({
      ...fields,
      availableSeats: fields.capacity,
      searchText: searchTextOf(fields),
      createdAt: now,
      updatedAt: now,
    })
    .returning(eventColumns);
  if (!event) throw new Error("INSERT … RETURNING gave no event row");
  return succeed({ event });
}

export type UpdateEventOutcome = Outcome<{ event: Event }>;

/**
 * A partial update. Capacity moves available seats by the same difference in one guarded
 * statement (`available_seats + (new - old) >= 0`), so it can never undercut seats that
 * were booked (or offered to the waiting list) a moment ago. Seats a change frees up (more
 * capacity, higher limits) go to the waiting list in the same transaction; turning the list
 * off takes the people still waiting off it (offers already made stand).
 */
export async function updateEvent(
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
  const searchable = { ...current, ...plain };
  const [event] = await tx
    .update(events)
    .set({
      ...plain,
      ...(capacityChanges ? { capacity, availableSeats: seatShift } : {}),
      searchText: searchTextOf(searchable),
      updatedAt: now,
    })
    .where(and(eq(events.id, input.eventId), seatShift ? sql`${seatShift} >= 0` : undefined))
    .returning(eventColumns);
  if (!event) {
    const { capacity: seats, availableSeats: available, heldSeats: offered } = current;
    return refuse({
      code: "BELOW_BOOKED",
      seatsBooked: seats - available - offered,
      seatsOffered: offered,
    });
  }

  const closed =
    current.waitlistEnabled && !event.waitlistEnabled
      ? await closeWaitlist(
          tx,
          event.id,
          { actorId: input.actorId, reason: "waitlist_closed", withdrawOffers: false },
          now,
        )
      : [];
  const causes: SeatLogRow[] = capacityChanges
    ? [
        {
          action: "capacity_changed",
          userId: input.actorId,
          actorId: input.actorId,
          seats: event.capacity - current.capacity,
        },
      ]
    : [];
  const seatLogs = [...closed, ...(await offerFreedSeats(tx, event.id, now, causes))];
  // Offers move seats: answer with the event as it now stands.
  const [after] = seatLogs.length
    ? await tx.select(eventColumns).from(events).where(eq(events.id, event.id)).limit(1)
    : [event];
  const settled = after ?? event;
  const moved = await tellHoldersOfMove(tx, current, settled, input.actorId, now);
  return succeed({ event: settled }, [...seatLogs, ...moved]);
}

/**
 * Folds the search text of events that have none yet (written before search folded
 * accents, or inserted by other means), a batch at a time; resolves with how many it did.
 */
export async function foldSearchText(
  tx: AppDatabase,
  input: { batch: number },
): Promise<Outcome<{ folded: number }>> {
  const rows = await tx
    .select({
      id: events.id,
      title: events.title,
      description: events.description,
      location: events.location,
    })
    .from(events)
    .where(isNull(events.searchText))
    .limit(input.batch);
  for (const row of rows) {
    await tx
      .update(events)
      .set({ searchText: searchTextOf(row) })
      .where(eq(events.id, row.id));
  }
  return succeed({ folded: rows.length });
}
