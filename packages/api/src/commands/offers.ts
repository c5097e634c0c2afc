import { and, eq, gte, lte, sql } from "drizzle-orm";
import {
  events,
  waitlistEntries,
  type AppDatabase,
  type Booking,
  type BookingLog,
  type WaitlistEntry,
} from "@boxoffice/db";
import { afterBookingConfirmed } from "./booking-confirmed.ts";
import { withUniqueReference } from "./booking-reference.ts";
import { refuse, succeed, type BookingFailure, type Outcome } from "./outcome.ts";
import { preparedFor } from "./prepared.ts";
import { writeSeatLogs } from "./seat-logs.ts";
import { offerFreedSeats, releaseHeldSeats } from "./seats-freed.ts";

export interface ClaimOfferInput {
  offerId: number;
  userId: number;
  /** A client-chosen key, shared with bookings.create: a retry returns the first booking. */
  idempotencyKey: string;
}

export type ClaimOfferOutcome = Outcome<{ booking: Booking; replayed: boolean }>;

/** The offer (a waiting-list entry) with what decides whether it can still be taken up. */
async function offerOf(tx: AppDatabase, offerId: number, userId: number) {
  const [row] = await tx
    .select({ entry: waitlistEntries, eventStatus: events.status, startsAt: events.startsAt })
    .from(waitlistEntries)
    .innerJoin(events, eq(events.id, waitlistEntries.eventId))
    .where(eq(waitlistEntries.id, offerId))
    .limit(1);
  // Someone else's offer is, to this person, no offer at all.
  return row && row.entry.userId === userId ? row : undefined;
}

/** Why an offer cannot be claimed or declined now, or null when it is open. */
function offerClosed(entry: WaitlistEntry, now: number): BookingFailure | null {
  if (entry.status === "expired") return { code: "OFFER_EXPIRED" };
  if (entry.status !== "offered") return { code: "OFFER_CLOSED", status: entry.status };
  if ((entry.offerExpiresAt ?? 0) <= now) return { code: "OFFER_EXPIRED" };
  return null;
}

/**
 * Turns an offer into a confirmed booking of its seats: held seats become booked ones, with
 * the same confirmation path as any booking (afterBookingConfirmed). Idempotent like
 * reserveSeats: a retry with the same key answers with the booking made the first time.
 */
export async function claimOffer(
  tx: AppDatabase,
  input: ClaimOfferInput,
  now: number,
): Promise<ClaimOfferOutcome> {
  const { offerId, userId, idempotencyKey: key } = input;
  const statements = preparedFor(tx);
  const offer = await offerOf(tx, offerId, userId);

  const [earlier] = await statements.bookingByKey.all({ userId, key });
  if (earlier) {
    return offer?.entry.bookingId === earlier.id
      ? succeed({ booking: earlier, replayed: true })
      : refuse({ code: "IDEMPOTENCY_KEY_REUSED" });
  }
  if (!offer) return refuse({ code: "NOT_FOUND", entity: "offer" });
  const closed = offerClosed(offer.entry, now);
  if (closed) return refuse(closed);
  if (offer.eventStatus === "cancelled") return refuse({ code: "EVENT_CANCELLED" });
  if (offer.startsAt <= now) return refuse({ code: "EVENT_PAST" });

  const { eventId, seats } = offer.entry;
  const [booking] = await withUniqueReference(async (reference) =>
    statements.insertBooking.all({ eventId, userId, seats, key, reference, now }),
  );
  if (!booking) throw new Error("INSERT … RETURNING gave no booking row");
  const [claimed] = await tx
    .update(waitlistEntries)
    .set({ status: "claimed", bookingId: booking.id, endedAt: now })
    .where(and(eq(waitlistEntries.id, offerId), eq(waitlistEntries.status, "offered")))
    .returning();
  const [event] = await tx
    .update(events)
    .set({ heldSeats: sql`${events.heldSeats} - ${seats}` })
    .where(and(eq(events.id, eventId), gte(events.heldSeats, seats)))
    .returning({ id: events.id });
  if (!claimed || !event) throw new Error(`Offer ${offerId} changed under its own transaction`);

  const logs = await writeSeatLogs(tx, eventId, now, [
    { action: "offer_claimed", userId, bookingId: booking.id, seats, waitlistEntryId: offerId },
  ]);
  logs.push(...(await afterBookingConfirmed(tx, booking, now)));
  return succeed({ booking, replayed: false }, logs);
}

export type DeclineOfferOutcome = Outcome<{ entry: WaitlistEntry }>;

/**
 * Gives an offer back: its seats go to the next person in line in this same transaction
 * (or back on sale when nobody waiting fits). An offer past its window that the expiry
 * check has not reached yet may still be declined; the seats move on either way.
 */
export async function declineOffer(
  tx: AppDatabase,
  input: { offerId: number; userId: number },
  now: number,
): Promise<DeclineOfferOutcome> {
  const offer = await offerOf(tx, input.offerId, input.userId);
  if (!offer) return refuse({ code: "NOT_FOUND", entity: "offer" });
  if (offer.entry.status === "expired") return refuse({ code: "OFFER_EXPIRED" });
  if (offer.entry.status !== "offered") {
    return refuse({ code: "OFFER_CLOSED", status: offer.entry.status });
  }

  const [declined] = await tx
    .update(waitlistEntries)
    .set({ status: "declined", endedAt: now })
    .where(and(eq(waitlistEntries.id, input.offerId), eq(waitlistEntries.status, "offered")))
    .returning();
  if (!declined) throw new Error(`Offer ${input.offerId} changed under its own transaction`);
  await releaseHeldSeats(tx, declined.eventId, declined.seats);
  const logs = await offerFreedSeats(tx, declined.eventId, now, [
    {
      action: "offer_declined",
      userId: declined.userId,
      seats: declined.seats,
      waitlistEntryId: declined.id,
    },
  ]);
  return succeed({ entry: declined }, logs);
}

export type ExpireOffersOutcome = Outcome<{ expired: WaitlistEntry[] }>;

/**
 * Ends every offer whose window has passed and passes its seats on, in one transaction. The
 * decisive statement is the guarded UPDATE (`status = 'offered' AND offer_expires_at <= now`):
 * however many processes or instances run this at once, each offer is expired by exactly one
 * of them, which then hands the seats on before it commits.
 */
export async function expireOffers(
  tx: AppDatabase,
  _input: Record<string, never>,
  now: number,
): Promise<ExpireOffersOutcome> {
  const expired = await tx
    .update(waitlistEntries)
    .set({ status: "expired", endedAt: now })
    .where(and(eq(waitlistEntries.status, "offered"), lte(waitlistEntries.offerExpiresAt, now)))
    .returning();
  if (expired.length === 0) return succeed({ expired });

  const byEvent = new Map<number, WaitlistEntry[]>();
  for (const entry of [...expired].sort((a, b) => a.id - b.id)) {
    byEvent.set(entry.eventId, [...(byEvent.get(entry.eventId) ?? []), entry]);
  }
  const logs: BookingLog[] = [];
  for (const [eventId, entries] of [...byEvent].sort(([a], [b]) => a - b)) {
    const seats = entries.reduce((sum, entry) => sum + entry.seats, 0);
    await releaseHeldSeats(tx, eventId, seats);
    logs.push(
      ...(await offerFreedSeats(
        tx,
        eventId,
        now,
        entries.map((entry) => ({
          action: "offer_expired" as const,
          userId: entry.userId,
          seats: entry.seats,
          waitlistEntryId: entry.id,
        })),
      )),
    );
  }
  return succeed({ expired }, logs);
}
