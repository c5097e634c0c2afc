/**
 * Hot-event contention: 1,000 signed-in users fire 10,000 one-seat booking attempts at once
 * at one event with 100 seats, over HTTP against the production server (compiled) in its own
 * processes, as a cluster (WORKERS=2) and as one process (WORKERS=1), each on its own copy
 * of the same database. Each user has one keep-alive connection (opened beforehand) carrying
 * their 10 attempts pipelined, so all 10,000 are in flight together. Reports how many were
 * booked (must be exactly 100), the time to drain the burst, when the first and the median
 * answer arrived (answers must flow while the burst is still arriving: p50 ≤ 40 % of the
 * drain), and checkInvariant on the file afterwards. Baseline in the same run: the same burst
 * against the booking core in-process.
 * Then the waiting-list variant (hot-waitlist.bench.ts): 1,000 people join the sold-out
 * event's list and 100 cancellations stream in; time until each offer reaches its holder.
 * Run: pnpm bench:hot (BENCH_PROFILE=1 to profile the WORKERS=1 server), or the variant
 * alone with pnpm bench:hot:waitlist.
 */
import { sql } from "drizzle-orm";
import { openDatabase } from "@boxoffice/db";
import { checkInvariant } from "@boxoffice/api/commands";
import { coreBurst } from "./lib/core-load.ts";
import {
  addEvents,
  addUsers,
  createBenchDatabase,
  freshCopies,
  plainEvent,
} from "./lib/dataset.ts";
import { bookingRequest, burst, type BurstAnswer } from "./lib/http-load.ts";
import { benchDriver, startBoxoffice } from "./lib/processes.ts";
import { profiling, summarizeProfile } from "./lib/profile.ts";
import { commandLine, machineNote, markdownTable, record } from "./lib/report.ts";
import { fixed, summarize } from "./lib/stats.ts";

const USERS = 1_000;
const ATTEMPTS_PER_USER = 10;
const SEATS = 100;
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const target = { drainMs: 3_000, p50ShareOfDrain: 0.4 };

console.log(`hot: ${USERS} users × ${ATTEMPTS_PER_USER} attempts at one event of ${SEATS} seats`);
const data = await createBenchDatabase("hot");
const [admin] = await addUsers(data.writer, 1, { prefix: "admin", role: "admin" });
const users = await addUsers(data.writer, USERS, { prefix: "fan" });
const [event] = await addEvents(data.writer, admin?.id ?? 0, [plainEvent("Hot event", SEATS)]);
await data.close();
if (!event) throw new Error("no event");

/** Each server gets its own copy of the prepared file: 100 seats, nothing booked. */
const freshCopy = freshCopies(data.url);

const requests = users.map((user, u) =>
  Array.from({ length: ATTEMPTS_PER_USER }, (_, k) =>
    bookingRequest(user.token, {
      eventId: event.id,
      seats: 1,
      idempotencyKey: `hot-attempt-${u}-${k}`,
    }),
  ),
);

/** tRPC's error body carries the booking core's reason (SOLD_OUT, …) in data.reason. */
function reasonOf(answer: BurstAnswer): string {
  if (answer.error) return answer.error;
  try {
    const body = JSON.parse(answer.body) as { error?: { data?: { reason?: string | null } } };
    return body.error?.data?.reason ?? String(answer.status);
  } catch {
    return String(answer.status);
  }
}

async function hotBurst(workers: number, env: Record<string, string> = {}) {
  const databaseUrl = freshCopy();
  const server = await startBoxoffice({
    databaseUrl,
    env: { WORKERS: String(workers), ...env },
    profile: profiling && workers === 1,
  });
  let answers: BurstAnswer[];
  let drainMs: number;
  try {
    ({ answers, drainMs } = await burst({ url: server.url, requests, warmPath: "/healthz" }));
  } finally {
    await server.stop();
  }
  const booked = answers.filter((a) => a.status === 200).length;
  if (answers.some((a) => a.status === 200 && !a.body.includes('"booking"'))) {
    throw new Error("A 200 answer without a booking in it");
  }
  const refusals: Record<string, number> = {};
  let errors = 0;
  for (const answer of answers) {
    if (answer.status === 200) continue;
    const reason = reasonOf(answer);
    refusals[reason] = (refusals[reason] ?? 0) + 1;
    if (reason !== "SOLD_OUT" && reason !== "NOT_ENOUGH_SEATS") errors++;
  }
  const latencies = answers.map((a) => a.latencyMs);
  // What the file says, read after the server has exited.
  const check = await openDatabase({ url: databaseUrl, driver: benchDriver });
  const violations = await checkInvariant(check.db);
  const [stored] = await check.db.all<{ seats: number; available: number }>(sql`
    SELECT (SELECT COALESCE(SUM(seats), 0) FROM bookings
            WHERE event_id = ${event?.id} AND status = 'confirmed') AS seats,
           (SELECT available_seats FROM events WHERE id = ${event?.id}) AS available`);
  await check.close();
  console.log(`WORKERS=${workers}: booked ${booked}, drained in ${fixed(drainMs, 0)} ms`, refusals);
  return {
    workers,
    booked,
    refusals,
    errors,
    drainMs,
    first: Math.min(...latencies),
    latency: summarize(latencies),
    retried: answers.filter((a) => a.retried).length,
    violations: violations.length,
    stored,
    server,
  };
}

const clustered = await hotBurst(WORKERS);
// Only while both writer placements exist (see RESULTS.md, "Writer ownership").
const perWorker =
  process.env.BENCH_WRITER_COMPARISON === "1"
    ? await hotBurst(WORKERS, { CLUSTER_WRITER: "workers" })
    : null;
const single = await hotBurst(1);

const core = await coreBurst({
  driver: benchDriver,
  userCount: USERS,
  attempts: USERS * ATTEMPTS_PER_USER,
  seats: SEATS,
});
console.log(`core: booked ${core.booked}, drained in ${fixed(core.drainMs, 0)} ms`);

const attempts = USERS * ATTEMPTS_PER_USER;
const correct = (run: typeof single) =>
  run.booked === SEATS && run.stored?.seats === SEATS && run.violations === 0 && run.errors === 0;
const flows = (run: typeof single) =>
  run.drainMs <= target.drainMs && run.latency.p50 <= target.p50ShareOfDrain * run.drainMs;
const share = (run: { drainMs: number; latency: { p50: number } }) =>
  `${fixed((100 * run.latency.p50) / run.drainMs, 0)} %`;
const row = (what: string, run: typeof single) => [
  what,
  String(attempts),
  `${run.booked} (file: ${run.stored?.seats ?? "?"} seats, ${run.stored?.available ?? "?"} left)`,
  Object.entries(run.refusals)
    .map(([reason, n]) => `${n} ${reason}`)
    .join(", "),
  String(run.errors),
  String(run.retried),
  fixed(run.drainMs, 0),
  fixed(run.first, 0),
  fixed(run.latency.p50, 0),
  share(run),
  fixed(run.latency.p99, 0),
  run.violations === 0 ? "clean" : `${run.violations} violations`,
];
const retried = clustered.retried + single.retried;
record(
  "Hot event: 10,000 concurrent attempts at 100 seats",
  commandLine("bench:hot"),
  [
    `${USERS} signed-in users, each with one keep-alive connection (opened before the burst) carrying ` +
      `${ATTEMPTS_PER_USER} pipelined \`bookings.create\` attempts of 1 seat, distinct idempotency keys: ` +
      `${attempts} attempts in flight at once at one event of ${SEATS} seats. ` +
      `Server: production apps/server (compiled), ${benchDriver}, each configuration on its own copy of the database. ` +
      `Load: undici in the benchmark process. ${machineNote()}.`,
    "",
    markdownTable(
      [
        "what",
        "attempts",
        "booked",
        "refused",
        "errors",
        "resent after reset",
        "drain ms",
        "first answer ms",
        "p50 ms",
        "p50 of drain",
        "p99 ms",
        "invariant",
      ],
      [
        row(`**Boxoffice server, WORKERS=${WORKERS}**`, clustered),
        ...(perWorker
          ? [row(`Boxoffice server, WORKERS=${WORKERS}, a writer in each worker`, perWorker)]
          : []),
        row("**Boxoffice server, WORKERS=1**", single),
        [
          "baseline: booking core in-process",
          String(attempts),
          String(core.booked),
          Object.entries(core.refusals)
            .map(([reason, n]) => `${n} ${reason}`)
            .join(", "),
          "0",
          "–",
          fixed(core.drainMs, 0),
          "–",
          fixed(core.latency.p50, 0),
          share(core),
          fixed(core.latency.p99, 0),
          core.violations.length === 0 ? "clean" : `${core.violations.length} violations`,
        ],
      ],
    ),
    "",
    `Target: exactly ${SEATS} booked, invariant clean, drain ≤ ${target.drainMs} ms, p50 ≤ ` +
      `${100 * target.p50ShareOfDrain} % of the drain: WORKERS=${WORKERS} ` +
      `**${correct(clustered) && flows(clustered) ? "met" : "not met"}**, WORKERS=1 ` +
      `**${correct(single) && flows(single) ? "met" : "not met"}**.` +
      (retried
        ? ` ${retried} attempts lost their kept-alive connection before an answer and were sent ` +
          `again with the same idempotency key, as a browser would.`
        : ""),
    ...(single.server.profileDir
      ? [
          "",
          "WORKERS=1:",
          "",
          summarizeProfile(single.server.profileDir, { fromMs: single.server.readyAfterMs }),
        ]
      : []),
  ].join("\n"),
);
if (!correct(clustered) || !correct(single)) {
  console.error("Oversold, undersold or failed!", { clustered, single });
  process.exitCode = 1;
}

// The waiting-list variant, in the same run.
await import("./hot-waitlist.bench.ts");
