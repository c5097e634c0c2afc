import type { AppDatabase, WriteConnection } from "./database.ts";
import { isBusyError } from "./busy.ts";

export type WriteWork<T> = (tx: AppDatabase) => Promise<T>;

export interface Writer {
  /**
   * Runs `work` inside the next group transaction and resolves once that transaction is
   * durably committed. If `work` throws, its writes are undone and only its own promise
   * rejects; its neighbours commit as if it had never run. `work` must only touch the
   * database: it may run more than once before it commits.
   */
  run<T>(work: WriteWork<T>): Promise<T>;
  /** Commits what is queued, then refuses new work. */
  close(): Promise<void>;
  /** Jobs waiting for a transaction (not counting the batch being committed). */
  queued(): number;
}

/** Told about every committed batch, e.g. by the server's metrics. */
export interface WriterObserver {
  batchCommitted(jobs: number, transactionMs: number): void;
}

export interface WriterOptions {
  /** Most jobs per transaction; bounds how long one commit holds the write lock. */
  maxBatch?: number;
  /**
   * The longest a job waits for its batch to start while the process is busy taking in
   * more work (see `run`).
   */
  maxWaitMs?: number;
  /** How long to keep retrying BEGIN while another process holds the write lock. */
  busyTimeoutMs?: number;
  observer?: WriterObserver | undefined;
}

interface Job {
  work: WriteWork<unknown>;
  /** performance.now() when it was queued. */
  queuedAt: number;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class WriterClosedError extends Error {
  constructor() {
    super("The database writer is shut down");
    this.name = "WriterClosedError";
  }
}

export class DatabaseBusyError extends Error {
  constructor(waitedMs: number, options?: ErrorOptions) {
    super(`The database stayed locked by another process for ${waitedMs} ms`, options);
    this.name = "DatabaseBusyError";
  }
}

/**
 * The one writer of a process: group commit. Concurrent calls queue up; each drain opens
 * one transaction, runs every queued job in arrival order and commits once, so one fsync
 * serves many bookings. Jobs arriving during a commit form the next batch.
 *
 * A drain normally starts on `setImmediate`, after the event loop has read every request
 * already waiting on its sockets, so they all join one batch. Under a flood that wait is
 * the whole flood: Node takes in every readable request (10,000 in an on-sale burst) before
 * it reaches `setImmediate`, and nobody is answered until all have arrived. So once the
 * oldest queued job has waited `maxWaitMs`, or a full batch is queued, the next `run` starts
 * the drain itself, right after the request being read: early requests are committed and
 * answered while later ones are still arriving.
 */
export function createWriter(connection: WriteConnection, options: WriterOptions = {}): Writer {
  const maxBatch = options.maxBatch ?? 512;
  const maxWaitMs = options.maxWaitMs ?? 5;
  const busyTimeoutMs = options.busyTimeoutMs ?? 15_000;
  const queue: Job[] = [];
  let draining: Promise<void> | null = null;
  let immediate: NodeJS.Immediate | null = null;
  let closed = false;

  function scheduleDrain() {
    if (draining || immediate) return;
    // setImmediate lets every request already waiting on the socket join this batch.
    immediate = setImmediate(startDrain);
  }

  function startDrain() {
    if (immediate) clearImmediate(immediate);
    immediate = null;
    if (draining) return;
    draining = drain().finally(() => {
      draining = null;
      if (queue.length > 0) scheduleDrain();
    });
  }

  /** The event loop is busy taking in work: drain now rather than after all of it. */
  function overdue(now: number): boolean {
    const oldest = queue[0];
    return queue.length >= maxBatch || (oldest !== undefined && now - oldest.queuedAt >= maxWaitMs);
  }

  async function drain() {
    while (queue.length > 0) {
      const batch = queue.splice(0, maxBatch);
      // commitBatch settles every job itself; this only guards against a bug leaving a
      // caller waiting forever or an unhandled rejection taking the process down.
      await commitBatch(batch).catch((error: unknown) => {
        for (const job of batch) job.reject(error);
      });
    }
  }

  /** A failed rollback means the transaction is gone already; nothing more to undo. */
  const rollback = () => connection.rollback().catch(() => {});

  async function begin(): Promise<AppDatabase> {
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      try {
        return await connection.begin();
      } catch (error) {
        const waited = Date.now() - started;
        if (!isBusyError(error)) throw error;
        if (waited > busyTimeoutMs) throw new DatabaseBusyError(waited, { cause: error });
        // Wait off the event loop so reads keep being served meanwhile.
        await new Promise((resolve) => setTimeout(resolve, Math.min(50, 1 + attempt * 2)));
      }
    }
  }

  async function commitBatch(batch: Job[]) {
    const started = performance.now();
    let tx: AppDatabase;
    try {
      tx = await begin();
    } catch (error) {
      for (const job of batch) job.reject(error);
      return;
    }

    const values: unknown[] = [];
    for (const [index, job] of batch.entries()) {
      try {
        values.push(await job.work(tx));
      } catch (error) {
        // Jobs run without savepoints (they cost two statements per booking); failures are
        // rare, so one is isolated by rolling the whole batch back, failing that job alone
        // and running the others again, in their order, ahead of anything queued since.
        await rollback();
        job.reject(error);
        queue.unshift(...batch.slice(0, index), ...batch.slice(index + 1));
        return;
      }
    }

    try {
      await connection.commit();
    } catch (error) {
      await rollback();
      for (const job of batch) job.reject(error);
      return;
    }
    options.observer?.batchCommitted(batch.length, performance.now() - started);
    for (const [index, job] of batch.entries()) job.resolve(values[index]);
  }

  return {
    run<T>(work: WriteWork<T>): Promise<T> {
      if (closed) return Promise.reject(new WriterClosedError());
      return new Promise<T>((resolve, reject) => {
        const now = performance.now();
        queue.push({ work, queuedAt: now, resolve: resolve as (value: unknown) => void, reject });
        if (!draining && overdue(now)) queueMicrotask(startDrain);
        else scheduleDrain();
      });
    },
    async close() {
      closed = true;
      if (immediate) startDrain();
      while (draining) await draining;
    },
    queued: () => queue.length,
  };
}
