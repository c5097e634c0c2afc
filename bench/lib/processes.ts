import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { freePort } from "../../apps/server/test/support/free-port.ts";
import { generateTicketSigningKey } from "@boxoffice/auth";
import { ownChild, tempDir } from "./cleanup.ts";

export { freePort };

/** tsx's loader by absolute URL, so children can run TypeScript from any working directory. */
export const tsxLoader = import.meta.resolve("tsx");
const serverBuildScript = fileURLToPath(
  new URL("../../apps/server/scripts/build.ts", import.meta.url),
);
const serverMain = fileURLToPath(new URL("../../apps/server/dist/main.js", import.meta.url));
let built = false;

/**
 * The production server is compiled JavaScript (apps/server/dist/main.js, what `pnpm start`
 * runs). Built once per benchmark process, so a benchmark never measures a stale build and
 * runs from a fresh clone.
 */
export function serverEntry(): string {
  if (!built) {
    execFileSync(process.execPath, ["--import", tsxLoader, serverBuildScript], { stdio: "ignore" });
    built = true;
  }
  return serverMain;
}
export const benchLibDir = fileURLToPath(new URL(".", import.meta.url));

export interface NodeProcess {
  name: string;
  pid: number;
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<number | null>;
  /** The last few kilobytes the process wrote, for error messages. */
  output(): string;
  /** performance.now() in this process when the child was spawned. */
  spawnedAt: number;
  /** Milliseconds from spawning to "running at". */
  readyAfterMs: number;
}

/**
 * Runs `node <args>` as a child process and resolves once it prints
 * "running at http://…" (what Boxoffice's main.ts and the bare baselines print).
 */
export async function spawnNode(options: {
  name: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd?: string;
  readyTimeoutMs?: number;
}): Promise<NodeProcess> {
  const spawnedAt = performance.now();
  const child = ownChild(
    spawn(process.execPath, options.args, {
      env: options.env,
      cwd: options.cwd,
      stdio: ["ignore", "pipe", "pipe"],
    }),
  );
  let output = "";
  const onData = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-16_000);
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${options.name} did not start within the time limit:\n${output}`));
    }, options.readyTimeoutMs ?? 60_000);
    const check = () => {
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (!match?.[1]) return;
      clearTimeout(timer);
      resolve(match[1]);
    };
    child.stdout?.on("data", check);
    child.stderr?.on("data", check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${options.name} exited with ${code} before starting:\n${output}`));
    });
  });

  return {
    name: options.name,
    pid: child.pid ?? -1,
    url,
    child,
    exited,
    output: () => output,
    spawnedAt,
    readyAfterMs: performance.now() - spawnedAt,
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Settings the server reads that a benchmark must not inherit from the shell running it. */
const inheritedServerSettings = [
  "NODE_OPTIONS",
  "REDIS_URL",
  "DATABASE_AUTH_TOKEN",
  "ALLOWED_ORIGINS",
  "TRUST_PROXY",
  "SEED_SAMPLE_DATA",
  "LIVE_POLL_MS",
  "WS_MAX_SUBSCRIPTIONS",
  "WS_MAX_MESSAGE_BYTES",
  "WS_MAX_CONNECTIONS_PER_IP",
  "WS_MAX_ANONYMOUS_SUBSCRIPTIONS_PER_IP",
  "WS_MAX_BUFFERED_BYTES",
  "WS_SLOW_CLIENT_TIMEOUT_MS",
  "LIVE_REPLAY_WINDOW",
  "WEB_DIST",
];

/** The process environment minus anything that would change how a child behaves. */
export function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of inheritedServerSettings) delete env[name];
  return env;
}

/** Rate limits far above anything a benchmark sends: the limiter still runs per request. */
export const raisedRateLimits = {
  RATE_LIMIT_LOGIN_PER_IP: "1000000000/60",
  RATE_LIMIT_LOGIN_PER_ACCOUNT: "1000000000/60",
  RATE_LIMIT_REGISTER_PER_IP: "1000000000/60",
  RATE_LIMIT_BOOKINGS_PER_USER: "1000000000/60",
  // Every benchmark client connects from 127.0.0.1.
  WS_MAX_CONNECTIONS_PER_IP: "1000000",
  WS_MAX_ANONYMOUS_SUBSCRIPTIONS_PER_IP: "1000000",
};

/** BENCH_DRIVER picks the embedded driver for the server and the in-process baselines. */
export const benchDriver: "libsql" | "better-sqlite3" =
  process.env.BENCH_DRIVER === "better-sqlite3" ? "better-sqlite3" : "libsql";

export interface BoxofficeProcess extends NodeProcess {
  /** Where `--cpu-prof` writes when profiling (BENCH_PROFILE=1), else null. */
  profileDir: string | null;
}

/** Production requires a ticket signing key; one per benchmark run. */
export const benchTicketKey = generateTicketSigningKey().privateKey;

/** How to run the production server as `pnpm start:server` does (compiled), for `spawn`. */
export function boxofficeCommand(options: {
  databaseUrl: string;
  port: number;
  env?: Record<string, string>;
  profileDir?: string | null;
}) {
  const nodeFlags = options.profileDir
    ? ["--cpu-prof", `--cpu-prof-dir=${options.profileDir}`]
    : [];
  return {
    args: [...nodeFlags, serverEntry()],
    // A temporary working directory, so a developer's .env cannot leak in.
    cwd: tempDir("cwd"),
    env: {
      ...cleanEnv(),
      NODE_ENV: "production",
      DATABASE_URL: options.databaseUrl,
      TICKET_SIGNING_KEY: benchTicketKey,
      DATABASE_DRIVER: benchDriver,
      LOG_LEVEL: "warn",
      HOST: "127.0.0.1",
      PORT: String(options.port),
      // Production needs SMTP or this. Bookings still write their messages to the outbox (in
      // the measured transaction); nothing here would receive them.
      EMAIL_DELIVERY: "off",
      ...raisedRateLimits,
      ...options.env,
    },
  };
}

/**
 * The production server in its own process: NODE_ENV=production, an explicit DATABASE_URL,
 * LOG_LEVEL=warn, raised rate limits, a free loopback port. With `profile` it runs under
 * `--cpu-prof` and writes its profile when it exits.
 */
export async function startBoxoffice(options: {
  databaseUrl: string;
  env?: Record<string, string>;
  profile?: boolean;
}): Promise<BoxofficeProcess> {
  const profileDir = options.profile ? tempDir("cpu-profile") : null;
  const command = boxofficeCommand({ ...options, port: await freePort(), profileDir });
  const server = await spawnNode({ name: "boxoffice server", ...command });
  return { ...server, profileDir };
}

/** A bare baseline server from bench/lib (bare-http-server.ts, bare-ws-server.ts). */
export async function startBaseline(
  script: "bare-http-server.ts" | "bare-ws-server.ts",
  env: Record<string, string> = {},
): Promise<NodeProcess> {
  return spawnNode({
    name: script,
    args: ["--import", tsxLoader, `${benchLibDir}${script}`],
    env: { ...cleanEnv(), PORT: String(await freePort()), ...env },
  });
}

/** Resident memory of a process in kilobytes, from /proc (Linux); NaN elsewhere. */
export function rssKb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return match?.[1] ? Number(match[1]) : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** CPU time (user + system) a process has used so far, in seconds, from /proc (Linux). */
export function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the parenthesised command name; utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** The ids of a process's children, from /proc (Linux); empty elsewhere. */
function childrenOf(pid: number): number[] {
  try {
    const tasks = readdirSync(`/proc/${pid}/task`);
    return tasks.flatMap((tid) =>
      readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8")
        .split(" ")
        .filter(Boolean)
        .map(Number),
    );
  } catch {
    return [];
  }
}

/**
 * CPU time of a process and every process under it (a cluster primary and its workers), in
 * seconds. Sampled before and after a run, while all of them are alive.
 */
export function treeCpuSeconds(pid: number): number {
  return cpuSeconds(pid) + childrenOf(pid).reduce((sum, child) => sum + treeCpuSeconds(child), 0);
}

/** Resident memory of a process and every process under it (a cluster), in kilobytes. */
export function treeRssKb(pid: number): number {
  return rssKb(pid) + childrenOf(pid).reduce((sum, child) => sum + treeRssKb(child), 0);
}

/** This process's soft limit on open files (children inherit it), from /proc; Infinity if unknown. */
export function openFileLimit(): number {
  try {
    const limits = readFileSync("/proc/self/limits", "utf8");
    const soft = /^Max open files\s+(\S+)/m.exec(limits)?.[1];
    return soft && soft !== "unlimited" ? Number(soft) : Number.POSITIVE_INFINITY;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
