import { max } from "drizzle-orm";
import { bookingLogs, type ReadDatabase } from "@boxoffice/db";
import { preparedOnce } from "../prepared-once.ts";

function prepareLatest(db: ReadDatabase) {
  return db
    .select({ last: max(bookingLogs.id) })
    .from(bookingLogs)
    .prepare();
}

const latestFor = preparedOnce(prepareLatest);

/** The id of the newest booking_logs row (0 for none): where the change feed stands now. */
export async function latestChangeId(db: ReadDatabase): Promise<number> {
  const [row] = await latestFor(db).all();
  return row?.last ?? 0;
}

/**
 * The feed position a snapshot reflects, as a subscription's `lastEventId` takes it. Read
 * it *before* the data: the data is then at least that new, so a subscription resumed from
 * it misses nothing (it may repeat a change the data already shows, which is harmless:
 * every seat change carries the figures after it).
 */
export async function readFeedPosition(db: ReadDatabase): Promise<string> {
  return String(await latestChangeId(db));
}

const positioned = new WeakMap<object, { feedPosition: string; snapshot: object }>();

/**
 * A snapshot with the feed position it reflects. The same object for the same snapshot and
 * position: a remembered public read (queries/read-memo.ts) then stays one object between
 * commits, so the server serializes and hashes it once, not on every request
 * (apps/server/src/trpc-direct.ts).
 */
export function atFeedPosition<T extends object>(
  snapshot: T,
  feedPosition: string,
): T & { feedPosition: string } {
  const known = positioned.get(snapshot);
  if (known?.feedPosition === feedPosition) return known.snapshot as T & { feedPosition: string };
  const combined = { ...snapshot, feedPosition };
  positioned.set(snapshot, { feedPosition, snapshot: combined });
  return combined;
}
