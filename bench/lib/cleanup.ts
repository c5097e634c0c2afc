import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Everything a benchmark leaves behind: child processes and temporary directories. They are
 * removed when the benchmark exits for any reason (done, an exception, Ctrl-C), so a failed
 * run leaves no server listening and no database in the temp directory.
 */
const children = new Set<ChildProcess>();
const directories = new Set<string>();
let installed = false;

function install() {
  if (installed) return;
  installed = true;
  process.on("exit", () => {
    for (const child of children) {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    }
    for (const dir of directories) rmSync(dir, { recursive: true, force: true });
  });
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      console.error(`\nbench: ${signal}, stopping child processes and removing temp files`);
      process.exit(130);
    });
  }
}

/** Kills `child` (if still running) when the benchmark exits. */
export function ownChild(child: ChildProcess): ChildProcess {
  install();
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

/** A fresh directory under os.tmpdir(), deleted when the benchmark exits. */
export function tempDir(label: string): string {
  install();
  const dir = mkdtempSync(join(tmpdir(), `boxoffice-bench-${label}-`));
  directories.add(dir);
  return dir;
}

/** Deletes a directory from tempDir() now instead of at exit. */
export function removeTempDir(dir: string) {
  rmSync(dir, { recursive: true, force: true });
  directories.delete(dir);
}

/**
 * Asks each subscriber child to close its sockets and exit ({ type: "close" } over IPC) and
 * waits for it, killing one that has not gone after 10 s.
 */
export async function closeChildren(children: readonly ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map(async (child) => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.send({ type: "close" });
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }),
  );
}
