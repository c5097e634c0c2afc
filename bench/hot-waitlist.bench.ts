/**
 * Hot event with a waiting list: an event of 100 seats is sold out (100 holders, 1 seat
 * each); 1,000 people join its waiting list at once over HTTP, each with a live
 * `bookings.onMine` subscription over WebSocket; then the 100 holders cancel, one request
 * every CANCEL_GAP_MS. Each cancellation hands its seat to the next person in line in the
 * same transaction; the figure is the time from sending a cancellation to its offer
 * arriving on the holder's onMine, p50/p99.
 * Baseline in the same run: the same 100 cancellations on an event without a waiting list,
 * timed until each canceller's own onMine hears of their cancellation — the same path
 * (commit, feed, WebSocket) without the waiting list; and for the 1,000 joins, the same
 * people booking a seat each of another event at once.
 * Run: pnpm bench:hot:waitlist (also the second half of pnpm bench:hot).
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { bookingLogs, bookings, openDatabase, waitlistEntries } from "@boxoffice/db";
import { checkInvariant, commandDefinitions } from "@boxoffice/api/commands";
import { addEvents, addUsers, createBenchDatabase, plainEvent } from "./lib/dataset.ts";
import { bookingRequest, burst } from "./lib/http-load.ts";
import { subscribeMine, type MineArrival } from "./lib/mine-subscribers.ts";
import { benchDriver, sleep, startBoxoffice } from "./lib/processes.ts";
import { commandLine, machineNote, markdownTable, record } from "./lib/report.ts";
import { fixed, summarize } from "./lib/stats.ts";
import { machineNow } from "./lib/raw-subscription.ts";

const SEATS = 100;
const WAITERS = 1_000;
const CANCEL_GAP_MS = Number(process.env.BENCH_CANCEL_GAP_MS ?? 20);
const target = { p99Ms: 250 };

console.log(
  `hot waitlist: ${SEATS} seats sold out, ${WAITERS} join the list, ${SEATS} cancellations every ${CANCEL_GAP_MS} ms`,
);
const data = await createBenchDatabase("hot-waitlist");
const [admin] = await addUsers(data.writer, 1, { prefix: "admin", role: "admin" });
const holders = await addUsers(data.writer, SEATS, { prefix: "holder" });
const waiters = await addUsers(data.writer, WAITERS, { prefix: "waiter" });
const [listedRow, plainRow, roomyRow] = await addEvents(data.writer, admin?.id ?? 0, [
  { ...plainEvent("Hot event with a waiting list", SEATS), maxSeatsPerPerson: 10 },
  { ...plainEvent("Hot event without one", SEATS), waitlistEnabled: false },
  // For the joins' baseline: the same people booking a seat each where there is room.
  plainEvent("Roomy event", WAITERS),
]);
if (!listedRow || !plainRow || !roomyRow) throw new Error("no events");
const [listed, plain, roomy] = [listedRow, plainRow, roomyRow];
// Sold out the way the core sells seats: one booking of 1 seat per holder on each event.
const heldBooking = new Map<string, number>();
for (const event of [listed, plain]) {
  for (const holder of holders) {
    const outcome = await data.writer.run((tx) =>
      commandDefinitions.reserveSeats(
        tx,
        {
          eventId: event.id,
          userId: holder.id,
          seats: 1,
          idempotencyKey: `seat-${event.id}-${holder.id}`,
        },
        Date.now(),
      ),
    );
    if (!outcome.ok) throw new Error(`pre-booking refused: ${outcome.failure.code}`);
    heldBooking.set(`${event.id}:${holder.id}`, outcome.booking.id);
  }
}
await data.close();

const server = await startBoxoffice({ databaseUrl: data.url });
const mine = await subscribeMine(
  `${server.url.replace(/^http/, "ws")}/trpc`,
  [...waiters, ...holders].map((person) => ({ user: person.id, token: person.token })),
);
console.log(`onMine subscribers: ${mine.connected} connected, ${mine.failed} failed`);

const cancelSent = new Map<number, number>();
const baselineSent = new Map<number, number>();

/** Joins, then the baseline's cancellations, then the waiting list's; the server stops after. */
async function run(): Promise<{
  joinDrainMs: number;
  joinLatency: ReturnType<typeof summarize>;
  joined: number;
  bookDrainMs: number;
  bookLatency: ReturnType<typeof summarize>;
  booked: number;
  offers: MineArrival[];
  baseline: MineArrival[];
}> {
  try {
    // Baseline for the joins: the same 1,000 people book a seat each at once, elsewhere.
    const bookings = await burst({
      url: server.url,
      warmPath: "/healthz",
      requests: waiters.map((waiter) => [
        bookingRequest(waiter.token, {
          eventId: roomy.id,
          seats: 1,
          idempotencyKey: `roomy-${waiter.id}`,
        }),
      ]),
    });
    // 1,000 joins at once, one keep-alive connection each.
    const joins = await burst({
      url: server.url,
      warmPath: "/healthz",
      requests: waiters.map((waiter) => [
        {
          method: "POST" as const,
          path: "/trpc/waitlist.join",
          headers: { "content-type": "application/json", authorization: `Bearer ${waiter.token}` },
          body: JSON.stringify({ eventId: listed.id, seats: 1 }),
        },
      ]),
    });
    const joined = joins.answers.filter((answer) => answer.status === 200).length;
    console.log(`joined: ${joined} in ${fixed(joins.drainMs, 0)} ms`);

    /** The holders cancel one event's bookings, one request every CANCEL_GAP_MS. */
    const streamCancellations = async (eventId: number, sent: Map<number, number>) => {
      const requests: Promise<void>[] = [];
      for (const holder of holders) {
        const bookingId = heldBooking.get(`${eventId}:${holder.id}`) ?? 0;
        sent.set(bookingId, machineNow());
        requests.push(
          fetch(`${server.url}/trpc/bookings.cancel`, {
            method: "POST",
            headers: {
              "content-type": "application/json",
              authorization: `Bearer ${holder.token}`,
            },
            body: JSON.stringify({ id: bookingId }),
          }).then(async (response) => {
            if (!response.ok)
              throw new Error(`cancel answered ${response.status}: ${await response.text()}`);
          }),
        );
        await sleep(CANCEL_GAP_MS);
      }
      await Promise.all(requests);
    };

    await streamCancellations(plain.id, baselineSent);
    const baseline = await mine.awaitArrivals("cancelled", SEATS, 30_000);
    await streamCancellations(listed.id, cancelSent);
    const offers = await mine.awaitArrivals("offer_made", SEATS, 30_000);
    return {
      joinDrainMs: joins.drainMs,
      joinLatency: summarize(joins.answers.map((answer) => answer.latencyMs)),
      joined,
      bookDrainMs: bookings.drainMs,
      bookLatency: summarize(bookings.answers.map((answer) => answer.latencyMs)),
      booked: bookings.answers.filter((answer) => answer.status === 200).length,
      offers,
      baseline,
    };
  } finally {
    await mine.close();
    await server.stop();
  }
}
const { joinDrainMs, joinLatency, joined, bookDrainMs, bookLatency, booked, offers, baseline } =
  await run();

// What the file says, read after the server has exited.
const check = await openDatabase({ url: data.url, driver: benchDriver });
const violations = await checkInvariant(check.db);
const offerRows = await check.db
  .select()
  .from(bookingLogs)
  .where(and(eq(bookingLogs.eventId, listed.id), eq(bookingLogs.action, "offer_made")))
  .orderBy(asc(bookingLogs.id));
/** Each offer was written right after the cancellation that freed its seat, in one command. */
const causeOf = new Map<number, number>();
for (const offer of offerRows) {
  const [cause] = await check.db
    .select()
    .from(bookingLogs)
    .where(eq(bookingLogs.id, offer.id - 1));
  if (cause?.action !== "cancelled" || cause.bookingId === null) {
    throw new Error(`offer row ${offer.id} does not follow its cancellation`);
  }
  causeOf.set(offer.waitlistEntryId ?? 0, cause.bookingId);
}
const [line] = await check.db.all<{ firstHundred: number }>(sql`
  SELECT count(*) AS firstHundred FROM (
    SELECT status FROM waitlist_entries WHERE event_id = ${listed.id} ORDER BY id LIMIT ${SEATS})
  WHERE status = 'offered'`);
const stillConfirmed = await check.db.$count(
  bookings,
  and(eq(bookings.eventId, listed.id), eq(bookings.status, "confirmed")),
);
const offeredEntries = await check.db.$count(
  waitlistEntries,
  and(eq(waitlistEntries.eventId, listed.id), eq(waitlistEntries.status, "offered")),
);
await check.close();

const offerLatency = summarize(
  offers.flatMap((arrival) => {
    const sent = cancelSent.get(causeOf.get(arrival.waitlistEntryId ?? 0) ?? 0);
    return sent === undefined ? [] : [arrival.at - sent];
  }),
);
const baselineLatency = summarize(
  baseline.flatMap((arrival) => {
    const sent = baselineSent.get(arrival.bookingId ?? 0);
    return sent === undefined ? [] : [arrival.at - sent];
  }),
);
const fifo = line?.firstHundred === SEATS;
const exact = offerRows.length === SEATS && offeredEntries === SEATS && stillConfirmed === 0;
console.log("offers", offerLatency, "baseline", baselineLatency, { fifo, exact, violations });

const met =
  exact &&
  fifo &&
  violations.length === 0 &&
  offers.length === SEATS &&
  offerLatency.p99 <= target.p99Ms;
record(
  "Hot event with a waiting list: 1,000 join, 100 cancellations, offers over onMine",
  commandLine("bench:hot:waitlist"),
  [
    `An event of ${SEATS} seats sold out to ${SEATS} holders. ${WAITERS} signed-in people join its waiting list at once ` +
      `(\`waitlist.join\` of 1 seat over HTTP, one keep-alive connection each), each with a \`bookings.onMine\` ` +
      `subscription on its own WebSocket (${mine.connected} sockets with the holders'). Then the holders cancel over HTTP, ` +
      `one request every ${CANCEL_GAP_MS} ms; each cancellation offers its seat to the next in line in the same transaction. ` +
      `Latency: from sending a cancellation to its \`offer_made\` arriving on the holder's onMine (the pair matched through ` +
      `booking_logs). Baseline: the same ${SEATS} cancellations of an event without a waiting list, until each canceller's own ` +
      `onMine hears \`cancelled\`; and for the joins, the same ${WAITERS} people each booking a seat of another event at once, ` +
      `just before. Server: production apps/server in its own process, ${benchDriver}. ${machineNote()}.`,
    "",
    markdownTable(
      ["what", "count", "p50 ms", "p99 ms", "max ms", "checks"],
      [
        [
          "**cancellation → offer on the holder's onMine**",
          `${offers.length} of ${SEATS}`,
          fixed(offerLatency.p50, 1),
          fixed(offerLatency.p99, 1),
          fixed(offerLatency.max, 1),
          `${fifo ? "the first 100 in line were offered" : "NOT first in line"}; ` +
            `${exact ? "100 offers, 100 seats held" : "offers do not add up"}; ` +
            `invariant ${violations.length === 0 ? "clean" : `${violations.length} violations`}`,
        ],
        [
          "baseline: cancellation → `cancelled` on the canceller's onMine, no waiting list",
          `${baseline.length} of ${SEATS}`,
          fixed(baselineLatency.p50, 1),
          fixed(baselineLatency.p99, 1),
          fixed(baselineLatency.max, 1),
          "",
        ],
        [
          `${WAITERS} \`waitlist.join\` at once`,
          `${joined} joined`,
          fixed(joinLatency.p50, 0),
          fixed(joinLatency.p99, 0),
          fixed(joinLatency.max, 0),
          `drained in ${fixed(joinDrainMs, 0)} ms`,
        ],
        [
          `baseline: ${WAITERS} \`bookings.create\` at once (another event, same people)`,
          `${booked} booked`,
          fixed(bookLatency.p50, 0),
          fixed(bookLatency.p99, 0),
          fixed(bookLatency.max, 0),
          `drained in ${fixed(bookDrainMs, 0)} ms`,
        ],
      ],
    ),
    "",
    `Target: every offer delivered, first in line first, invariant clean, p99 ≤ ${target.p99Ms} ms: **${met ? "met" : "not met"}**.`,
  ].join("\n"),
);
if (!exact || !fifo || violations.length > 0 || offers.length !== SEATS || joined !== WAITERS) {
  console.error("Waiting list did not hand on every seat exactly once, in order", {
    offers: offers.length,
    offerRows: offerRows.length,
    offeredEntries,
    fifo,
    joined,
    violations: violations.slice(0, 5),
  });
  process.exitCode = 1;
}
