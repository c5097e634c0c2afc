import { closeSync, fsyncSync, openSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { filePathOf, isFileUrl } from "./config.ts";
import { migrationsFolder } from "./migrations.ts";

export type FileConnection = BetterSqlite3.Database;

/** A refusal a person can act on: what is wrong and what to do instead. */
export class BackupError extends Error {
  override name = "BackupError";
}

/** The embedded file a `file:` URL names; a libSQL server's data is not ours to copy. */
export function embeddedPathOf(url: string, what: string): string {
  if (!isFileUrl(url)) {
    throw new BackupError(
      `${what} works on the embedded database file, but DATABASE_URL is ${url}, a libSQL server. Back it up on that server.`,
    );
  }
  return filePathOf(url);
}

/**
 * A plain connection to a database file (no drizzle, no migrations), for file-level work,
 * on better-sqlite3 whichever driver the server uses: both engines share SQLite's file
 * format and locks, and libSQL's binding suits this work less. It has no read-only mode
 * and no backup(), and its close() leaves the file open (and locked) while any statement
 * it prepared is still alive, which would make a restore see its own check as a server.
 */
export function openFile(
  path: string,
  mode: "read" | "write",
  busyTimeoutMs: number,
): FileConnection {
  return new BetterSqlite3(path, {
    readonly: mode === "read",
    fileMustExist: true,
    timeout: busyTimeoutMs,
  });
}

/** How many migrations this build ships (drizzle's journal). */
export function shippedMigrationCount(): number {
  const journal = JSON.parse(
    readFileSync(join(migrationsFolder, "meta", "_journal.json"), "utf8"),
  ) as { entries: unknown[] };
  return journal.entries.length;
}

/**
 * Why a file is not a Boxoffice database this build can run on, or null when it is one:
 * SQLite's integrity check passes, drizzle's migrations table and the booking tables are
 * there, and it holds no migration newer than this build knows.
 */
export function problemWith(connection: FileConnection): string | null {
  const integrity = connection.prepare("PRAGMA integrity_check").all() as {
    integrity_check: string;
  }[];
  if (integrity[0]?.integrity_check !== "ok") {
    const first = integrity.map((row) => row.integrity_check).slice(0, 3);
    return `SQLite's integrity check fails: ${first.join("; ")}`;
  }
  const tables = new Set(
    (
      connection.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
        name: string;
      }[]
    ).map((row) => row.name),
  );
  for (const table of ["__drizzle_migrations", "events", "bookings", "booking_logs", "users"]) {
    if (!tables.has(table)) return `it has no ${table} table, so it is not a Boxoffice database`;
  }
  const { applied } = connection
    .prepare("SELECT COUNT(*) AS applied FROM __drizzle_migrations")
    .get() as { applied: number };
  const shipped = shippedMigrationCount();
  if (applied < 1) return "no migration was ever applied to it";
  if (applied > shipped) {
    return `it has ${applied} migrations applied, but this version of Boxoffice knows only ${shipped}: it comes from a newer version`;
  }
  return null;
}

/** What SQLite's error says about a file it could not read, or null for other errors. */
export function unreadableBecause(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "SQLITE_NOTADB") return "is not a SQLite database";
  if (code === "SQLITE_CORRUPT") return "is damaged (SQLite reports it corrupt)";
  return null;
}

/** Flushes a file, then its directory entry, so a rename survives a power cut. */
export function fsyncFileAndDirectory(path: string) {
  for (const target of [path, dirname(path)]) {
    const fd = openSync(target, "r");
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}
