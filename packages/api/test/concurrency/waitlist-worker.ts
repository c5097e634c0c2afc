/**
 * One of several processes working one small event's seats and waiting list on one database
 * file, in rounds the parent paces: each round the parent sends the time (the clock every
 * command here reads), the worker fires a burst of concurrent commands for its own people —
 * book, cancel, join, leave, claim (sometimes twice with one key), decline, expire — and
 * answers when they have all returned. Unexpected errors are reported, not thrown.
 */
import { and, eq, inArray } from "drizzle-orm";
import { bookings, waitlistEntries } from "@boxoffice/db";
import { openServicesOnFile } from "../../src/testing.ts";

const [url, driver, eventIdText, userIdsText, opsText, workerId] = process.argv.slice(2);
if (!url || !eventIdText || !userIdsText || !opsText || !workerId)
  throw new Error("usage: url driver eventId userIds opsPerRound id");

const eventId = Number(eventIdText);
const userIds = userIdsText.split(",").map(Number);
const opsPerRound = Number(opsText);

/** Small, seeded, good enough to vary the mix between workers and rounds. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4_294_967_296;
  };
}

let now = 0;
const services = await openServicesOnFile(url, driver, () => now);
const { commands, db } = services;

const summary = {
  ops: {} as Record<string, number>,
  refusals: {} as Record<string, number>,
  claimed: [] as { offerId: number; bookingId: number }[],
  replayedClaims: 0,
  expired: [] as number[],
  unexpected: [] as string[],
};
const count = (bucket: Record<string, number>, key: string) =>
  (bucket[key] = (bucket[key] ?? 0) + 1);
const expected = new Set([
  "SOLD_OUT",
  "NOT_ENOUGH_SEATS",
  "SEATS_AVAILABLE",
  "ALREADY_ON_WAITLIST",
  "NOT_ON_WAITLIST",
  "OFFER_EXPIRED",
  "OFFER_CLOSED",
  "ALREADY_CANCELLED",
]);
const outcome = (result: { ok: boolean; failure?: { code: string } }) => {
  if (result.ok || !result.failure) return;
  count(summary.refusals, result.failure.code);
  if (!expected.has(result.failure.code))
    summary.unexpected.push(`refused: ${result.failure.code}`);
};

const openOffers = () =>
  db
    .select()
    .from(waitlistEntries)
    .where(and(inArray(waitlistEntries.userId, userIds), eq(waitlistEntries.status, "offered")));
const confirmedBookings = () =>
  db
    .select()
    .from(bookings)
    .where(
      and(
        eq(bookings.eventId, eventId),
        inArray(bookings.userId, userIds),
        eq(bookings.status, "confirmed"),
      ),
    );

let keys = 0;
async function operation(pick: () => number) {
  const userId = userIds[Math.floor(pick() * userIds.length)] ?? 0;
  const seats = 1 + Math.floor(pick() * 2);
  const roll = pick();
  const kind =
    roll < 0.2
      ? "book"
      : roll < 0.4
        ? "cancel"
        : roll < 0.62
          ? "join"
          : roll < 0.72
            ? "claim"
            : roll < 0.78
              ? "decline"
              : roll < 0.84
                ? "leave"
                : "expire";
  count(summary.ops, kind);
  switch (kind) {
    case "book":
      return outcome(
        await commands.reserveSeats({
          eventId,
          userId,
          seats,
          idempotencyKey: `w${workerId}-book-${keys++}`,
        }),
      );
    case "cancel": {
      const mine = await confirmedBookings();
      const booking = mine[Math.floor(pick() * mine.length)];
      if (booking)
        outcome(await commands.cancelBooking({ bookingId: booking.id, actorId: userId }));
      return;
    }
    case "join":
      return outcome(await commands.joinWaitlist({ eventId, userId, seats }));
    case "leave":
      return outcome(await commands.leaveWaitlist({ eventId, userId }));
    case "claim":
    case "decline": {
      const offers = await openOffers();
      const offer = offers[Math.floor(pick() * offers.length)];
      if (!offer) return;
      if (kind === "decline") {
        return outcome(await commands.declineOffer({ offerId: offer.id, userId: offer.userId }));
      }
      const input = {
        offerId: offer.id,
        userId: offer.userId,
        idempotencyKey: `w${workerId}-claim-${offer.id}`,
      };
      // A client retrying at once: the second answer must be the same booking.
      const attempts =
        pick() < 0.3
          ? [commands.claimOffer(input), commands.claimOffer(input)]
          : [commands.claimOffer(input)];
      for (const result of await Promise.all(attempts)) {
        outcome(result);
        if (!result.ok) continue;
        if (result.replayed) summary.replayedClaims++;
        else summary.claimed.push({ offerId: offer.id, bookingId: result.booking.id });
      }
      return;
    }
    case "expire":
      return expire();
  }
}

async function expire() {
  const result = await commands.expireOffers({});
  outcome(result);
  if (result.ok) summary.expired.push(...result.expired.map((entry) => entry.id));
}

process.on("message", (message: { round?: number; now?: number; end?: boolean }) => {
  void (async () => {
    if (message.end) {
      await services.close();
      process.send?.({ summary }, () => process.exit(0));
      return;
    }
    now = message.now ?? now;
    const pick = random(Number(workerId) * 1_000_003 + (message.round ?? 0));
    // Every worker races to expire whatever is due as the round starts.
    const work = [expire(), ...Array.from({ length: opsPerRound }, () => operation(pick))];
    await Promise.all(
      work.map((job) =>
        job.catch((error: unknown) => {
          summary.unexpected.push(String(error));
        }),
      ),
    );
    process.send?.({ done: message.round });
  })();
});
process.send?.({ ready: true });
