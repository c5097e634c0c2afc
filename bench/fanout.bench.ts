/**
 * Live fan-out: 1,000, 5,000 and 10,000 WebSocket subscribers (one `events.onSeats`
 * subscription per socket, spread over several subscriber child processes) watch one event
 * on the production server in its own process; a booking is made over HTTP; every
 * subscriber timestamps the change on arrival. Reports the time from sending the booking to
 * the first, median, 99th-percentile and last subscriber having it, and the server's memory
 * per subscriber (VmRSS before and after connecting). Baseline in the same run: a bare `ws`
 * server broadcasting the same message to the same number of sockets, triggered over HTTP.
 * Run: pnpm bench:fanout (BENCH_FANOUT=1000,5000 for other sizes, BENCH_ROUNDS=3 bookings per size).
 */
import { request } from "undici";
import { addEvents, addUsers, createBenchDatabase, plainEvent } from "./lib/dataset.ts";
import { bookingRequest } from "./lib/http-load.ts";
import {
  openFileLimit,
  rssKb,
  sleep,
  startBaseline,
  startBoxoffice,
  type NodeProcess,
} from "./lib/processes.ts";
import { connectSubscribers, subscribersPerProcess } from "./lib/subscribers.ts";
import { profiling, summarizeProfile } from "./lib/profile.ts";
import { commandLine, machineNote, markdownTable, record } from "./lib/report.ts";
import { fixed, summarize } from "./lib/stats.ts";

const LEVELS = (process.env.BENCH_FANOUT ?? "1000,5000,10000").split(",").map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const target = { subscribers: 10_000, p99: 250, kbPerSubscriber: 50 };

const data = await createBenchDatabase("fanout");
const [booker] = await addUsers(data.writer, 1, { prefix: "booker" });
const [event] = await addEvents(data.writer, booker?.id ?? 0, [plainEvent("Live", 10_000_000)]);
await data.close();
if (!booker || !event) throw new Error("no fixture");
const eventId = event.id;

interface LevelResult {
  subscribers: number;
  connected: number;
  failed: number;
  rssBeforeKb: number;
  rssAfterKb: number;
  latencies: number[];
  missing: number;
  /** When the rounds ran, in ms since the target process was spawned. */
  roundsFromMs: number;
  roundsToMs: number;
}

/**
 * Connects `total` subscribers to `target`, measures its memory, then `ROUNDS` times sends
 * `trigger` (which returns the value the change carries) and collects arrival times.
 */
async function measure(
  target: NodeProcess,
  total: number,
  trigger: (round: number) => Promise<number>,
): Promise<LevelResult> {
  await sleep(1_000);
  const rssBeforeKb = rssKb(target.pid);
  const subscribers = await connectSubscribers(
    `${target.url.replace(/^http/, "ws")}/trpc`,
    total,
    eventId,
  );
  try {
    await sleep(1_000);
    const rssAfterKb = rssKb(target.pid);
    const latencies: number[] = [];
    let missing = 0;
    const roundsFromMs = performance.now() - target.spawnedAt;
    for (let round = 0; round < ROUNDS; round++) {
      const sentAt = performance.timeOrigin + performance.now();
      const value = await trigger(round);
      const { times, missing: lost } = await subscribers.collect(value, 30_000);
      latencies.push(...times.map((t) => t - sentAt));
      missing += lost;
      await sleep(300);
    }
    return {
      subscribers: total,
      connected: subscribers.connected,
      failed: subscribers.failed,
      rssBeforeKb,
      rssAfterKb,
      latencies,
      missing,
      roundsFromMs,
      roundsToMs: performance.now() - target.spawnedAt,
    };
  } finally {
    await subscribers.close();
  }
}

const rows: string[][] = [];
const profiles: string[] = [];
let metAtTarget: boolean | null = null;
let sequence = 0;

for (const total of LEVELS) {
  // The server holds one descriptor per socket, so it needs a soft limit above `total`.
  if (openFileLimit() < total + 1_000) {
    const note = `skipped: needs \`ulimit -n\` ≥ ${total + 1_000}, this shell allows ${openFileLimit()}`;
    console.warn(`fanout: ${total} subscribers ${note}`);
    rows.push([String(total), note, "", "", "", "", "", "", "", ""]);
    continue;
  }
  console.log(`fanout: ${total} subscribers`);
  const server = await startBoxoffice({ databaseUrl: data.url, profile: profiling });
  let real: LevelResult;
  try {
    real = await measure(server, total, async () => {
      const booking = bookingRequest(booker.token, {
        eventId: event.id,
        seats: 1,
        idempotencyKey: `fanout-booking-${Date.now()}-${sequence++}`,
      });
      const { method, headers, body: payload } = booking;
      const res = await request(`${server.url}${booking.path}`, { method, headers, body: payload });
      const body = (await res.body.json()) as { result?: { data?: { availableSeats: number } } };
      const seats = body.result?.data?.availableSeats;
      if (res.statusCode !== 200 || seats === undefined)
        throw new Error(`booking failed: ${res.statusCode} ${JSON.stringify(body)}`);
      return seats;
    });
  } finally {
    await server.stop();
  }
  if (server.profileDir)
    profiles.push(
      `${total} subscribers:\n\n${summarizeProfile(server.profileDir, {
        fromMs: real.roundsFromMs,
        toMs: real.roundsToMs,
      })}`,
    );

  const bare = await startBaseline("bare-ws-server.ts");
  let baseline: LevelResult;
  try {
    baseline = await measure(bare, total, async (round) => {
      const res = await request(`${bare.url}/broadcast?value=${round + 1}`, { method: "POST" });
      await res.body.text();
      return round + 1;
    });
  } finally {
    await bare.stop();
  }

  for (const [what, r] of [
    ["**Boxoffice server**", real],
    ["baseline: bare ws broadcast", baseline],
  ] as const) {
    const stats = summarize(r.latencies);
    const perSubscriberKb = (r.rssAfterKb - r.rssBeforeKb) / Math.max(1, r.connected);
    rows.push([
      String(total),
      what,
      `${r.connected}${r.failed ? ` (${r.failed} failed)` : ""}`,
      fixed(Math.min(...r.latencies), 1),
      fixed(stats.p50, 1),
      fixed(stats.p99, 1),
      fixed(stats.max, 1),
      String(r.missing),
      `${fixed(r.rssBeforeKb / 1024, 0)} → ${fixed(r.rssAfterKb / 1024, 0)}`,
      fixed(perSubscriberKb, 1),
    ]);
    if (r === real && total === target.subscribers) {
      metAtTarget =
        stats.p99 <= target.p99 &&
        perSubscriberKb <= target.kbPerSubscriber &&
        r.missing === 0 &&
        r.failed === 0;
    }
  }
  console.log(rows.at(-2)?.join("  "), "\n", rows.at(-1)?.join("  "));
}

record(
  "Live fan-out to WebSocket subscribers",
  commandLine("bench:fanout"),
  [
    `One \`events.onSeats\` subscription per WebSocket, all on one event, subscribers spread over ` +
      `${subscribersPerProcess}-socket child processes (at least 2). Each round one \`bookings.create\` over HTTP ` +
      `(${ROUNDS} rounds per size); latency = arrival at the subscriber − the booking's send time, on ` +
      `performance.timeOrigin + performance.now() in every process. Memory = the server's VmRSS ` +
      `before vs after connecting, per connected subscriber. Server: production apps/server, fresh ` +
      `process per size. The baseline sends one prebuilt message to every socket on \`POST /broadcast\`. ` +
      `${machineNote()}.`,
    "",
    markdownTable(
      [
        "subscribers",
        "what",
        "connected",
        "first ms",
        "p50 ms",
        "p99 ms",
        "last ms",
        "missed",
        "RSS MB",
        "KB/subscriber",
      ],
      rows,
    ),
    "",
    metAtTarget === null
      ? `Target (${target.subscribers} subscribers) not measured in this run.`
      : `Target at ${target.subscribers} subscribers, p99 ≤ ${target.p99} ms and ≤ ${target.kbPerSubscriber} KB per subscriber: **${metAtTarget ? "met" : "not met"}**.`,
    ...profiles.map((profile) => `\n${profile}`),
  ].join("\n"),
);
