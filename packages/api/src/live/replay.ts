import { and, asc, gt, inArray, type SQL } from "drizzle-orm";
import { bookingLogs, type ReadDatabase, type BookingLog } from "@boxoffice/db";

/** booking_logs rows after `afterId` matching `where`, in id order, a page at a time. */
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
      .limit(500);
    for (const row of rows) yield row;
    const last = rows.at(-1);
    if (!last || rows.length < 500) return;
    after = last.id;
  }
}
