/**
 * Booking throughput over the wire: 64 keep-alive connections each send
 * POST /trpc/bookings.create (one seat, bearer token of one of 200 users, one of 100 large
 * events) back to back against the production server, compiled, in its own processes: with
 * WORKERS=2 (the cluster: a primary owning the writer, two workers) and with WORKERS=1 (one
 * process), each on a fresh copy of the same database. Server CPU per booking is the whole
 * process tree's (primary and workers), from /proc. Baselines in the same run: a bare
 * node:http server answering the same requests (the HTTP ceiling, also its own process) and
 * the booking core in-process at the same concurrency (no HTTP).
 * Run: pnpm bench:booking (BENCH_SECONDS=5 for a short run, BENCH_PROFILE=1 to profile the
 * WORKERS=1 server, BENCH_WORKERS=4 for another cluster size).
 */
import { openDatabase } from "@boxoffice/db";
import { checkInvariant } from "@boxoffice/api/commands";
import { measureCoreBookings } from "./lib/core-load.ts";
import {
  addEvents,
  addUsers,
  createBenchDatabase,
  freshCopies,
  plainEvent,
} from "./lib/dataset.ts";
import { bookingRequest, closedLoop, type LoadResult } from "./lib/http-load.ts";
import { benchDriver, startBaseline, startBoxoffice, treeCpuSeconds } from "./lib/processes.ts";
import { profiling, summarizeProfile } from "./lib/profile.ts";
import { commandLine, machineNote, markdownTable, record } from "./lib/report.ts";
import { fixed } from "./lib/stats.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WARMUP = Math.min(3, Math.max(1, SECONDS / 10));
const CONNECTIONS = 64;
const USERS = 200;
const EVENTS = 100;
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const target = { perSecond: 3_000, p99: 50, speedup: 1.3 };

console.log(`booking: ${USERS} users, ${EVENTS} events, ${CONNECTIONS} connections, ${SECONDS} s`);
const data = await createBenchDatabase("booking");
const [admin] = await addUsers(data.writer, 1, { prefix: "admin", role: "admin" });
const users = await addUsers(data.writer, USERS, { prefix: "booker" });
const events = await addEvents(
  data.writer,
  admin?.id ?? 0,
  Array.from({ length: EVENTS }, (_, i) => plainEvent(`Big event ${i}`, 10_000_000)),
);
await data.close();
/** Each server gets its own copy of the prepared file: the same events, no earlier bookings. */
const freshCopy = freshCopies(data.url);

const run = Date.now().toString(36);
const request = (n: number) =>
  bookingRequest(users[n % USERS]?.token ?? "", {
    eventId: events[n % EVENTS]?.id ?? 0,
    seats: 1,
    idempotencyKey: `${run}-${n}`,
  });
/** The load, plus the CPU time the target processes spent per request (from /proc). */
async function load(url: string, pid: number) {
  const cpuBefore = treeCpuSeconds(pid);
  const result = await closedLoop({
    url,
    connections: CONNECTIONS,
    seconds: SECONDS,
    warmupSeconds: WARMUP,
    request,
  });
  return {
    ...result,
    cpuMsPerRequest: ((treeCpuSeconds(pid) - cpuBefore) * 1000) / result.requests,
  };
}
type Measured = LoadResult & { cpuMsPerRequest: number };

/** One server configuration on its own copy of the data; the invariant checked after. */
async function measureServer(workers: number, env: Record<string, string> = {}) {
  const databaseUrl = freshCopy();
  const server = await startBoxoffice({
    databaseUrl,
    env: { WORKERS: String(workers), ...env },
    profile: profiling && workers === 1,
  });
  let result: Measured;
  try {
    result = await load(server.url, server.pid);
  } finally {
    await server.stop();
  }
  const check = await openDatabase({ url: databaseUrl, driver: benchDriver });
  const violations = await checkInvariant(check.db);
  await check.close();
  console.log(`WORKERS=${workers}: ${fixed(result.perSecond, 0)} bookings/s`, result.errorKinds);
  return { ...result, violations: violations.length, profileDir: server.profileDir, server };
}

const clustered = await measureServer(WORKERS);
// Only while both writer placements exist (see RESULTS.md, "Writer ownership").
const perWorker =
  process.env.BENCH_WRITER_COMPARISON === "1"
    ? await measureServer(WORKERS, { CLUSTER_WRITER: "workers" })
    : null;
const single = await measureServer(1);
const violations = clustered.violations + single.violations + (perWorker?.violations ?? 0);

const bare = await startBaseline("bare-http-server.ts", {
  BODY_BYTES: String(clustered.sampleBodyBytes),
});
let ceiling: Measured;
try {
  ceiling = await load(bare.url, bare.pid);
} finally {
  await bare.stop();
}
console.log(`bare node:http: ${fixed(ceiling.perSecond, 0)} requests/s`);

const core = await measureCoreBookings({
  driver: benchDriver,
  mode: "group commit",
  callers: CONNECTIONS,
  seconds: SECONDS,
  events: EVENTS,
});
console.log(`core in-process: ${fixed(core.perSecond, 0)} bookings/s`);

const row = (
  what: string,
  r: { perSecond: number; p50: number; p99: number; max: number; errors: number },
  cpuMsPerRequest?: number,
) => [
  what,
  fixed(r.perSecond, 0),
  fixed(r.p50, 2),
  fixed(r.p99, 2),
  fixed(r.max, 1),
  String(r.errors),
  cpuMsPerRequest === undefined ? "–" : fixed(cpuMsPerRequest, 3),
  `${fixed((100 * r.perSecond) / ceiling.perSecond, 0)} %`,
];
const speedup = clustered.perSecond / single.perSecond;
const met =
  clustered.perSecond >= target.perSecond &&
  clustered.p99 <= target.p99 &&
  speedup >= target.speedup &&
  clustered.errors + single.errors === 0;
const errorKinds = { ...single.errorKinds, ...clustered.errorKinds };
const errorNote =
  clustered.errors + single.errors ? ` Errors by kind: \`${JSON.stringify(errorKinds)}\`.` : "";

record(
  "Booking throughput over HTTP",
  commandLine("bench:booking"),
  [
    `${CONNECTIONS} keep-alive connections, closed loop, ${SECONDS} s measured after ${WARMUP} s warm-up; ` +
      `each request one \`bookings.create\` of 1 seat (bearer token, ${USERS} users, ${EVENTS} events). ` +
      `Server: production build of apps/server (compiled), ${benchDriver}, WAL, synchronous=FULL; ` +
      `WORKERS=${WORKERS} is a cluster primary owning the writer plus ${WORKERS} workers; CPU is the whole process tree's. ` +
      `Load: undici Pool in the benchmark process. ${machineNote()}.`,
    "",
    markdownTable(
      [
        "what",
        "bookings/s (req/s)",
        "p50 ms",
        "p99 ms",
        "max ms",
        "errors",
        "server CPU ms/request",
        "of HTTP ceiling",
      ],
      [
        row(`**Boxoffice server, WORKERS=${WORKERS}**`, clustered, clustered.cpuMsPerRequest),
        ...(perWorker
          ? [
              row(
                `Boxoffice server, WORKERS=${WORKERS}, a writer in each worker`,
                perWorker,
                perWorker.cpuMsPerRequest,
              ),
            ]
          : []),
        row("**Boxoffice server, WORKERS=1**", single, single.cpuMsPerRequest),
        row(
          `baseline: bare node:http, fixed ${clustered.sampleBodyBytes}-byte JSON`,
          ceiling,
          ceiling.cpuMsPerRequest,
        ),
        row(`baseline: booking core in-process, ${CONNECTIONS} callers, no HTTP`, core),
      ],
    ),
    "",
    `WORKERS=${WORKERS} vs WORKERS=1: ${fixed(speedup, 2)}×. ` +
      `Target WORKERS=${WORKERS} ≥ ${target.perSecond} bookings/s with p99 ≤ ${target.p99} ms and ≥ ${target.speedup}× WORKERS=1: ` +
      `**${met ? "met" : "not met"}**.${errorNote} ` +
      `Invariant after each run: ${violations === 0 ? "clean" : `${violations} violations`}.`,
    ...(single.profileDir
      ? [
          "",
          "WORKERS=1:",
          "",
          summarizeProfile(single.profileDir, { fromMs: single.server.readyAfterMs }),
        ]
      : []),
  ].join("\n"),
);
if (violations > 0) {
  console.error(`${violations} invariant violations`);
  process.exitCode = 1;
}
