/**
 * Browsing: `events.list` (first page of 20, a search term, upcoming, soonest first) over a
 * catalogue of 10,000 events and 100,000 bookings, 64 keep-alive connections, anonymous,
 * against the production server (compiled, WORKERS=2 by default) in its own processes.
 * Search terms rotate through genres, cities and words of the catalogue, each matching a
 * slice of it through the trigram index. Three runs on one server:
 *   1. browsing alone: nothing commits, so every page after the first comes from the
 *      server's memo of public reads (exact while PRAGMA data_version stays the same);
 *   2. browsing while bookings commit (BOOKINGS_PER_SECOND on the soonest events): every
 *      commit invalidates the memo, so most pages run the search;
 *   3. clients that revalidate (If-None-Match with the ETag they hold) while bookings commit:
 *      the share of 304s.
 * Baseline in the same run: a bare node:http server answering a fixed JSON of the same size.
 * Run: pnpm bench:browse (BENCH_SECONDS=5 for a short run, BENCH_PROFILE=1 to profile a
 * WORKERS=1 server).
 */
import { addUsers, buildCatalogue, searchTerms } from "./lib/dataset.ts";
import { bookingRequest, closedLoop, type LoadRequest, type LoadResult } from "./lib/http-load.ts";
import { benchDriver, startBaseline, startBoxoffice, treeCpuSeconds } from "./lib/processes.ts";
import { profiling, summarizeProfile } from "./lib/profile.ts";
import { commandLine, machineNote, markdownTable, record } from "./lib/report.ts";
import { fixed } from "./lib/stats.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const WARMUP = Math.min(3, Math.max(1, SECONDS / 10));
const CONNECTIONS = 64;
const EVENTS = 10_000;
const BOOKINGS = 100_000;
const BOOKINGS_PER_SECOND = 50;
const target = { perSecond: 1_800, p99: 50 };

console.log(`browse: building ${EVENTS} events and ${BOOKINGS} bookings`);
const building = performance.now();
const catalogue = await buildCatalogue("browse", EVENTS, BOOKINGS);
const [booker] = await addUsers(catalogue.writer, 1, { prefix: "booker" });
await catalogue.close();
console.log(`catalogue built in ${fixed((performance.now() - building) / 1000, 1)} s`);

const listPath = (n: number) => {
  const input = { search: searchTerms[n % searchTerms.length], limit: 20 };
  return `/trpc/events.list?input=${encodeURIComponent(JSON.stringify(input))}`;
};
const listRequest = (n: number): LoadRequest => ({ method: "GET", path: listPath(n) });
/** A page must come back with events in it: an empty answer would flatter the server. */
const judge = (status: number, body: string) => status === 200 && body.includes('"items":[{');

type Measured = LoadResult & { cpuMsPerRequest: number };

async function load(
  url: string,
  pid: number,
  options: { check?: typeof judge; request?: (n: number) => LoadRequest } = {},
  observe?: Parameters<typeof closedLoop>[0]["observe"],
): Promise<Measured> {
  const cpuBefore = treeCpuSeconds(pid);
  const result = await closedLoop({
    url,
    connections: CONNECTIONS,
    seconds: SECONDS,
    warmupSeconds: WARMUP,
    request: options.request ?? listRequest,
    judge: options.check,
    observe,
  });
  const cpuMsPerRequest = ((treeCpuSeconds(pid) - cpuBefore) * 1000) / result.requests;
  return { ...result, cpuMsPerRequest };
}

/** Books one seat at a time on the soonest events, BOOKINGS_PER_SECOND, until stopped. */
function bookingsMeanwhile(url: string) {
  let running = true;
  let booked = 0;
  const done = (async () => {
    for (let n = 0; running; n++) {
      const started = performance.now();
      // Event ids follow start time in the catalogue: 1 … 200 are the soonest.
      const request = bookingRequest(booker?.token ?? "", {
        eventId: 1 + (n % 200),
        seats: 1,
        idempotencyKey: `browse-${Date.now()}-${n}`,
      });
      const response = await fetch(`${url}${request.path}`, {
        method: request.method,
        headers: request.headers,
        body: request.body,
      });
      if (response.ok) booked++;
      await response.arrayBuffer();
      const wait = 1000 / BOOKINGS_PER_SECOND - (performance.now() - started);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
      return booked;
    },
  };
}

// Profiling looks at one process: WORKERS=1 then.
const WORKERS = profiling ? 1 : Number(process.env.BENCH_WORKERS ?? 2);
const server = await startBoxoffice({
  databaseUrl: catalogue.url,
  env: { WORKERS: String(WORKERS) },
  profile: profiling,
});
let alone: Measured;
let busy: Measured;
let revalidating: Measured;
const statuses: Record<number, number> = {};
let bookedMeanwhile = 0;
try {
  alone = await load(server.url, server.pid, { check: judge });
  console.log(`browsing alone: ${fixed(alone.perSecond, 0)} requests/s`, alone.errorKinds);

  let bookings = bookingsMeanwhile(server.url);
  busy = await load(server.url, server.pid, { check: judge });
  bookedMeanwhile += await bookings.stop();
  console.log(`while booking: ${fixed(busy.perSecond, 0)} requests/s`, busy.errorKinds);

  // Each client keeps the last ETag it got for a page and sends it back.
  const etags = new Map<string, string>();
  bookings = bookingsMeanwhile(server.url);
  revalidating = await load(
    server.url,
    server.pid,
    {
      check: (status, body) => status === 304 || judge(status, body),
      request: (n): LoadRequest => {
        const path = listPath(n);
        const etag = etags.get(path);
        const headers: Record<string, string> = etag ? { "if-none-match": etag } : {};
        return { method: "GET", path, headers };
      },
    },
    (request, status, headers) => {
      const etag = headers.etag;
      if (typeof etag === "string") etags.set(request.path, etag);
      statuses[status] = (statuses[status] ?? 0) + 1;
    },
  );
  bookedMeanwhile += await bookings.stop();
  console.log(`revalidating: ${fixed(revalidating.perSecond, 0)} requests/s`, statuses);
} finally {
  await server.stop();
}

const bare = await startBaseline("bare-http-server.ts", {
  BODY_BYTES: String(alone.sampleBodyBytes),
});
let ceiling: Measured;
try {
  ceiling = await load(bare.url, bare.pid);
} finally {
  await bare.stop();
}
console.log(`bare node:http: ${fixed(ceiling.perSecond, 0)} requests/s`);

const answered = (statuses[200] ?? 0) + (statuses[304] ?? 0);
const notModified = answered ? (100 * (statuses[304] ?? 0)) / answered : NaN;
const row = (what: string, r: Measured) => [
  what,
  fixed(r.perSecond, 0),
  fixed(r.p50, 2),
  fixed(r.p99, 2),
  fixed(r.max, 1),
  String(r.errors),
  fixed(r.cpuMsPerRequest, 3),
  `${fixed((100 * r.perSecond) / ceiling.perSecond, 0)} %`,
];
const met = alone.perSecond >= target.perSecond && alone.p99 <= target.p99 && alone.errors === 0;
record(
  "Browsing: events.list with search over 10,000 events",
  commandLine("bench:browse"),
  [
    `${EVENTS} events, ${BOOKINGS} bookings (with their booking_logs rows). ${CONNECTIONS} keep-alive ` +
      `connections, closed loop, ${SECONDS} s measured after ${WARMUP} s warm-up per row, anonymous ` +
      `\`GET /trpc/events.list\` with \`{search, limit: 20}\`, the search rotating through ` +
      `${searchTerms.length} terms (${searchTerms.slice(0, 4).join(", ")}, …). Server: production ` +
      `apps/server (compiled), WORKERS=${WORKERS}, ${benchDriver}; CPU is the whole process tree's. ` +
      `"While booking" rows: ${BOOKINGS_PER_SECOND} one-seat bookings/s on the 200 soonest events ` +
      `from one more client (${bookedMeanwhile} booked in all), so the memo of public reads is ` +
      `invalidated by every commit. Load: undici Pool in the benchmark process. ${machineNote()}.`,
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
        row("**Boxoffice, browsing alone**", alone),
        row("Boxoffice, while bookings commit", busy),
        row(
          `Boxoffice, clients revalidating while bookings commit: ${fixed(notModified, 1)} % answered 304`,
          revalidating,
        ),
        row(`baseline: bare node:http, fixed ${alone.sampleBodyBytes}-byte JSON`, ceiling),
      ],
    ),
    "",
    `Target ≥ ${target.perSecond} requests/s with p99 ≤ ${target.p99} ms (browsing alone): ` +
      `**${met ? "met" : "not met"}**.` +
      (alone.errors ? ` Errors by kind: \`${JSON.stringify(alone.errorKinds)}\`.` : ""),
    ...(server.profileDir
      ? ["", summarizeProfile(server.profileDir, { fromMs: server.readyAfterMs })]
      : []),
  ].join("\n"),
);
