import { and, asc, eq } from "drizzle-orm";
import {
  bookings,
  events,
  tickets,
  users,
  waitlistEntries,
  type Booking,
  type Event,
  type OutboxMessage,
  type ReadDatabase,
} from "@boxoffice/db";
import { formatDateTime, formatRange } from "@boxoffice/time";
import type { EventSnapshot } from "../commands/outbox.ts";
import { calendarFileName, eventCalendar } from "../calendar/event-calendar.ts";
import { eventColumns } from "../event-columns.ts";
import { button, facts, letter, list, paragraph, quote, type Block } from "./layout.ts";

export interface RenderContext {
  /** Where links in messages point: the web app's address (PUBLIC_URL). */
  publicUrl: string;
  now: number;
}

export interface MailAttachment {
  filename: string;
  content: string;
  contentType: string;
}

export type Rendered =
  | {
      status: "ready";
      subject: string;
      html: string;
      text: string;
      attachments: MailAttachment[];
      /** What the admin mailbox keeps when it differs from what was sent (a reset link removed). */
      archived?: { html: string; text: string };
    }
  | { status: "skip"; reason: string };

const locale = "en-GB";
const skip = (reason: string): Rendered => ({ status: "skip", reason });

/**
 * Writes a message from its outbox row and the rows it is about, as they are now: a
 * reminder or a confirmation shows the event's current time and place, and one that no longer
 * makes sense (the booking was cancelled, the event is over, the link expired) is skipped.
 * Times are in the event's zone with its abbreviation, wherever the reader is.
 */
export async function renderMessage(
  db: ReadDatabase,
  message: OutboxMessage,
  context: RenderContext,
): Promise<Rendered> {
  const [user] = message.userId
    ? await db.select({ name: users.name }).from(users).where(eq(users.id, message.userId))
    : [];
  const greeting = paragraph(`Hello ${user?.name ?? "there"},`);
  const payload = message.payload;

  if (message.kind === "password_reset") {
    const token = typeof payload.token === "string" ? payload.token : null;
    const expiresAt = typeof payload.expiresAt === "number" ? payload.expiresAt : 0;
    if (!token) return skip("the reset link is no longer stored");
    if (expiresAt <= context.now) return skip("the reset link expired before it could be sent");
    const link = `${context.publicUrl}/reset-password#token=${encodeURIComponent(token)}`;
    const body = (action: Block) =>
      letter({
        heading: "Reset your password",
        blocks: [
          greeting,
          paragraph(
            "Someone (hopefully you) asked to reset the password of your Boxoffice account.",
          ),
          action,
          paragraph(
            "The link works once, for 60 minutes. If you did not ask for it, ignore this email: your password stays as it is.",
          ),
        ],
        footer: "You get this email because a password reset was requested for your account.",
      });
    return {
      status: "ready",
      subject: "Reset your Boxoffice password",
      ...body(button("Choose a new password", link)),
      attachments: [],
      archived: body(paragraph("[The reset link was removed from this copy after sending.]")),
    };
  }

  const event = message.eventId ? await findEvent(db, message.eventId) : undefined;
  const booking = message.bookingId ? await findBooking(db, message.bookingId) : undefined;
  const snapshot = (payload.event as EventSnapshot | null | undefined) ?? null;
  const shown: EventSnapshot | null = event ?? snapshot;
  if (!shown) return skip("the event no longer exists");
  const eventUrl = `${context.publicUrl}/events/${shown.id}`;
  const when = formatRange(shown.startsAt, shown.endsAt, shown.timezone, { locale });
  const where = shown.location;
  const zoneLine = `Times are ${shown.timezone} time, where the event takes place.`;
  const footer = "You get this email because you booked seats with Boxoffice.";
  const calendar = (): MailAttachment[] =>
    event
      ? [
          {
            filename: calendarFileName(event.title),
            content: eventCalendar(event, {
              url: eventUrl,
              domain: new URL(context.publicUrl).hostname,
            }),
            contentType: "text/calendar; charset=utf-8; method=PUBLISH",
          },
        ]
      : [];

  switch (message.kind) {
    case "booking_confirmed":
    case "reminder": {
      if (!event || !booking) return skip("the event or booking no longer exists");
      if (booking.status !== "confirmed") return skip("the booking is no longer confirmed");
      if (event.status !== "scheduled") return skip("the event was cancelled");
      const reminder = message.kind === "reminder";
      if (reminder && event.startsAt <= context.now) return skip("the event has already started");
      const ticketRows = await db
        .select({ seat: tickets.seat, code: tickets.code })
        .from(tickets)
        .where(and(eq(tickets.bookingId, booking.id), eq(tickets.status, "valid")))
        .orderBy(asc(tickets.seat));
      const seats = `${booking.seats} seat${booking.seats === 1 ? "" : "s"}`;
      const blocks: Block[] = [
        greeting,
        paragraph(
          reminder
            ? `A reminder: ${event.title} starts ${formatDateTime(event.startsAt, event.timezone, { locale })}. You have ${seats}.`
            : `You're booked: ${seats} for ${event.title}.`,
        ),
        facts([
          ["Reference", booking.reference],
          ["Event", event.title],
          ["When", when],
          ["Where", where],
          ["Seats", String(booking.seats)],
        ]),
        paragraph(zoneLine),
      ];
      if (ticketRows.length > 0) {
        blocks.push(
          paragraph("Your tickets (show them at the door, or give the code):"),
          list(ticketRows.map((ticket) => `Seat ${ticket.seat}: ${ticket.code}`)),
        );
      }
      blocks.push(
        button("See your booking and tickets", `${context.publicUrl}/bookings`),
        paragraph("The attached calendar file adds the event to your calendar."),
      );
      return {
        status: "ready",
        subject: reminder
          ? `Reminder: ${event.title}, ${formatDateTime(event.startsAt, event.timezone, { locale })}`
          : `Booking confirmed: ${event.title} (${booking.reference})`,
        ...letter({
          heading: reminder ? `See you soon at ${event.title}` : "Booking confirmed",
          blocks,
          footer,
        }),
        attachments: calendar(),
      };
    }

    case "booking_cancelled": {
      const reference = String(payload.reference ?? booking?.reference ?? "");
      const seats = Number(payload.seats ?? booking?.seats ?? 0);
      return {
        status: "ready",
        subject: `Booking cancelled: ${shown.title} (${reference})`,
        ...letter({
          heading: "Booking cancelled",
          blocks: [
            greeting,
            paragraph(
              `Your booking of ${seats} seat${seats === 1 ? "" : "s"} for ${shown.title} is cancelled and the seats are released.`,
            ),
            facts([
              ["Reference", reference],
              ["Event", shown.title],
              ["When", when],
              ["Where", where],
            ]),
            button("Find another event", `${context.publicUrl}/`),
          ],
          footer,
        }),
        attachments: [],
      };
    }

    case "event_cancelled": {
      const reference = String(payload.reference ?? booking?.reference ?? "");
      const note = event?.cancellationMessage ?? (payload.message as string | null) ?? "";
      const blocks: Block[] = [
        greeting,
        paragraph(
          `The organiser has cancelled ${shown.title}. Your booking (${reference}) is cancelled and its tickets are no longer valid.`,
        ),
      ];
      if (note) blocks.push(paragraph("Their message:"), quote(note));
      blocks.push(
        facts([
          ["Event", shown.title],
          ["Was", when],
          ["Where", where],
        ]),
        button("See your bookings", `${context.publicUrl}/bookings`),
      );
      return {
        status: "ready",
        subject: `Cancelled: ${shown.title}`,
        ...letter({ heading: `${shown.title} is cancelled`, blocks, footer }),
        attachments: calendar(),
      };
    }

    case "event_changed": {
      if (!event || !booking) return skip("the event or booking no longer exists");
      if (booking.status !== "confirmed") return skip("the booking is no longer confirmed");
      if (event.status !== "scheduled") return skip("the event was cancelled");
      const before = payload.before as EventSnapshot | undefined;
      const rows: [string, string][] = [
        ["Event", event.title],
        ["When", when],
        ["Where", where],
      ];
      if (before) {
        const earlier = formatRange(before.startsAt, before.endsAt, before.timezone, { locale });
        if (earlier !== when) rows.push(["Was", earlier]);
        if (before.location !== event.location)
          rows.push(["Place was", before.location || "not set"]);
      }
      return {
        status: "ready",
        subject: `Changed: ${event.title} is now ${formatDateTime(event.startsAt, event.timezone, { locale })}`,
        ...letter({
          heading: `${event.title} has changed`,
          blocks: [
            greeting,
            paragraph(
              `The organiser changed the time or place of ${event.title}. Your booking (${booking.reference}) still stands.`,
            ),
            facts(rows),
            paragraph(zoneLine),
            paragraph("If the new time does not suit you, you can cancel your booking in the app."),
            button("See the event", eventUrl),
          ],
          footer,
        }),
        attachments: calendar(),
      };
    }

    case "waitlist_offer": {
      const expiresAt = Number(payload.offerExpiresAt ?? 0);
      const seats = Number(payload.seats ?? 0);
      if (!event || event.status !== "scheduled") return skip("the event was cancelled");
      if (expiresAt <= context.now) return skip("the offer expired before it could be sent");
      // Claimed, declined or withdrawn before the mail went out: nothing is waiting any more.
      const [offer] = await db
        .select({ status: waitlistEntries.status })
        .from(waitlistEntries)
        .where(eq(waitlistEntries.id, Number(payload.waitlistEntryId ?? 0)));
      if (offer?.status !== "offered") return skip("the offer was already answered");
      return {
        status: "ready",
        subject: `Seats are waiting for you: ${event.title}`,
        ...letter({
          heading: "Seats are waiting for you",
          blocks: [
            greeting,
            paragraph(
              `${seats === 1 ? "1 seat" : `${seats} seats`} for ${event.title} came free and ${seats === 1 ? "is" : "are"} held for you until ${formatDateTime(expiresAt, event.timezone, { locale })}.`,
            ),
            facts([
              ["Event", event.title],
              ["When", when],
              ["Where", where],
            ]),
            button("Claim your seats", eventUrl),
          ],
          footer: "You get this email because you joined the waiting list of this event.",
        }),
        attachments: [],
      };
    }
  }
}

async function findEvent(db: ReadDatabase, id: number): Promise<Event | undefined> {
  const [event] = await db.select(eventColumns).from(events).where(eq(events.id, id)).limit(1);
  return event;
}

async function findBooking(db: ReadDatabase, id: number): Promise<Booking | undefined> {
  const [booking] = await db.select().from(bookings).where(eq(bookings.id, id)).limit(1);
  return booking;
}
