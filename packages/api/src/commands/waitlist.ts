import { and, eq } from "drizzle-orm";
import {
  isUniqueViolation,
  waitlistEntries,
  type AppDatabase,
  type WaitlistEntry,
} from "@boxoffice/db";
import { declineOffer } from "./offers.ts";
import { refuse, succeed, type Outcome } from "./outcome.ts";
import { writeSeatLogs } from "./seat-logs.ts";
import { waitlistStatementsFor } from "./waitlist-statements.ts";

export type WaitlistOutcome = Outcome<{ entry: WaitlistEntry }>;

/** The person's place in line for an event, if they have one (waiting or holding an offer). */
export async function activeEntry(tx: AppDatabase, eventId: number, userId: number) {
  const [entry] = await waitlistStatementsFor(tx).activeEntry.all({ eventId, userId });
  return entry;
}

/**
 * Puts a person at the end of an event's waiting list for `seats`, but only when the event
 * cannot give them those seats now: with enough seats available they are told to book them.
 * Joining never makes an offer: a request that fits the free seats is refused, and every
 * other change that frees seats already offered them to the list.
 */
export async function joinWaitlist(
  tx: AppDatabase,
  input: { eventId: number; userId: number; seats: number },
  now: number,
): Promise<WaitlistOutcome> {
  const { eventId, userId, seats } = input;
  if (!Number.isSafeInteger(seats) || seats < 1) return refuse({ code: "INVALID_SEATS" });

  const statements = waitlistStatementsFor(tx);
  const [event] = await statements.joinFacts.all({ eventId, userId });
  if (!event) return refuse({ code: "NOT_FOUND", entity: "event" });
  if (event.status === "cancelled") return refuse({ code: "EVENT_CANCELLED" });
  if (event.startsAt <= now) return refuse({ code: "EVENT_PAST" });
  if (!event.waitlistEnabled) return refuse({ code: "WAITLIST_CLOSED" });
  const existing = await activeEntry(tx, eventId, userId);
  if (existing) {
    const status = existing.status === "offered" ? "offered" : "waiting";
    return refuse({ code: "ALREADY_ON_WAITLIST", status });
  }
  if (seats > event.maxSeatsPerBooking) {
    return refuse({ code: "LIMIT_EXCEEDED", maxSeatsPerBooking: event.maxSeatsPerBooking });
  }
  if (event.heldByPerson + seats > event.maxSeatsPerPerson) {
    return refuse({
      code: "PERSON_LIMIT",
      maxSeatsPerPerson: event.maxSeatsPerPerson,
      alreadyHeld: event.heldByPerson,
    });
  }
  if (seats <= event.availableSeats) {
    return refuse({ code: "SEATS_AVAILABLE", availableSeats: event.availableSeats });
  }

  let entry: WaitlistEntry | undefined;
  try {
    [entry] = await statements.insertEntry.all({ eventId, userId, seats, now });
  } catch (error) {
    // The partial unique index (one active entry per person and event) is the last word.
    if (isUniqueViolation(error, "waitlist_entries.event_id")) {
      return refuse({ code: "ALREADY_ON_WAITLIST", status: "waiting" });
    }
    throw error;
  }
  if (!entry) throw new Error("INSERT … RETURNING gave no waiting-list entry");
  const logs = await writeSeatLogs(tx, eventId, now, [
    { action: "waitlist_joined", userId, seats, waitlistEntryId: entry.id },
  ]);
  return succeed({ entry }, logs);
}

/**
 * Takes the person off an event's waiting list. Holding an offer, leaving is declining it:
 * its seats go to the next person in line at once.
 */
export async function leaveWaitlist(
  tx: AppDatabase,
  input: { eventId: number; userId: number },
  now: number,
): Promise<WaitlistOutcome> {
  const entry = await activeEntry(tx, input.eventId, input.userId);
  if (!entry) return refuse({ code: "NOT_ON_WAITLIST" });
  if (entry.status === "offered") {
    return declineOffer(tx, { offerId: entry.id, userId: input.userId }, now);
  }
  const [left] = await tx
    .update(waitlistEntries)
    .set({ status: "left", endedAt: now })
    .where(and(eq(waitlistEntries.id, entry.id), eq(waitlistEntries.status, "waiting")))
    .returning();
  if (!left) throw new Error(`Waiting-list entry ${entry.id} changed under its own transaction`);
  const logs = await writeSeatLogs(tx, input.eventId, now, [
    { action: "waitlist_left", userId: input.userId, seats: left.seats, waitlistEntryId: left.id },
  ]);
  return succeed({ entry: left }, logs);
}
