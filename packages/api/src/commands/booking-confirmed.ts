import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import {
  events,
  outbox,
  users,
  type AppDatabase,
  type Booking,
  type BookingLog,
} from "@boxoffice/db";
import { newMessageId, reminderLeadMs } from "./outbox.ts";
import { ticketStatementsFor } from "./ticket-statements.ts";
import { preparedOnce } from "../prepared-once.ts";

/** 128 random bits as 32 hex characters: what a person types at the door instead of scanning. */
export function newTicketCode(): string {
  return randomBytes(16).toString("hex");
}

/**
 * Runs inside every transaction that confirms a booking (reserveSeats, a claimed waiting-list
 * offer), after the booking row is written: one ticket per seat, the confirmation email and
 * a reminder a day before the event. Returns the booking_logs rows it wrote (none: the
 * booking's own row says it all).
 */
export async function afterBookingConfirmed(
  tx: AppDatabase,
  booking: Pick<Booking, "id" | "eventId" | "userId" | "seats">,
  now: number,
): Promise<BookingLog[]> {
  const { insertTicket } = ticketStatementsFor(tx);
  for (let seat = 1; seat <= booking.seats; seat++) {
    await insertTicket.run({
      bookingId: booking.id,
      eventId: booking.eventId,
      seat,
      code: newTicketCode(),
      now,
    });
  }
  await enqueueConfirmation(tx, booking, now);
  return [];
}

const p = sql.placeholder;

/**
 * The confirmation's statements, built once per writer connection like the booking's own
 * (prepared.ts): this runs for every booking, and building a drizzle query costs more than
 * SQLite takes to run it.
 */
function prepare(db: AppDatabase) {
  return {
    facts: db
      .select({ email: users.email, startsAt: events.startsAt })
      .from(users)
      .innerJoin(events, eq(events.id, p("eventId")))
      .where(eq(users.id, p("userId")))
      .limit(1)
      .prepare(),
    insert: db
      .insert(outbox)
      .values({
        kind: sql`${p("kind")}`,
        recipient: p("recipient"),
        userId: p("userId"),
        eventId: p("eventId"),
        bookingId: p("bookingId"),
        payload: sql`'{}'`,
        messageId: p("messageId"),
        sendAfter: p("sendAfter"),
        createdAt: p("now"),
      })
      .prepare(),
  };
}

const outboxStatementsFor = preparedOnce(prepare);

/** The confirmation now, and a reminder a day before the event (when that is still ahead). */
async function enqueueConfirmation(
  tx: AppDatabase,
  booking: Pick<Booking, "id" | "eventId" | "userId">,
  now: number,
) {
  const statements = outboxStatementsFor(tx);
  const [facts] = await statements.facts.all({ eventId: booking.eventId, userId: booking.userId });
  if (!facts) return;
  const message = {
    recipient: facts.email,
    userId: booking.userId,
    eventId: booking.eventId,
    bookingId: booking.id,
    now,
  };
  await statements.insert.run({
    ...message,
    kind: "booking_confirmed",
    messageId: newMessageId("booking_confirmed"),
    sendAfter: now,
  });
  const remindAt = facts.startsAt - reminderLeadMs;
  if (remindAt > now) {
    await statements.insert.run({
      ...message,
      kind: "reminder",
      messageId: newMessageId("reminder"),
      sendAfter: remindAt,
    });
  }
}
