import { and, eq, inArray } from "drizzle-orm";
import {
  outbox,
  users,
  type AppDatabase,
  type Event,
  type OutboxKind,
  type OutboxMessage,
} from "@boxoffice/db";

/** When the reminder of a booking goes out: a day before its event starts. */
export const reminderLeadMs = 24 * 60 * 60 * 1000;

export interface MessageToSend {
  kind: OutboxKind;
  /** Whose message: its address is read inside the transaction, as it is at this moment. */
  userId: number;
  eventId?: number | null;
  bookingId?: number | null;
  /**
   * What the message needs beyond the rows it is about, and a snapshot of the event (so a
   * message about an event that an admin later purges can still be written). Messages are
   * rendered when they are sent, from the rows as they are then; see mail/render.ts.
   */
  payload?: Record<string, unknown>;
  /** Not before this time (a reminder); now when left out. */
  sendAfter?: number;
}

/**
 * Writes a message to the outbox inside the caller's transaction: it exists if and only if
 * the change that causes it commits. The sender delivers it afterwards, at least once. The
 * Message-ID's unique part is chosen here and kept across retries, so a mail client
 * recognises a copy delivered twice. Returns null when the user no longer exists.
 */
export async function enqueueMessage(
  tx: AppDatabase,
  message: MessageToSend,
  now: number,
): Promise<OutboxMessage | null> {
  const [user] = await tx
    .select({ email: users.email })
    .from(users)
    .where(eq(users.id, message.userId))
    .limit(1);
  if (!user) return null;
  const [row] = await tx
    .insert(outbox)
    .values({
      kind: message.kind,
      recipient: user.email,
      userId: message.userId,
      eventId: message.eventId ?? null,
      bookingId: message.bookingId ?? null,
      payload: message.payload ?? {},
      messageId: newMessageId(message.kind),
      sendAfter: message.sendAfter ?? now,
      createdAt: now,
    })
    .returning();
  return row ?? null;
}

/**
 * The unique left-hand part of a message's Message-ID (`booking-confirmed.<uuid>`); the
 * sender adds `@` and MAIL_FROM's domain. Chosen once, when the message is written.
 */
export function newMessageId(kind: OutboxKind): string {
  return `${kind.replaceAll("_", "-")}.${crypto.randomUUID()}`;
}

/**
 * Tells someone on the waiting list that seats are held for them (for the waiting-list
 * feature's offers): call it in the transaction that makes the offer.
 */
export function enqueueWaitlistOffer(
  tx: AppDatabase,
  offer: {
    userId: number;
    eventId: number;
    waitlistEntryId: number;
    seats: number;
    offerExpiresAt: number;
  },
  now: number,
) {
  return enqueueMessage(
    tx,
    {
      kind: "waitlist_offer",
      userId: offer.userId,
      eventId: offer.eventId,
      payload: {
        waitlistEntryId: offer.waitlistEntryId,
        seats: offer.seats,
        offerExpiresAt: offer.offerExpiresAt,
      },
    },
    now,
  );
}

/** Pending messages that no longer make sense (a reminder of a cancelled booking) are dropped. */
export async function cancelPendingMessages(
  tx: AppDatabase,
  where: { bookingId?: number; eventId?: number; kinds: OutboxKind[] },
): Promise<void> {
  await tx
    .update(outbox)
    .set({ status: "cancelled", lastError: "no longer needed" })
    .where(
      and(
        eq(outbox.status, "pending"),
        inArray(outbox.kind, where.kinds),
        where.bookingId === undefined ? undefined : eq(outbox.bookingId, where.bookingId),
        where.eventId === undefined ? undefined : eq(outbox.eventId, where.eventId),
      ),
    );
}

/** What a message needs to describe an event that may be gone by the time it is sent. */
export function eventSnapshot(
  event: Pick<Event, "id" | "title" | "startsAt" | "endsAt" | "timezone" | "location">,
) {
  return {
    id: event.id,
    title: event.title,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    timezone: event.timezone,
    location: event.location,
  };
}

export type EventSnapshot = ReturnType<typeof eventSnapshot>;
