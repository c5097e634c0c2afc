import { and, asc, gt, inArray, type SQL } from "drizzle-orm";
import { bookingLogs, type ReadDatabase, type BookingLog } from "@boxoffice/db";
import { nextTurn } from "./next-turn.ts";

/** Small enough that sending one page (and encoding it) never holds the process for long. */
const pageSize = 200;

/**
 * booking_logs rows after `afterId` matching `where`, in id order, a page at a time. Between
 * pages it gives the event loop a turn: the embedded driver answers synchronously, so a long
 * replay would otherwise run start to end without letting any other request in.
 */
export async function* replayLogs(
  db: ReadDatabase,
  afterId: number,
  where: { eventIds?: number[] | undefined; filter?: SQL | undefined },
): AsyncGenerator<BookingLog> {
  let after = afterId;
  for (;;) {
    const rows = await db
      .select()
      .from(bookingLogs)
      .where(
        and(
          gt(bookingLogs.id, after),
          where.eventIds ? inArray(bookingLogs.eventId, where.eventIds) : undefined,
          where.filter,
        ),
      )
      .orderBy(asc(bookingLogs.id))
      .limit(pageSize);
    for (const row of rows) yield row;
    const last = rows.at(-1);
    if (!last || rows.length < pageSize) return;
    after = last.id;
    await nextTurn();
  }
}
