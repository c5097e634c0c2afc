import { tracked, TRPCError } from "@trpc/server";
import type { SQL } from "drizzle-orm";
import { z } from "zod";
import type { SessionUser } from "@boxoffice/auth";
import type { BookingLog, Session } from "@boxoffice/db";
import type { Context, SlotPool } from "../context.ts";
import { feedIterator } from "../live/feed-iterator.ts";
import { latestChangeId } from "../live/feed-position.ts";
import { giveWayIfBusy } from "../live/next-turn.ts";
import { replayLogs } from "../live/replay.ts";
import { ResyncRequired } from "../live/resync.ts";
import { findSession } from "../queries/sessions.ts";

/**
 * Where to resume: the id of the last change a client received, or the `feedPosition` of the
 * snapshot it shows. It resumes right after it.
 */
export const lastEventId = z
  .string()
  .regex(/^\d{1,15}$/, "lastEventId is the id of a change this server sent.")
  .nullish();

function take(pool: SlotPool, refusal: string): () => void {
  if (pool.used >= pool.max) throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: refusal });
  pool.used++;
  return () => pool.used--;
}

/**
 * Counts a live subscription against its WebSocket, and (when nobody is signed in) against
 * every anonymous socket from the same address, so no one client can hold unboundedly many.
 * Returns the release, safe to call more than once.
 */
export function holdSubscriptionSlot(ctx: Context): () => void {
  const connection = ctx.connection;
  if (!connection) return () => {};
  const releases = [
    take(
      connection.subscriptions,
      `At most ${connection.subscriptions.max} live subscriptions per connection; stop one first.`,
    ),
  ];
  const shared = ctx.user ? null : connection.anonymousSubscriptions;
  if (shared) {
    try {
      releases.push(
        take(
          shared,
          `At most ${shared.max} live subscriptions from one address without signing in; stop one first, or sign in.`,
        ),
      );
    } catch (error) {
      releases[0]?.();
      throw error;
    }
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    for (const release of releases) release();
  };
}

/**
 * For a subscription that acts for the signed-in user: checks, before each change it sends,
 * that the session it started with still stands (not signed out, revoked or expired), still
 * belongs to that user and, with `allowed`, that the user's role still permits it.
 */
export function sessionStillStands(
  ctx: Context & { user: SessionUser; session: Session },
  allowed: (user: SessionUser) => boolean = () => true,
): () => Promise<boolean> {
  const { services, session, user } = ctx;
  return async () => {
    const current = await findSession(services.db, session.id);
    return (
      current !== undefined &&
      current.session.expiresAt > services.clock() &&
      current.user.id === user.id &&
      allowed(current.user)
    );
  };
}

/** Refuses a position this server cannot resume from, before anything is replayed. */
async function checkResumable(ctx: Context, after: number): Promise<void> {
  const latest = await latestChangeId(ctx.services.db);
  if (after > latest) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `lastEventId ${after} is ahead of this server's changes (the newest is ${latest}), so it did not come from this server's data. Reload, then subscribe from the feedPosition the reload returns.`,
      cause: new ResyncRequired("AHEAD"),
    });
  }
  if (latest - after > ctx.services.replayWindow) {
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: `More than ${ctx.services.replayWindow} changes have happened since lastEventId ${after}, more than this server replays. Reload, then subscribe from the feedPosition the reload returns.`,
      cause: new ResyncRequired("TOO_OLD"),
    });
  }
}

/** What each shape of subscription (each toData) made of a row, kept while the row lives. */
const dataByShape = new WeakMap<(log: never) => unknown, WeakMap<BookingLog, unknown>>();

/**
 * `toData(log)`, made once per row and shape: a live change goes to every subscriber of its
 * event as the same row, so they all get the same data object, which the WebSocket encoder
 * then encodes once (apps/server/src/frame-encoder.ts).
 */
function sharedData<Accepted extends BookingLog, T>(toData: (log: Accepted) => T, log: Accepted) {
  let made = dataByShape.get(toData);
  if (!made) {
    made = new WeakMap();
    dataByShape.set(toData, made);
  }
  if (made.has(log)) return made.get(log) as T;
  const data = toData(log);
  made.set(log, data);
  return data;
}

/**
 * Subscribe first, then replay: the feed buffers what commits during the replay, and ids
 * already replayed are skipped, so a resuming client gets every change once, in order.
 * Before each change it lets other requests in when the process has been busy for a while,
 * and waits until the socket has room, so a slow reader slows only itself.
 */
export async function* streamChanges<Accepted extends BookingLog, T>(options: {
  ctx: Context;
  signal: AbortSignal | undefined;
  lastEventId: string | null | undefined;
  /** Which changes this subscription wants; replayed rows pass through it too. */
  accept: (log: BookingLog) => log is Accepted;
  replayWhere: { eventIds?: number[] | undefined; filter?: SQL | undefined };
  toData: (log: Accepted) => T;
  /** See sessionStillStands: for subscriptions that act for a signed-in user. */
  stillAllowed?: () => Promise<boolean>;
}) {
  const { ctx } = options;
  const release = holdSubscriptionSlot(ctx);
  const { instruments } = ctx.services;
  instruments.subscriptions(1);
  const live = feedIterator(ctx.services.feed, options.accept, options.signal);
  try {
    const ensureAllowed = async () => {
      if (options.stillAllowed && !(await options.stillAllowed())) {
        throw new TRPCError({
          code: "UNAUTHORIZED",
          message: "Your session has ended; sign in again to keep receiving updates.",
        });
      }
    };
    const beforeSending = async () => {
      await ensureAllowed();
      await giveWayIfBusy();
      await ctx.connection?.whenWritable();
    };
    await ensureAllowed();
    let last = 0;
    if (options.lastEventId) {
      last = Number(options.lastEventId);
      await checkResumable(ctx, last);
      for await (const log of replayLogs(ctx.services.db, last, options.replayWhere)) {
        instruments.replayed(1);
        if (!options.accept(log)) continue;
        await beforeSending();
        yield tracked(String(log.id), options.toData(log));
        last = log.id;
      }
    }
    for await (const log of live) {
      if (log.id <= last || !options.accept(log)) continue;
      await beforeSending();
      yield tracked(String(log.id), sharedData(options.toData, log));
      last = log.id;
    }
  } finally {
    await live.return?.();
    release();
    instruments.subscriptions(-1);
  }
}
