/**
 * Browsing: `events.list` (first page of 20, a search term, upcoming, soonest first) over a
 * catalogue of 10,000 events and 100,000 bookings, 64 keep-alive connections, anonymous,
 * against the production server in its own process. Search terms rotate through genres,
 * cities and words of the catalogue, each matching a slice of it through the trigram index.
 * Baseline in the same run: a bare node:http server answering a fixed JSON of the same size.
 * Run: pnpm bench:browse (BENCH_SECONDS=5 for a short run, BENCH_PROFILE=1 to profile).
 */
import { buildCatalogue, searchTerms } from "./lib/dataset.ts";
import { closedLoop, type LoadRequest, type LoadResult } from "./lib/http-load.ts";
import { benchDriver, startBaseline, startBoxoffice, treeCpuSeconds } from "./lib/processes.ts";
import { profiling, summarizeProfile } from "./lib/profile.ts";
import { commandLine, machineNote, markdownTable, record } from "./lib/report.ts";
import { fixed } from "./lib/stats.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WARMUP = Math.min(3, Math.max(1, SECONDS / 10));
const CONNECTIONS = 64;
const EVENTS = 10_000;
const BOOKINGS = 100_000;
const target = { perSecond: 2_000, p99: 50 };

console.log(`browse: building ${EVENTS} events and ${BOOKINGS} bookings`);
const building = performance.now();
const catalogue = await buildCatalogue("browse", EVENTS, BOOKINGS);
await catalogue.close();
console.log(`catalogue built in ${fixed((performance.now() - building) / 1000, 1)} s`);

const listRequest = (n: number): LoadRequest => {
  const input = { search: searchTerms[n % searchTerms.length], limit: 20 };
  return {
    method: "GET",
    path: `/trpc/events.list?input=${encodeURIComponent(JSON.stringify(input))}`,
  };
};
/** A page must come back with events in it: an empty answer would flatter the server. */
const judge = (status: number, body: string) => status === 200 && body.includes('"items":[{');

async function load(url: string, pid: number, check: typeof judge | undefined) {
  const cpuBefore = treeCpuSeconds(pid);
  const result = await closedLoop({
    url,
    connections: CONNECTIONS,
    seconds: SECONDS,
    warmupSeconds: WARMUP,
    request: listRequest,
    judge: check,
  });
  const cpuMsPerRequest = ((treeCpuSeconds(pid) - cpuBefore) * 1000) / result.requests;
  return { ...result, cpuMsPerRequest };
}

// Profiling looks at one process: WORKERS=1 then.
const WORKERS = profiling ? 1 : Number(process.env.BENCH_WORKERS ?? 2);
const server = await startBoxoffice({
  databaseUrl: catalogue.url,
  env: { WORKERS: String(WORKERS) },
  profile: profiling,
});
let real: LoadResult & { cpuMsPerRequest: number };
try {
  real = await load(server.url, server.pid, judge);
} finally {
  await server.stop();
}
console.log(`server: ${fixed(real.perSecond, 0)} requests/s`, real.errorKinds);

const bare = await startBaseline("bare-http-server.ts", {
  BODY_BYTES: String(real.sampleBodyBytes),
});
let ceiling: LoadResult & { cpuMsPerRequest: number };
try {
  ceiling = await load(bare.url, bare.pid, undefined);
} finally {
  await bare.stop();
}
console.log(`bare node:http: ${fixed(ceiling.perSecond, 0)} requests/s`);

const row = (what: string, r: LoadResult & { cpuMsPerRequest: number }) => [
  what,
  fixed(r.perSecond, 0),
  fixed(r.p50, 2),
  fixed(r.p99, 2),
  fixed(r.max, 1),
  String(r.errors),
  fixed(r.cpuMsPerRequest, 3),
  `${fixed((100 * r.perSecond) / ceiling.perSecond, 0)} %`,
];
const met = real.perSecond >= target.perSecond && real.p99 <= target.p99 && real.errors === 0;
record(
  "Browsing: events.list with search over 10,000 events",
  commandLine("bench:browse"),
  [
    `${EVENTS} events, ${BOOKINGS} bookings (with their booking_logs rows). ${CONNECTIONS} keep-alive ` +
      `connections, closed loop, ${SECONDS} s measured after ${WARMUP} s warm-up, anonymous ` +
      `\`GET /trpc/events.list\` with \`{search, limit: 20}\`, the search rotating through ` +
      `${searchTerms.length} terms (${searchTerms.slice(0, 4).join(", ")}, …). Server: production ` +
      `apps/server in its own process, ${benchDriver}. Load: undici Pool in the benchmark process. ` +
      `${machineNote()}.`,
    "",
    markdownTable(
      [
        "what",
        "requests/s",
        "p50 ms",
        "p99 ms",
        "max ms",
        "errors",
        "server CPU ms/request",
        "of HTTP ceiling",
      ],
      [
        row("**Boxoffice server, events.list page of 20 with search**", real),
        row(`baseline: bare node:http, fixed ${real.sampleBodyBytes}-byte JSON`, ceiling),
      ],
    ),
    "",
    `Target ≥ ${target.perSecond} requests/s with p99 ≤ ${target.p99} ms: **${met ? "met" : "not met"}**.` +
      (real.errors ? ` Errors by kind: \`${JSON.stringify(real.errorKinds)}\`.` : ""),
    ...(server.profileDir
      ? ["", summarizeProfile(server.profileDir, { fromMs: server.readyAfterMs })]
      : []),
  ].join("\n"),
);
