/**
 * Booking throughput over the wire: 64 keep-alive connections each send
 * POST /trpc/bookings.create (one seat, bearer token of one of 200 users, one of 100 large
 * events) back to back against the production server in its own process. Baselines in the
 * same run: a bare node:http server answering the same requests (the HTTP ceiling, also its
 * own process) and the booking core in-process at the same concurrency (no HTTP).
 * Run: pnpm bench:booking (BENCH_SECONDS=5 for a short run, BENCH_PROFILE=1 to profile).
 */
import { openDatabase } from "@boxoffice/db";
import { checkInvariant } from "@boxoffice/api/commands";
import { measureCoreBookings } from "./lib/core-load.ts";
import { addEvents, addUsers, createBenchDatabase, plainEvent } from "./lib/dataset.ts";
import { bookingRequest, closedLoop, type LoadResult } from "./lib/http-load.ts";
import { benchDriver, cpuSeconds, startBaseline, startBoxoffice } from "./lib/processes.ts";
import { profiling, summarizeProfile } from "./lib/profile.ts";
import { commandLine, machineNote, markdownTable, record } from "./lib/report.ts";
import { fixed } from "./lib/stats.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WARMUP = Math.min(3, Math.max(1, SECONDS / 10));
const CONNECTIONS = 64;
const USERS = 200;
const EVENTS = 100;
const target = { perSecond: 3_000, p99: 50 };

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

const run = Date.now().toString(36);
const request = (n: number) =>
  bookingRequest(users[n % USERS]?.token ?? "", {
    eventId: events[n % EVENTS]?.id ?? 0,
    seats: 1,
    idempotencyKey: `${run}-${n}`,
  });
/** The load, plus the CPU time the target process spent per request (from /proc). */
async function load(url: string, pid: number) {
  const cpuBefore = cpuSeconds(pid);
  const result = await closedLoop({
    url,
    connections: CONNECTIONS,
    seconds: SECONDS,
    warmupSeconds: WARMUP,
    request,
  });
  return { ...result, cpuMsPerRequest: ((cpuSeconds(pid) - cpuBefore) * 1000) / result.requests };
}
type Measured = LoadResult & { cpuMsPerRequest: number };

const server = await startBoxoffice({ databaseUrl: data.url, profile: profiling });
let real: Measured;
try {
  real = await load(server.url, server.pid);
} finally {
  await server.stop();
}
console.log(`server: ${fixed(real.perSecond, 0)} bookings/s`, real.errorKinds);

// The invariant, read from the file the server wrote.
const check = await openDatabase({ url: data.url, driver: benchDriver });
const violations = await checkInvariant(check.db);
await check.close();

const bare = await startBaseline("bare-http-server.ts", {
  BODY_BYTES: String(real.sampleBodyBytes),
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
const met = real.perSecond >= target.perSecond && real.p99 <= target.p99 && real.errors === 0;
const errorNote = real.errors ? ` Errors by kind: \`${JSON.stringify(real.errorKinds)}\`.` : "";

record(
  "Booking throughput over HTTP",
  commandLine("bench:booking"),
  [
    `${CONNECTIONS} keep-alive connections, closed loop, ${SECONDS} s measured after ${WARMUP} s warm-up; ` +
      `each request one \`bookings.create\` of 1 seat (bearer token, ${USERS} users, ${EVENTS} events). ` +
      `Server: production build of apps/server in its own process, ${benchDriver}, WAL, synchronous=FULL. ` +
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
        row("**Boxoffice server, bookings.create over HTTP**", real, real.cpuMsPerRequest),
        row(
          `baseline: bare node:http, fixed ${real.sampleBodyBytes}-byte JSON`,
          ceiling,
          ceiling.cpuMsPerRequest,
        ),
        row(`baseline: booking core in-process, ${CONNECTIONS} callers, no HTTP`, core),
      ],
    ),
    "",
    `Target ≥ ${target.perSecond} bookings/s with p99 ≤ ${target.p99} ms: **${met ? "met" : "not met"}**.${errorNote} ` +
      `Invariant after the run: ${violations.length === 0 ? "clean" : `${violations.length} violations`}.`,
    ...(server.profileDir
      ? ["", summarizeProfile(server.profileDir, { fromMs: server.readyAfterMs })]
      : []),
  ].join("\n"),
);
if (violations.length > 0) {
  console.error(violations.slice(0, 10));
  process.exitCode = 1;
}
