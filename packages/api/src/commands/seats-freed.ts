import { and, eq, gte, inArray, sql } from "drizzle-orm";
import {
  events,
  waitlistEntries,
  type AppDatabase,
  type BookingLog,
  type BookingLogDetail,
  type WaitlistEntry,
} from "@boxoffice/db";
import { enqueueWaitlistOffer } from "./outbox.ts";
import { writeSeatLogs, type SeatLogRow } from "./seat-logs.ts";
import { waitlistStatementsFor } from "./waitlist-statements.ts";

const minute = 60_000;

/**
 * Hands the event's free seats to its waiting list, inside the transaction that freed them
 * (a cancellation, a capacity increase, a declined or expired offer), emails each person
 * offered seats (the outbox), and writes the change feed rows: first `causes` (the caller's own rows, e.g. the cancellation), then one
 * `offer_made` per offer. Every row carries the event's figures after all the offers, so no
 * subscriber ever sees seats as available that the waiting list was given in the same
 * transaction. Returns the rows written (none when there is nothing to say).
 *
 * The rule, FIFO by place in line: walk the waiting entries in the order they joined; each
 * one whose request fits the seats still free (and the event's per-booking and per-person
 * limits) is offered exactly its seats, held for it for the event's offer window (never past
 * the start). An entry that does not fit keeps its place, and the seats go to the next one
 * that fits: a later, smaller request may overtake a larger one, because the alternative —
 * keeping seats back for a request they cannot fill yet — would leave them either publicly
 * bookable (so the larger request would lose them anyway) or held for nobody. Seats that fit
 * nobody on the list are left publicly bookable.
 */
export async function offerFreedSeats(
  tx: AppDatabase,
  eventId: number,
  now: number,
  causes: readonly SeatLogRow[] = [],
): Promise<BookingLog[]> {
  const offers = await makeOffers(tx, eventId, now);
  const rows: SeatLogRow[] = [
    ...causes,
    ...offers.map((offer) => ({
      action: "offer_made" as const,
      userId: offer.userId,
      seats: offer.seats,
      waitlistEntryId: offer.id,
      detail: { expiresAt: offer.offerExpiresAt ?? undefined },
    })),
  ];
  return writeSeatLogs(tx, eventId, now, rows);
}

/** Offers free seats to the earliest fitting entries (see offerFreedSeats); returns the offers. */
async function makeOffers(tx: AppDatabase, eventId: number, now: number) {
  const statements = waitlistStatementsFor(tx);
  const [event] = await statements.offering.all({ eventId, now });
  if (!event) return [];
  const expiresAt = Math.min(now + event.offerMinutes * minute, event.startsAt);

  const offers: WaitlistEntry[] = [];
  let free = event.availableSeats;
  while (free > 0) {
    const [next] = await statements.firstFitting.all({ eventId, free });
    if (!next) break;
    // Relative and guarded like every seat change: seats move from available to held.
    const [held] = await tx
      .update(events)
      .set({
        availableSeats: sql`${events.availableSeats} - ${next.seats}`,
        heldSeats: sql`${events.heldSeats} + ${next.seats}`,
      })
      .where(and(eq(events.id, eventId), gte(events.availableSeats, next.seats)))
      .returning({ availableSeats: events.availableSeats });
    const [offer] = await tx
      .update(waitlistEntries)
      .set({ status: "offered", offeredAt: now, offerExpiresAt: expiresAt })
      .where(and(eq(waitlistEntries.id, next.id), eq(waitlistEntries.status, "waiting")))
      .returning();
    // Both were just read inside this write transaction, so both must have changed.
    if (!held || !offer) throw new Error(`Offer to waiting-list entry ${next.id} did not apply`);
    // Told by email too, in this transaction: an offer is never made without its message.
    await enqueueWaitlistOffer(
      tx,
      {
        userId: offer.userId,
        eventId,
        waitlistEntryId: offer.id,
        seats: offer.seats,
        offerExpiresAt: expiresAt,
      },
      now,
    );
    offers.push(offer);
    free = held.availableSeats;
  }
  return offers;
}

/** Seats an offer held go back to the event's available seats (relative, guarded). */
export async function releaseHeldSeats(tx: AppDatabase, eventId: number, seats: number) {
  const [event] = await tx
    .update(events)
    .set({
      availableSeats: sql`${events.availableSeats} + ${seats}`,
      heldSeats: sql`${events.heldSeats} - ${seats}`,
    })
    .where(and(eq(events.id, eventId), gte(events.heldSeats, seats)))
    .returning({ id: events.id });
  if (!event) throw new Error(`Event ${eventId} does not hold ${seats} seats for offers`);
}

/**
 * Takes people off an event's waiting list without passing anything on: the organiser turned
 * the list off (waiting entries end; offers already made stand), or the event is going away
 * (`withdrawOffers`: offers end too and their seats return to the event). Each person hears
 * it as a `waitlist_left` row made by `actorId`, with the reason in `detail`.
 */
export async function closeWaitlist(
  tx: AppDatabase,
  eventId: number,
  options: {
    actorId: number;
    reason: NonNullable<BookingLogDetail["reason"]>;
    withdrawOffers: boolean;
  },
  now: number,
): Promise<BookingLog[]> {
  const statuses = options.withdrawOffers
    ? (["waiting", "offered"] as const)
    : (["waiting"] as const);
  const ended = await tx
    .update(waitlistEntries)
    .set({ status: "cancelled", endedAt: now })
    .where(and(eq(waitlistEntries.eventId, eventId), inArray(waitlistEntries.status, statuses)))
    .returning();
  // Only offers have an offer time (an entry is never offered twice), and only they held seats.
  const withdrawn = ended
    .filter((entry) => entry.offeredAt !== null)
    .reduce((seats, entry) => seats + entry.seats, 0);
  if (withdrawn > 0) await releaseHeldSeats(tx, eventId, withdrawn);
  return writeSeatLogs(
    tx,
    eventId,
    now,
    ended
      .sort((a, b) => a.id - b.id)
      .map((entry) => ({
        action: "waitlist_left" as const,
        userId: entry.userId,
        actorId: options.actorId,
        seats: entry.seats,
        waitlistEntryId: entry.id,
        detail: { reason: options.reason },
      })),
  );
}
