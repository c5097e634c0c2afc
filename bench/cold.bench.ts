/**
 * Cold start: time from spawning the production server (compiled, `node
 * apps/server/dist/main.js`) to `GET /readyz` answering 200, on an empty database (a new file:
 * created and migrated at start) and on the browsing catalogue (10,000 events, 100,000
 * bookings), as one process (WORKERS=1) and as a cluster (WORKERS=2: /readyz says 200 only
 * once every worker and the primary's writer are up). Baseline in the same run: `node -e`
 * starting a bare node:http server, to its first answer. Each case runs BENCH_COLD_RUNS
 * times (5). BENCH_PROFILE=1 adds one more WORKERS=1 start on an empty database under
 * --cpu-prof and sums up where its time went.
 * Run: pnpm bench:cold
 */
import { spawn } from "node:child_process";
import { get } from "node:http";
import { join } from "node:path";
import { ownChild, tempDir } from "./lib/cleanup.ts";
import { buildCatalogue } from "./lib/dataset.ts";
import { benchDriver, boxofficeCommand, cleanEnv, freePort, sleep } from "./lib/processes.ts";
import { profiling, summarizeProfile } from "./lib/profile.ts";
import { commandLine, machineNote, markdownTable, record } from "./lib/report.ts";
import { fixed, summarize } from "./lib/stats.ts";

const RUNS = Number(process.env.BENCH_COLD_RUNS ?? 5);
const pollEveryMs = 5;
const giveUpMs = 60_000;

/** One GET on a fresh connection: the status code, or 0 if nothing answered. */
function status(port: number, path: string): Promise<number> {
  return new Promise((resolve) => {
    const req = get({ host: "127.0.0.1", port, path, agent: false, timeout: 1_000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(0));
  });
}

/** Milliseconds from spawning `node <args>` until `path` answers 200. */
async function timeToReady(
  command: { args: string[]; env: NodeJS.ProcessEnv; cwd?: string },
  port: number,
  path: string,
): Promise<number> {
  const started = performance.now();
  const child = ownChild(
    spawn(process.execPath, command.args, {
      env: command.env,
      cwd: command.cwd,
      stdio: ["ignore", "ignore", "pipe"],
    }),
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk).slice(-4_000)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    while (performance.now() - started < giveUpMs) {
      if ((await status(port, path)) === 200) return performance.now() - started;
      if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}:\n${stderr}`);
      await sleep(pollEveryMs);
    }
    throw new Error(`not ready within ${giveUpMs} ms:\n${stderr}`);
  } finally {
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
  }
}

console.log("cold: building the catalogue");
const catalogue = await buildCatalogue("cold", 10_000, 100_000);
await catalogue.close();

const target = { emptyMs: 500, timesBare: 3 };
const fresh = async (workers: number, profileDir?: string) => {
  const port = await freePort();
  const url = `file:${join(tempDir("cold-empty"), "boxoffice.db")}`;
  const env = { WORKERS: String(workers) };
  const command = boxofficeCommand({ databaseUrl: url, port, env });
  if (profileDir) command.args.unshift("--cpu-prof", `--cpu-prof-dir=${profileDir}`);
  return timeToReady(command, port, "/readyz");
};
const loaded = async (workers: number) => {
  const port = await freePort();
  const env = { WORKERS: String(workers) };
  return timeToReady(boxofficeCommand({ databaseUrl: catalogue.url, port, env }), port, "/readyz");
};
const cases: { what: string; run: () => Promise<number> }[] = [
  {
    what: "**Boxoffice, WORKERS=1, empty database** (new file, migrated at start)",
    run: () => fresh(1),
  },
  { what: "**Boxoffice, WORKERS=2, empty database**", run: () => fresh(2) },
  { what: "Boxoffice, WORKERS=1, 10,000 events / 100,000 bookings", run: () => loaded(1) },
  { what: "Boxoffice, WORKERS=2, 10,000 events / 100,000 bookings", run: () => loaded(2) },
  {
    what: "baseline: `node -e` bare node:http server",
    run: async () => {
      const port = await freePort();
      const script = `require("node:http").createServer((q, s) => s.end("ok")).listen(${port}, "127.0.0.1")`;
      return timeToReady({ args: ["-e", script], env: cleanEnv() }, port, "/");
    },
  },
];

const rows: string[][] = [];
const medians: number[] = [];
// One warm-up start (the OS file cache), not counted.
await fresh(1);
for (const { what, run } of cases) {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await run());
  const stats = summarize(times);
  medians.push(stats.p50);
  rows.push([
    what,
    String(RUNS),
    fixed(Math.min(...times), 0),
    fixed(stats.p50, 0),
    fixed(stats.max, 0),
    times.map((t) => fixed(t, 0)).join(", "),
  ]);
  console.log(rows.at(-1)?.join("  "));
}

// Where a start's time goes: one more start, profiled (the profile covers the whole start).
let profile = "";
if (profiling) {
  const dir = tempDir("cold-profile");
  const ms = await fresh(1, dir);
  profile = `Profiled start (WORKERS=1, empty database, ${fixed(ms, 0)} ms to ready under --cpu-prof):\n\n${summarizeProfile(dir)}`;
}

function verdict(median: number | undefined): string {
  const bare = medians[4] ?? NaN;
  const met = median !== undefined && median <= target.emptyMs && median <= target.timesBare * bare;
  return `${fixed(median ?? NaN, 0)} ms (${fixed((median ?? NaN) / bare, 1)}×): **${met ? "met" : "not met"}**`;
}

record(
  "Cold start: process start to /readyz 200",
  commandLine("bench:cold"),
  [
    `Time from \`spawn(node …)\` to the first 200 from \`GET /readyz\` (polled every ${pollEveryMs} ms on a ` +
      `fresh connection). The server starts as \`pnpm start:server\` does: compiled ` +
      `(\`node apps/server/dist/main.js\`), NODE_ENV=production, ${benchDriver}. ${machineNote()}.`,
    "",
    markdownTable(["what", "runs", "min ms", "median ms", "max ms", "each run ms"], rows),
    "",
    `Target on an empty database ≤ ${target.emptyMs} ms and ≤ ${target.timesBare}× bare Node ` +
      `(${fixed(medians[4] ?? NaN, 0)} ms here): WORKERS=1 ${verdict(medians[0])}, WORKERS=2 ${verdict(medians[1])}.`,
    ...(profile ? ["", profile] : []),
  ].join("\n"),
);
