import type { ReadDatabase } from "@boxoffice/db";

/** The slice of an embedded engine's connection (libsql or better-sqlite3) used here. */
interface NativeConnection {
  prepare(sql: string): { pluck(toggle?: boolean): { get(): unknown } };
}

interface Entry {
  value: unknown;
  /** The answer may change once the clock reaches this (an upcoming event starts). */
  validUntil: number;
}

/**
 * Answers of public reads (a page of events, one event) remembered until the database
 * changes. `PRAGMA data_version` on the read connection changes whenever any connection, in
 * any process, commits; while it stays the same, running the query again would give the
 * same rows, so the remembered answer is exact, never stale. A read that also depends on the
 * time says until when its answer holds.
 *
 * Browsing between commits costs a version check (a few µs) instead of a search. During an
 * on-sale, commits change the version constantly and this gives little; it never costs more
 * than the check.
 *
 * Values are shared between callers: they must not be changed.
 */
export interface ReadMemo {
  read<T>(
    key: string,
    now: number,
    compute: () => Promise<{ value: T; validUntil: number }>,
  ): Promise<T>;
}

const maxEntries = 5_000;

function createReadMemo(dataVersion: () => unknown): ReadMemo {
  let entries = new Map<string, Entry>();
  let version: unknown;
  return {
    async read<T>(
      key: string,
      now: number,
      compute: () => Promise<{ value: T; validUntil: number }>,
    ): Promise<T> {
      const current = dataVersion();
      if (current !== version || entries.size >= maxEntries) {
        entries = new Map();
        version = current;
      }
      const known = entries.get(key);
      if (known && now < known.validUntil) return known.value as T;
      const computed = await compute();
      // Only if nothing committed while it ran: the answer belongs to `current`.
      if (now < computed.validUntil && dataVersion() === current) {
        entries.set(key, { value: computed.value, validUntil: computed.validUntil });
      }
      return computed.value;
    },
  };
}

/** Remote databases (a libSQL server) have no such counter: every read runs. */
const passThrough: ReadMemo = {
  read: async (_key, _now, compute) => (await compute()).value,
};

const memos = new WeakMap<ReadDatabase, ReadMemo>();

/** The memo of a read connection: one per embedded connection, none for remote ones. */
export function readMemoOf(db: ReadDatabase): ReadMemo {
  let memo = memos.get(db);
  if (!memo) {
    const client = (db as { $client?: unknown }).$client as Partial<NativeConnection> | undefined;
    if (typeof client?.prepare === "function") {
      const statement = client.prepare("PRAGMA data_version").pluck();
      // better-sqlite3 plucks the number; libsql's binding returns the row regardless.
      memo = createReadMemo(() => {
        const row = statement.get();
        return typeof row === "object" && row !== null
          ? (row as { data_version?: unknown }).data_version
          : row;
      });
    } else {
      memo = passThrough;
    }
    memos.set(db, memo);
  }
  return memo;
}
