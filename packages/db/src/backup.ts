import { existsSync, linkSync, mkdirSync, rmSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { defaultBusyTimeoutMs, type DatabaseConfig } from "./config.ts";
import {
  BackupError,
  embeddedPathOf,
  fsyncFileAndDirectory,
  unreadableBecause,
  openFile,
  problemWith,
} from "./database-file.ts";

export interface BackupResult {
  /** Absolute path of the new backup file. */
  path: string;
  bytes: number;
}

/**
 * A consistent copy of the embedded database, taken while servers keep serving it.
 *
 * `VACUUM INTO` on a read-only connection writes one read transaction's snapshot into a new
 * file; in WAL mode writers go on meanwhile. (SQLite's backup API would do the same page by
 * page; libSQL's binding does not have it, VACUUM INTO runs on both engines.) The copy is
 * compact and self-contained, checked (integrity, migrations) before it gets its name, and
 * never overwrites a file. Synchronous: meant for a script, not a server's event loop.
 */
export function backupDatabase(config: DatabaseConfig, destination: string): BackupResult {
  const source = embeddedPathOf(config.url, "db:backup");
  if (!existsSync(source)) throw new BackupError(`There is no database at ${source} to back up.`);
  const target = resolve(destination);
  if (existsSync(target)) {
    throw new BackupError(`${target} already exists. Backups never overwrite: choose a new name.`);
  }
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.partial-${process.pid}`;
  try {
    copyChecked(source, partial, config.busyTimeoutMs ?? defaultBusyTimeoutMs);
    fsyncFileAndDirectory(partial);
    // link() refuses an existing name, so a file that appeared meanwhile is not replaced.
    linkSync(partial, target);
    fsyncFileAndDirectory(target);
  } finally {
    rmSync(partial, { force: true });
  }
  return { path: target, bytes: statSync(target).size };
}

/**
 * Writes a compact, self-contained copy of `from` (its WAL included) to the new file `to`
 * and checks that the copy is a Boxoffice database this build can run on.
 */
export function copyChecked(from: string, to: string, busyTimeoutMs: number) {
  rmSync(to, { force: true });
  const source = openFile(from, "read", busyTimeoutMs);
  try {
    source.prepare("VACUUM INTO ?").run(to);
  } catch (error) {
    const unreadable = unreadableBecause(error);
    if (unreadable) throw new BackupError(`${from} ${unreadable}.`);
    throw error;
  } finally {
    source.close();
  }
  const copy = openFile(to, "read", busyTimeoutMs);
  let problem: string | null;
  try {
    problem = problemWith(copy);
  } finally {
    copy.close();
  }
  if (problem) throw new BackupError(`${from} cannot be used: ${problem}.`);
}
