import { asc, gt, max, sql } from "drizzle-orm";
import { bookingLogs, type ReadDatabase, type BookingLog } from "@boxoffice/db";
import { nextTurn } from "./next-turn.ts";

export type ChangeListener = (log: BookingLog) => void;

/**
 * How instances tell each other "booking_logs grew". The message is only a wake-up: what
 * changed is always read back from booking_logs, which is the one ordered source of truth.
 */
export interface ChangeTransport {
  announce(lastLogId: number): void;
  /** `wake` runs on every announcement from any instance, and after a reconnect. */
  start(wake: () => void): void;
  close(): Promise<void>;
}

/**
 * The process's view of the booking_logs change feed. After a commit (or a wake-up from
 * another instance) it reads every row past its cursor, in id order, and hands each to
 * every listener exactly once. Ids follow commit order (writers hold SQLite's write lock
 * while they insert), so listeners see each event's changes in order, with none missing,
 * whichever instance committed them.
 */
export interface ChangeFeed extends LiveFeed {
  /** Called by the command runner after the writer commits: rows are now visible to readers. */
  committed(logs: readonly BookingLog[]): void;
  close(): Promise<void>;
}

/** The side of the feed that subscriptions see: they listen, they never publish. */
export interface LiveFeed {
  subscribe(listener: ChangeListener): () => void;
  /** Resolves once everything committed before the call has been delivered. */
  settled(): Promise<void>;
}

const pageSize = 500;

export interface ChangeFeedOptions {
  transport?: ChangeTransport | undefined;
  /**
   * Also look for new rows this often (0 = never): the safety net that keeps instances
   * live while Redis is down, or when several share one file without Redis.
   */
  pollMs?: number | undefined;
}

export function createChangeFeed(db: ReadDatabase, options: ChangeFeedOptions = {}): ChangeFeed {
  const { transport, pollMs = 0 } = options;
  const listeners = new Set<ChangeListener>();
  let cursor: Promise<number> | number = db
    .select({ last: max(bookingLogs.id) })
    .from(bookingLogs)
    .then(([row]) => row?.last ?? 0);
  // Built once: the feed reads after every commit, and building the query costs more than
  // running it.
  const rowsAfter = db
    .select()
    .from(bookingLogs)
    .where(gt(bookingLogs.id, sql.placeholder("after")))
    .orderBy(asc(bookingLogs.id))
    .limit(pageSize)
    .prepare();
  let pulling: Promise<void> | null = null;
  let again = false;
  let closed = false;

  async function pull() {
    let after = await cursor;
    for (;;) {
      const rows = await rowsAfter.all({ after });
      for (const row of rows) {
        after = row.id;
        for (const listener of listeners) listener(row);
      }
      cursor = after;
      if (rows.length < pageSize) return;
      // A big commit (or a long-asleep instance catching up) must not hold the process.
      await nextTurn();
    }
  }

  /** One pull at a time; a wake-up during a pull earns exactly one more pull. */
  function wake(): Promise<void> {
    if (closed) return Promise.resolve();
    if (pulling) {
      again = true;
      return pulling;
    }
    pulling = (async () => {
      do {
        again = false;
        await pull().catch(() => {
          // A failed read (database closing, disk error) is retried on the next wake-up;
          // rows are never skipped because the cursor only moves past delivered rows.
        });
      } while (again && !closed);
    })().finally(() => {
      pulling = null;
    });
    return pulling;
  }

  transport?.start(() => void wake());
  /**
   * Other instances need one wake-up per group commit, not one per booking: the last id
   * committed is announced once the commit's callbacks have all run (nextTick runs after
   * the promise jobs queued with it).
   */
  let toAnnounce: number | null = null;
  const announce = (lastLogId: number) => {
    const scheduled = toAnnounce !== null;
    toAnnounce = Math.max(toAnnounce ?? 0, lastLogId);
    if (scheduled) return;
    process.nextTick(() => {
      const last = toAnnounce;
      toAnnounce = null;
      if (last !== null && !closed) transport?.announce(last);
    });
  };
  const poll = pollMs > 0 ? setInterval(() => void wake(), pollMs).unref() : undefined;

  return {
    committed(logs) {
      const last = logs.at(-1);
      if (!last) return;
      void wake();
      if (transport) announce(last.id);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    settled: () => wake(),
    async close() {
      closed = true;
      clearInterval(poll);
      await pulling;
      listeners.clear();
      await transport?.close();
    },
  };
}
