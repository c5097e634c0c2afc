import { max } from "drizzle-orm";
import { bookingLogs, type ReadDatabase } from "@boxoffice/db";

function prepareLatest(db: ReadDatabase) {
  return db
    .select({ last: max(bookingLogs.id) })
    .from(bookingLogs)
    .prepare();
}

const latestQueries = new WeakMap<ReadDatabase, ReturnType<typeof prepareLatest>>();

/** The id of the newest booking_logs row (0 for none): where the change feed stands now. */
export async function latestChangeId(db: ReadDatabase): Promise<number> {
  let latest = latestQueries.get(db);
  if (!latest) {
    latest = prepareLatest(db);
    latestQueries.set(db, latest);
  }
  const [row] = await latest.all();
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
