/**
 * Live fan-out: 5,000 and 10,000 WebSocket subscribers (one `events.onSeats` subscription
 * per socket, spread over several subscriber child processes) watch one event on the
 * production server (compiled), as one process (WORKERS=1, like the baseline) and as a
 * cluster (WORKERS=2: sockets spread over two workers; a commit through one reaches the
 * other over IPC); a booking is made over HTTP; every subscriber timestamps the change on
 * arrival. Reports the time from sending the booking to the first, median, 99th-percentile
 * and last subscriber having it, and the server's memory per subscriber (VmRSS of every
 * server process before and after connecting). Baseline in the same run: a bare `ws` server
 * broadcasting the same message to the same number of sockets, triggered over HTTP.
 * Run: pnpm bench:fanout (BENCH_FANOUT=1000,5000 for other sizes, BENCH_ROUNDS=3 bookings
 * per size, BENCH_FANOUT_WORKERS=1 for one configuration).
 */
import { request } from "undici";
import { addEvents, addUsers, createBenchDatabase, plainEvent } from "./lib/dataset.ts";
import { bookingRequest } from "./lib/http-load.ts";
import {
  openFileLimit,
  sleep,
  startBaseline,
  startBoxoffice,
  treeRssKb,
  type NodeProcess,
} from "./lib/processes.ts";
import { connectSubscribers, subscribersPerProcess } from "./lib/subscribers.ts";
import { profiling, summarizeProfile } from "./lib/profile.ts";
import { commandLine, machineNote, markdownTable, record } from "./lib/report.ts";
import { fixed, summarize } from "./lib/stats.ts";
import { machineNow } from "./lib/raw-subscription.ts";

const LEVELS = (process.env.BENCH_FANOUT ?? "5000,10000").split(",").map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WORKER_COUNTS = (process.env.BENCH_FANOUT_WORKERS ?? "1,2").split(",").map(Number);
const target = { atLeast: 5_000, timesBare: 1.5, kbPerSubscriber: 30 };

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
  const rssBeforeKb = treeRssKb(target.pid);
  const subscribers = await connectSubscribers(
    `${target.url.replace(/^http/, "ws")}/trpc`,
    total,
    eventId,
  );
  try {
    await sleep(1_000);
    const rssAfterKb = treeRssKb(target.pid);
    const latencies: number[] = [];
    let missing = 0;
    const roundsFromMs = performance.now() - target.spawnedAt;
    for (let round = 0; round < ROUNDS; round++) {
      const sentAt = machineNow();
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
const verdicts: string[] = [];
let sequence = 0;

for (const total of LEVELS) {
  // The server holds one descriptor per socket, so it needs a soft limit above `total`.
  if (openFileLimit() < total + 1_000) {
    const note = `skipped: needs \`ulimit -n\` ≥ ${total + 1_000}, this shell allows ${openFileLimit()}`;
    console.warn(`fanout: ${total} subscribers ${note}`);
    rows.push([String(total), note, "", "", "", "", "", "", "", "", ""]);
    continue;
  }
  console.log(`fanout: ${total} subscribers`);
  const results: [string, LevelResult][] = [];
  for (const workers of WORKER_COUNTS) {
    const server = await startBoxoffice({
      databaseUrl: data.url,
      env: { WORKERS: String(workers) },
      profile: profiling && workers === 1,
    });
    let real: LevelResult;
    try {
      real = await measure(server, total, async () => {
        const booking = bookingRequest(booker.token, {
          eventId: event.id,
          seats: 1,
          idempotencyKey: `fanout-booking-${Date.now()}-${sequence++}`,
        });
        const { method, headers, body: payload } = booking;
        const res = await request(`${server.url}${booking.path}`, {
          method,
          headers,
          body: payload,
        });
        const body = (await res.body.json()) as { result?: { data?: { availableSeats: number } } };
        const seats = body.result?.data?.availableSeats;
        if (res.statusCode !== 200 || seats === undefined)
          throw new Error(`booking failed: ${res.statusCode} ${JSON.stringify(body)}`);
        return seats;
      });
    } finally {
      await server.stop();
    }
    results.push([`**Boxoffice server, WORKERS=${workers}**`, real]);
    if (server.profileDir)
      profiles.push(
        `${total} subscribers, WORKERS=1:\n\n${summarizeProfile(server.profileDir, {
          fromMs: real.roundsFromMs,
          toMs: real.roundsToMs,
        })}`,
      );
  }

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
  results.push(["baseline: bare ws broadcast", baseline]);

  const bareP99 = summarize(baseline.latencies).p99;
  for (const [what, r] of results) {
    const stats = summarize(r.latencies);
    const perSubscriberKb = (r.rssAfterKb - r.rssBeforeKb) / Math.max(1, r.connected);
    rows.push([
      String(total),
      what,
      `${r.connected}${r.failed ? ` (${r.failed} failed)` : ""}`,
      fixed(Math.min(...r.latencies), 1),
      fixed(stats.p50, 1),
      fixed(stats.p99, 1),
      r === baseline ? "1×" : `${fixed(stats.p99 / bareP99, 2)}×`,
      fixed(stats.max, 1),
      String(r.missing),
      `${fixed(r.rssBeforeKb / 1024, 0)} → ${fixed(r.rssAfterKb / 1024, 0)}`,
      fixed(perSubscriberKb, 1),
    ]);
    if (r !== baseline && total >= target.atLeast) {
      const met =
        stats.p99 <= target.timesBare * bareP99 &&
        perSubscriberKb <= target.kbPerSubscriber &&
        r.missing === 0 &&
        r.failed === 0;
      verdicts.push(`${total}, ${what.replaceAll("*", "")}: **${met ? "met" : "not met"}**`);
    }
    console.log(rows.at(-1)?.join("  "));
  }
}

record(
  "Live fan-out to WebSocket subscribers",
  commandLine("bench:fanout"),
  [
    `One \`events.onSeats\` subscription per WebSocket, all on one event, subscribers spread over ` +
      `${subscribersPerProcess}-socket child processes (at least 2). Each round one \`bookings.create\` over HTTP ` +
      `(${ROUNDS} rounds per size); latency = arrival at the subscriber − the booking's send time, on ` +
      `performance.timeOrigin + performance.now() in every process. Memory = VmRSS of every server ` +
      `process before vs after connecting, per connected subscriber. Server: production apps/server ` +
      `(compiled), fresh processes per size and configuration. The baseline sends one prebuilt message ` +
      `to every socket on \`POST /broadcast\`. ` +
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
        "p99 vs bare",
        "last ms",
        "missed",
        "RSS MB",
        "KB/subscriber",
      ],
      rows,
    ),
    "",
    verdicts.length === 0
      ? `Target (from ${target.atLeast} subscribers) not measured in this run.`
      : `Target p99 ≤ ${target.timesBare}× bare ws in the same run and ≤ ${target.kbPerSubscriber} KB per subscriber: ` +
        `${verdicts.join("; ")}.`,
    ...profiles.map((profile) => `\n${profile}`),
  ].join("\n"),
);
