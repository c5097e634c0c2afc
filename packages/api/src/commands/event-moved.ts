import { and, eq, notExists, sql } from "drizzle-orm";
import { bookings, outbox, type AppDatabase, type Event } from "@boxoffice/db";
import { enqueueMessage, eventSnapshot, reminderLeadMs } from "./outbox.ts";
import { writeSeatLogs } from "./seat-logs.ts";

/** What holders must hear about: the event's time or place. */
const movingFields = ["startsAt", "endsAt", "location"] as const;

/**
 * After an update of a scheduled event: if its time or place changed, logs it
 * (`event_updated`, with what changed) and, in the same transaction, writes an
 * `event_changed` message to every holder of a confirmed booking and moves the pending
 * reminders to a day before the new start (dropping them when that has passed; booking
 * holders whose reminder already went out get a new one when the new start allows it).
 */
export async function tellHoldersOfMove(
  tx: AppDatabase,
  before: Event,
  after: Event,
  actorId: number,
  now: number,
) {
  const changed = movingFields.filter((field) => before[field] !== after[field]);
  if (changed.length === 0 || after.status !== "scheduled") return [];

  const logs = await writeSeatLogs(tx, after.id, now, [
    { action: "event_updated", actorId, seats: 0, detail: { changed: [...changed] } },
  ]);

  const holders = await tx
    .select({ id: bookings.id, userId: bookings.userId })
    .from(bookings)
    .where(and(eq(bookings.eventId, after.id), eq(bookings.status, "confirmed")));
  for (const booking of holders) {
    await enqueueMessage(
      tx,
      {
        kind: "event_changed",
        userId: booking.userId,
        eventId: after.id,
        bookingId: booking.id,
        payload: { changed, before: eventSnapshot(before) },
      },
      now,
    );
  }

  if (before.startsAt !== after.startsAt) await reschedule(tx, after, now);
  return logs;
}

async function reschedule(tx: AppDatabase, event: Event, now: number) {
  const remindAt = event.startsAt - reminderLeadMs;
  const pendingReminders = and(
    eq(outbox.eventId, event.id),
    eq(outbox.kind, "reminder"),
    eq(outbox.status, "pending"),
  );
  if (remindAt <= now) {
    // Too close for a reminder: the change message just told them the new time.
    await tx
      .update(outbox)
      .set({ status: "cancelled", lastError: "the event moved to within a day" })
      .where(pendingReminders);
    return;
  }
  await tx.update(outbox).set({ sendAfter: remindAt }).where(pendingReminders);
  const withoutReminder = await tx
    .select({ id: bookings.id, userId: bookings.userId })
    .from(bookings)
    .where(
      and(
        eq(bookings.eventId, event.id),
        eq(bookings.status, "confirmed"),
        notExists(
          tx
            .select({ one: sql`1` })
            .from(outbox)
            .where(
              and(
                eq(outbox.bookingId, bookings.id),
                eq(outbox.kind, "reminder"),
                eq(outbox.status, "pending"),
              ),
            ),
        ),
      ),
    );
  for (const booking of withoutReminder) {
    await enqueueMessage(
      tx,
      {
        kind: "reminder",
        userId: booking.userId,
        eventId: event.id,
        bookingId: booking.id,
        sendAfter: remindAt,
      },
      now,
    );
  }
}
