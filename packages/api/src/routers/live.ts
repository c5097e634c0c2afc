import { tracked, TRPCError } from "@trpc/server";
import type { SQL } from "drizzle-orm";
import { z } from "zod";
import type { BookingLog } from "@boxoffice/db";
import type { Context } from "../context.ts";
import { feedIterator } from "../live/feed-iterator.ts";
import { replayLogs } from "../live/replay.ts";

/** The id of the last change a client received; it resumes right after it. */
export const lastEventId = z
  .string()
  .regex(/^\d{1,15}$/, "lastEventId is the id of a change this server sent.")
  .nullish();

/** Counts live subscriptions on one WebSocket so a client cannot open unboundedly many. */
function takeSubscriptionSlot(ctx: Context): () => void {
  const connection = ctx.connection;
  if (!connection) return () => {};
  if (connection.subscriptions >= connection.maxSubscriptions) {
    throw new TRPCError({
      code: "TOO_MANY_REQUESTS",
      message: `At most ${connection.maxSubscriptions} live subscriptions per connection; stop one first.`,
    });
  }
  connection.subscriptions++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    connection.subscriptions--;
  };
}

/**
 * Subscribe first, then replay: the feed buffers what commits during the replay, and ids
 * already replayed are skipped, so a resuming client gets every change once, in order.
 */
export async function* streamChanges<Accepted extends BookingLog, T>(options: {
  ctx: Context;
  signal: AbortSignal | undefined;
  lastEventId: string | null | undefined;
  /** Which changes this subscription wants; replayed rows pass through it too. */
  accept: (log: BookingLog) => log is Accepted;
  replayWhere: { eventIds?: number[] | undefined; filter?: SQL | undefined };
  toData: (log: Accepted) => T;
  /**
   * Checked before each change is sent, for subscriptions that act for a signed-in user:
   * the socket authenticated once, but the session may have ended since.
   */
  stillAllowed?: () => Promise<boolean>;
}) {
  const release = takeSubscriptionSlot(options.ctx);
  const { instruments } = options.ctx.services;
  instruments.subscriptions(1);
  const live = feedIterator(options.ctx.services.feed, options.accept, options.signal);
  try {
    const allowed = async () => {
      if (options.stillAllowed && !(await options.stillAllowed())) {
        throw new TRPCError({
          code: "UNAUTHORIZED",
          message: "Your session has ended; sign in again to keep receiving updates.",
        });
      }
    };
    await allowed();
    let last = options.lastEventId ? Number(options.lastEventId) : 0;
    if (options.lastEventId) {
      for await (const log of replayLogs(options.ctx.services.db, last, options.replayWhere)) {
        instruments.replayed(1);
        if (!options.accept(log)) continue;
        await allowed();
        yield tracked(String(log.id), options.toData(log));
        last = log.id;
      }
    }
    for await (const log of live) {
      if (log.id <= last || !options.accept(log)) continue;
      await allowed();
      yield tracked(String(log.id), options.toData(log));
      last = log.id;
    }
  } finally {
    await live.return?.();
    release();
    instruments.subscriptions(-1);
  }
}
