import { existsSync, linkSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { copyChecked } from "./backup.ts";
import { isBusyError } from "./busy.ts";
import { type DatabaseConfig } from "./config.ts";
import {
  BackupError,
  embeddedPathOf,
  fsyncFileAndDirectory,
  unreadableBecause,
  openFile,
  type FileConnection,
} from "./database-file.ts";

export interface RestoreResult {
  /** The database file, now holding the backup's data. */
  path: string;
  /** Where the file it replaced was kept, or null when there was none. */
  previous: string | null;
}

/** How long to wait for a lock another short-lived reader (a backup) may hold. */
const lockWaitMs = 1_000;

/**
 * Puts a backup in place of the embedded database, for servers started afterwards.
 *
 * The backup is copied and checked first (integrity, Boxoffice's tables and migrations), so
 * a bad file changes nothing. It is refused while any process has the database open: every
 * connection in WAL mode holds a shared lock on the file for as long as it is open, so an
 * exclusive lock is granted only when no server (or script) uses it. That lock is held
 * while the files change hands; the replaced file is kept beside it, and the old
 * -wal/-shm/-journal go, since SQLite would otherwise replay them into the restored data.
 */
export function restoreDatabase(config: DatabaseConfig, backupFile: string): RestoreResult {
  const target = resolve(embeddedPathOf(config.url, "db:restore"));
  const source = resolve(backupFile);
  if (!existsSync(source)) throw new BackupError(`There is no backup at ${source}.`);
  if (source === target) throw new BackupError(`${source} is the database itself, not a backup.`);

  mkdirSync(dirname(target), { recursive: true });
  const incoming = `${target}.restoring-${process.pid}`;
  try {
    copyChecked(source, incoming, lockWaitMs);
    fsyncFileAndDirectory(incoming);
    const lock = lockAgainstUse(target);
    try {
      const previous = setAside(target);
      for (const suffix of ["-wal", "-shm", "-journal"])
        rmSync(`${target}${suffix}`, { force: true });
      renameSync(incoming, target);
      fsyncFileAndDirectory(target);
      return { path: target, previous };
    } finally {
      lock?.close();
    }
  } finally {
    rmSync(incoming, { force: true });
  }
}

/** An exclusive lock on the live file, or a refusal when something has it open. */
function lockAgainstUse(path: string): FileConnection | null {
  if (!existsSync(path)) return null;
  const connection = openFile(path, "write", lockWaitMs);
  try {
    // In exclusive locking mode the lock BEGIN EXCLUSIVE takes is kept until close.
    connection.exec("PRAGMA locking_mode = EXCLUSIVE");
    connection.exec("BEGIN EXCLUSIVE");
    connection.exec("COMMIT");
  } catch (error) {
    connection.close();
    if (isBusyError(error)) {
      throw new BackupError(
        `${path} is in use: a Boxoffice server (or another program) has it open. Stop every server using it, then restore again.`,
      );
    }
    // SQLite cannot read it at all, so nothing can be serving from it: it is replaced as it is.
    if (unreadableBecause(error)) return null;
    throw error;
  }
  try {
    // Folds the WAL into the file, so the copy kept aside is complete on its own.
    connection.exec("PRAGMA journal_mode = DELETE");
  } catch {
    // A damaged file may not; its -wal is kept aside with it.
  }
  return connection;
}

/** Keeps the current file (and a WAL it could not fold) as `<file>.before-restore-<time>`. */
function setAside(path: string): string | null {
  if (!existsSync(path)) return null;
  const aside = `${path}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
  linkSync(path, aside);
  if (existsSync(`${path}-wal`)) renameSync(`${path}-wal`, `${aside}-wal`);
  return aside;
}
