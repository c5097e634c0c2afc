import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { asc, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { bookingLogs, bookings, waitlistEntries, type BookingLog } from "@boxoffice/db";
import { drivers } from "@boxoffice/db/testing";
import { checkInvariant } from "../../src/commands/index.ts";
import { openTestServices, type TestServices } from "../../src/testing.ts";
import { addEvent, addUser } from "../fixtures.ts";

const worker = fileURLToPath(new URL("./waitlist-worker.ts", import.meta.url));
const PROCESSES = 4;
const USERS_PER_PROCESS = 6;
const ROUNDS = 30;
const OPS_PER_ROUND = 12;
const CAPACITY = 6;
const OFFER_MINUTES = 1;
/** Each round moves the clock on by this much: an offer left alone expires 2 rounds on. */
const ROUND_MS = 35_000;

interface WorkerSummary {
  ops: Record<string, number>;
  refusals: Record<string, number>;
  claimed: { offerId: number; bookingId: number }[];
  replayedClaims: number;
  expired: number[];
  unexpected: string[];
}

interface Worker {
  child: ChildProcess;
  next<T>(predicate: (message: Record<string, unknown>) => boolean): Promise<T>;
}

function startWorker(args: string[]): Worker {
  const child = fork(worker, args, { execArgv: ["--import", "tsx"], stdio: "inherit" });
  const waiting: {
    predicate: (m: Record<string, unknown>) => boolean;
    resolve: (m: unknown) => void;
    reject: (error: Error) => void;
  }[] = [];
  child.on("message", (message: Record<string, unknown>) => {
    const index = waiting.findIndex((w) => w.predicate(message));
    const [match] = index >= 0 ? waiting.splice(index, 1) : [];
    match?.resolve(message);
  });
  child.once("exit", (code) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`worker exited with ${code}`));
  });
  return {
    child,
    next: <T>(predicate: (message: Record<string, unknown>) => boolean) =>
      new Promise<T>((resolve, reject) => {
        waiting.push({ predicate, resolve: resolve as (m: unknown) => void, reject });
      }),
  };
}

/**
 * Replays the event's change feed through a model of the waiting list and checks, row by
 * row, what the waiting list promises. Returns what it counted.
 */
function replay(logs: BookingLog[]) {
  const waiting = new Map<number, number>();
  const offered = new Map<number, number>();
  const offersMade = new Map<number, number>();
  const offersEnded = new Map<number, number>();
  const problems: string[] = [];
  for (const log of logs) {
    const entry = log.waitlistEntryId ?? 0;
    switch (log.action) {
      case "waitlist_joined":
        if (waiting.has(entry) || offered.has(entry)) problems.push(`#${log.id}: joined twice`);
        waiting.set(entry, log.seats);
        break;
      case "waitlist_left":
        if (!waiting.delete(entry)) problems.push(`#${log.id}: left without a place`);
        break;
      case "offer_made":
        if (!waiting.delete(entry)) problems.push(`#${log.id}: offer to an entry not waiting`);
        offered.set(entry, log.seats);
        offersMade.set(entry, (offersMade.get(entry) ?? 0) + 1);
        break;
      case "offer_claimed":
      case "offer_declined":
      case "offer_expired":
        if (!offered.delete(entry)) problems.push(`#${log.id}: ${log.action} of no open offer`);
        offersEnded.set(entry, (offersEnded.get(entry) ?? 0) + 1);
        break;
      case "booked": {
        // A public booking: the seats it took were free, and nobody waiting fitted them.
        const freeBefore = log.availableAfter + log.seats;
        const fitting = [...waiting].filter(([, seats]) => seats <= freeBefore);
        if (fitting.length > 0) {
          problems.push(
            `#${log.id}: ${log.seats} seats booked publicly while entries ${fitting.map(([id]) => id).join(", ")} waited for ≤ ${freeBefore}`,
          );
        }
        break;
      }
    }
  }
  return { waiting, offered, offersMade, offersEnded, problems };
}

describe.each(drivers)("the waiting list with many processes on one %s file", (driver) => {
  let t: TestServices | undefined;
  const workers: Worker[] = [];
  afterEach(async () => {
    for (const w of workers.splice(0)) if (w.child.exitCode === null) w.child.kill();
    await t?.destroy();
  });

  it(`${PROCESSES} processes × ${ROUNDS} rounds of book, cancel, join, claim, decline and expiry`, async () => {
    t = await openTestServices({ driver });
    const admin = await addUser(t.database.writer, "admin@x.test", "admin");
    const userIds: number[] = [];
    for (let i = 0; i < PROCESSES * USERS_PER_PROCESS; i++)
      userIds.push((await addUser(t.database.writer, `u${i}@x.test`)).id);
    const event = await addEvent(t.database.writer, admin.id, {
      capacity: CAPACITY,
      maxSeatsPerBooking: 2,
      maxSeatsPerPerson: 100,
      waitlistOfferMinutes: OFFER_MINUTES,
    });

    for (let w = 0; w < PROCESSES; w++) {
      const mine = userIds.slice(w * USERS_PER_PROCESS, (w + 1) * USERS_PER_PROCESS);
      workers.push(
        startWorker([
          t.fileUrl,
          driver,
          String(event.id),
          mine.join(","),
          String(OPS_PER_ROUND),
          String(w),
        ]),
      );
    }
    await Promise.all(workers.map((w) => w.next((m) => m.ready === true)));
    const start = Date.now();
    for (let round = 0; round < ROUNDS; round++) {
      const now = start + round * ROUND_MS;
      await Promise.all(
        workers.map(async (w) => {
          const done = w.next((m) => m.done === round);
          w.child.send({ round, now });
          await done;
        }),
      );
    }
    const summaries = await Promise.all(
      workers.map(async (w) => {
        const answer = w.next<{ summary: WorkerSummary }>((m) => "summary" in m);
        w.child.send({ end: true });
        return (await answer).summary;
      }),
    );

    expect(summaries.flatMap((s) => s.unexpected)).toEqual([]);
    expect(await checkInvariant(t.db)).toEqual([]);

    const logs = await t.db
      .select()
      .from(bookingLogs)
      .where(eq(bookingLogs.eventId, event.id))
      .orderBy(asc(bookingLogs.id));
    const model = replay(logs);
    expect(model.problems).toEqual([]);

    // No offer made twice, none ended twice, none lost: the database agrees with the feed.
    expect([...model.offersMade.values()].every((n) => n === 1)).toBe(true);
    expect([...model.offersEnded.values()].every((n) => n === 1)).toBe(true);
    const entries = await t.db
      .select()
      .from(waitlistEntries)
      .where(eq(waitlistEntries.eventId, event.id));
    const withStatus = (status: string) =>
      new Set(entries.filter((e) => e.status === status).map((e) => e.id));
    expect(withStatus("waiting")).toEqual(new Set(model.waiting.keys()));
    expect(withStatus("offered")).toEqual(new Set(model.offered.keys()));
    for (const entry of entries) {
      const wasOffered = entry.offeredAt !== null;
      expect(model.offersMade.has(entry.id), `entry ${entry.id}`).toBe(wasOffered);
    }

    // Each expiry done by exactly one process, and each claim is the booking it says.
    const expired = summaries.flatMap((s) => s.expired);
    expect(new Set(expired).size).toBe(expired.length);
    expect(new Set(expired)).toEqual(withStatus("expired"));
    const claimed = summaries.flatMap((s) => s.claimed);
    expect(new Set(claimed.map((c) => c.offerId))).toEqual(withStatus("claimed"));
    for (const claim of claimed) {
      const [booking] = await t.db.select().from(bookings).where(eq(bookings.id, claim.bookingId));
      const entry = entries.find((e) => e.id === claim.offerId);
      expect(entry?.bookingId).toBe(claim.bookingId);
      expect(booking?.seats).toBe(entry?.seats);
    }

    // Whatever is free at the end fits nobody still waiting.
    const last = logs.at(-1);
    const free = last?.availableAfter ?? 0;
    expect([...model.waiting.values()].filter((seats) => seats <= free)).toEqual([]);

    // The run really exercised every path.
    const total = (key: string) => summaries.reduce((n, s) => n + (s.ops[key] ?? 0), 0);
    for (const op of ["book", "cancel", "join", "claim", "decline", "leave", "expire"])
      expect(total(op), op).toBeGreaterThan(0);
    expect(model.offersMade.size).toBeGreaterThan(10);
    expect(claimed.length).toBeGreaterThan(0);
    expect(expired.length).toBeGreaterThan(0);
    expect(withStatus("declined").size).toBeGreaterThan(0);
  });
});
