import type { BookingLog } from "@boxoffice/db";
import type { LiveFeed } from "./change-feed.ts";

export class SubscriberTooSlowError extends Error {
  constructor() {
    super("Too many undelivered changes; reconnect to resume from the last one received.");
    this.name = "SubscriberTooSlowError";
  }
}

/**
 * Subscribes to the feed now and buffers what arrives until it is read, so a caller can
 * subscribe first and replay history second without a gap. A reader that falls too far
 * behind is ended with an error (its client resumes from its lastEventId) instead of
 * holding unbounded memory.
 */
export function feedIterator(
  feed: LiveFeed,
  accept: (log: BookingLog) => boolean,
  signal: AbortSignal | undefined,
  maxBuffered = 10_000,
): AsyncIterableIterator<BookingLog> {
  const buffer: BookingLog[] = [];
  let waiting: (() => void) | null = null;
  let failure: Error | null = null;
  let done = false;

  const wakeReader = () => {
    const resolve = waiting;
    waiting = null;
    resolve?.();
  };
  const unsubscribe = feed.subscribe((log) => {
    if (done || !accept(log)) return;
    if (buffer.length >= maxBuffered) failure = new SubscriberTooSlowError();
    else buffer.push(log);
    wakeReader();
  });
  const finish = () => {
    done = true;
    unsubscribe();
    wakeReader();
  };
  signal?.addEventListener("abort", finish, { once: true });

  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next(): Promise<IteratorResult<BookingLog>> {
      for (;;) {
        if (failure) {
          finish();
          throw failure;
        }
        const log = buffer.shift();
        if (log) return { value: log, done: false };
        if (done) return { value: undefined, done: true };
        await new Promise<void>((resolve) => (waiting = resolve));
      }
    },
    async return(): Promise<IteratorResult<BookingLog>> {
      finish();
      return { value: undefined, done: true };
    },
  };
}
