/**
 * Reads the V8 CPU profile a server wrote under `--cpu-prof` (BENCH_PROFILE=1) and sums it
 * up: where the busy time went by area (our packages, each dependency, Node internals, GC)
 * and the top functions by self time.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { SourceMap } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { fixed } from "./stats.ts";
import { markdownTable } from "./report.ts";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const repoRoot = new URL("../../", import.meta.url).pathname;

/**
 * The server runs as one bundle (apps/server/dist/main.js); its source map gives each frame
 * back its own file, so the areas below still say which package the time went to.
 */
const sourceMaps = new Map<string, SourceMap | null>();
function originalFrame(frame: CallFrame): CallFrame {
  if (!frame.url.endsWith(".js") || !frame.url.startsWith("file://")) return frame;
  const file = fileURLToPath(frame.url);
  let map = sourceMaps.get(file);
  if (map === undefined) {
    map = existsSync(`${file}.map`)
      ? new SourceMap(JSON.parse(readFileSync(`${file}.map`, "utf8")) as never)
      : null;
    sourceMaps.set(file, map);
  }
  const entry = map?.findEntry(frame.lineNumber, frame.columnNumber);
  if (!entry || !("originalSource" in entry)) return frame;
  const source = resolve(dirname(file), entry.originalSource.replace(/^file:\/\//, ""));
  return { ...frame, url: `file://${source}`, lineNumber: entry.originalLine };
}

/** "better-sqlite3", "@trpc/server", "@boxoffice/api", "node internals", "(garbage collector)". */
function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:")) return "node internals";
  const dependency = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(
    url,
  );
  if (dependency?.[1]) return dependency[1];
  const ours = /\/(packages|apps)\/([^/]+)\//.exec(url);
  if (ours?.[2]) return `@boxoffice/${ours[2]}`;
  return url;
}

function place(url: string, line: number): string {
  if (!url) return "";
  const path = url.replace(/^file:\/\//, "").replace(repoRoot, "");
  const short = path.replace(/^.*node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?/, "");
  return `${short}:${line + 1}`;
}

/**
 * A Markdown summary of the main thread's profile in `dir`, over a window of the run (to leave
 * out start-up, or keep only the part being measured). Files are named
 * CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile; tsx's module-loader worker writes one
 * too, and thread 0 is the one serving requests.
 */
export function summarizeProfile(
  dir: string,
  window: { fromMs?: number; toMs?: number; top?: number } = {},
): string {
  const top = window.top ?? 15;
  const fromUs = (window.fromMs ?? 0) * 1000;
  const toUs = (window.toMs ?? Number.POSITIVE_INFINITY) * 1000;
  const files = readdirSync(dir).filter((name) => name.endsWith(".cpuprofile"));
  const main = files.find((name) => /^CPU\.\d+\.\d+\.\d+\.0\.\d+\.cpuprofile$/.test(name));
  if (!main) return "_No CPU profile was written (did the server exit cleanly?)._";
  const keep = process.env.BENCH_PROFILE_OUT;
  if (keep) {
    mkdirSync(keep, { recursive: true });
    copyFileSync(join(dir, main), join(keep, main));
  }
  const profile = JSON.parse(readFileSync(join(dir, main), "utf8")) as CpuProfile;

  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  // Only samples inside the window (ms since the process started) count.
  const selfUs = new Map<number, number>();
  let elapsedUs = 0;
  profile.samples.forEach((nodeId, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    elapsedUs += delta;
    if (elapsedUs < fromUs || elapsedUs > toUs) return;
    selfUs.set(nodeId, (selfUs.get(nodeId) ?? 0) + delta);
  });

  const byFunction = new Map<string, { us: number; area: string }>();
  const byArea = new Map<string, number>();
  let idleUs = 0;
  let totalUs = 0;
  for (const [nodeId, us] of selfUs) {
    const bundled = byNode.get(nodeId)?.callFrame;
    if (!bundled) continue;
    const frame = originalFrame(bundled);
    totalUs += us;
    if (frame.functionName === "(idle)") {
      idleUs += us;
      continue;
    }
    const area = areaOf(frame.url, frame.functionName);
    byArea.set(area, (byArea.get(area) ?? 0) + us);
    const key = `${frame.functionName || "(anonymous)"} ${place(frame.url, frame.lineNumber)}`;
    const entry = byFunction.get(key) ?? { us: 0, area };
    entry.us += us;
    byFunction.set(key, entry);
  }
  const busyUs = totalUs - idleUs;
  const pct = (us: number) => `${fixed((100 * us) / busyUs, 1)} %`;

  const areas = [...byArea.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10);
  const functions = [...byFunction.entries()].sort((a, b) => b[1].us - a[1].us).slice(0, top);
  return [
    `Server CPU profile (\`--cpu-prof\`): ${fixed(totalUs / 1e6, 1)} s sampled ` +
      `(${window.fromMs ? `from ${fixed(window.fromMs / 1000, 1)} s` : "from start"}` +
      `${Number.isFinite(toUs) ? ` to ${fixed(toUs / 1e6, 1)} s` : ""} after spawning), ` +
      `${fixed((100 * busyUs) / totalUs, 0)} % of it busy (not idle), split as follows.`,
    "",
    markdownTable(
      ["area", "self time", "share of busy"],
      areas.map(([area, us]) => [area, `${fixed(us / 1000, 0)} ms`, pct(us)]),
    ),
    "",
    `Top ${top} functions by self time:`,
    "",
    markdownTable(
      ["function", "area", "self time", "share of busy"],
      functions.map(([name, { us, area }]) => [
        `\`${name}\``,
        area,
        `${fixed(us / 1000, 0)} ms`,
        pct(us),
      ]),
    ),
  ].join("\n");
}

/**
 * BENCH_PROFILE=1 runs the server under --cpu-prof and adds the summary to the results;
 * BENCH_PROFILE_OUT=<dir> also keeps the .cpuprofile files (open them in Chrome DevTools).
 */
export const profiling = process.env.BENCH_PROFILE === "1";
