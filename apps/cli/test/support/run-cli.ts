import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const cliBin = fileURLToPath(new URL("../../bin/boxoffice.js", import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env?: Record<string, string | undefined>;
  input?: string;
}

/** The environment every run starts from: none of the developer's Boxoffice settings. */
export function baseEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TZ: "UTC", NO_COLOR: "1" };
  for (const key of Object.keys(env)) if (key.startsWith("BOXOFFICE_")) delete env[key];
  return { ...env, ...extra };
}

/** Starts `boxoffice …` as a child process, the way a shell or script runs it. */
export function startCli(args: string[], options: CliOptions = {}) {
  const child = spawn(process.execPath, [cliBin, ...args], {
    env: baseEnv(options.env ?? {}),
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  child.stdin.end(options.input ?? "");
  const done = new Promise<CliResult>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
  return {
    child,
    done,
    stdout: () => stdout,
    stderr: () => stderr,
  };
}

/** Runs `boxoffice …` to completion. */
export function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  return startCli(args, options).done;
}

/** Resolves when `predicate` holds, polling; fails with `what` after `timeoutMs`. */
export async function eventually(predicate: () => boolean, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Runs a shell command on a pseudo-terminal (util-linux `script`), for interactive prompts. */
export function startTerminal(command: string, env: Record<string, string>) {
  const child = spawn("script", ["--quiet", "--return", "--command", command, "/dev/null"], {
    env: baseEnv(env),
  });
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
  return {
    output: () => output,
    type: (text: string) => child.stdin.write(text),
    done: new Promise<number | null>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", resolve);
    }),
  };
}
