import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import { outbox, type OutboxMessage, type ReadDatabase } from "@boxoffice/db";
import { decodeCursor, toPage } from "./cursor.ts";
import { InvalidCursorError } from "./events.ts";

export type OutboxStatus = OutboxMessage["status"];

const summary = {
  id: outbox.id,
  kind: outbox.kind,
  recipient: outbox.recipient,
  eventId: outbox.eventId,
  bookingId: outbox.bookingId,
  status: outbox.status,
  attempts: outbox.attempts,
  subject: outbox.subject,
  lastError: outbox.lastError,
  sendAfter: outbox.sendAfter,
  createdAt: outbox.createdAt,
  sentAt: outbox.sentAt,
};

/** The admin mailbox: every message, newest first. */
export async function listOutbox(
  db: ReadDatabase,
  filter: { status?: OutboxStatus | undefined; cursor?: string | null | undefined; limit: number },
) {
  const conditions: (SQL | undefined)[] = [];
  if (filter.status) conditions.push(eq(outbox.status, filter.status));
  if (filter.cursor) {
    const after = decodeCursor(filter.cursor, "outbox");
    if (!after) throw new InvalidCursorError();
    conditions.push(lt(outbox.id, after.id));
  }
  const rows = await db
    .select(summary)
    .from(outbox)
    .where(and(...conditions))
    .orderBy(desc(outbox.id))
    .limit(filter.limit + 1);
  return toPage(rows, filter.limit, "outbox", (row) => row.id);
}

/** One message with what was sent; never the payload (it may hold a reset token). */
export async function findOutboxMessage(db: ReadDatabase, id: number) {
  const [row] = await db
    .select({ ...summary, messageId: outbox.messageId, html: outbox.html, text: outbox.text })
    .from(outbox)
    .where(eq(outbox.id, id))
    .limit(1);
  return row;
}
