import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkInvariant } from "@boxoffice/api/commands";
import { bookings, events, outbox, tickets } from "@boxoffice/db";
import type { BookingChange } from "@boxoffice/api";
import { startTestServer, type TestServer, type TestUser } from "../harness.ts";
import { onlyEventOf, londonSummerMorning } from "../support/calendar.ts";
import { createEvent, hour } from "../support/fixtures.ts";
import { eventually, liveClient } from "../support/live-client.ts";
import { startSmtpInbox, type SmtpInbox } from "../support/smtp-inbox.ts";
import { clientFor } from "../support/trpc-http.ts";

describe("cancelling an event with bookings", () => {
  let inbox: SmtpInbox;
  let server: TestServer;
  let creator: TestUser;
  let holders: TestUser[];

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    server = await startTestServer({
      env: { SMTP_URL: inbox.url, EMAIL_DELIVERY: "smtp", EMAIL_POLL_MS: "200" },
    });
    creator = await server.addUser("organiser@example.com", "admin");
    holders = await Promise.all([
      server.addUser("holder-1@example.com"),
      server.addUser("holder-2@example.com"),
    ]);
  });
  afterAll(async () => {
    await server?.destroy();
    await inbox?.stop();
  });

  it("keeps and marks the bookings, voids their tickets, and tells holders live and by email", async () => {
    const startsAt = londonSummerMorning();
    const event = await createEvent(server.services, creator.id, {
      title: "Open-air Cinema",
      startsAt,
      endsAt: startsAt + 3 * hour,
      timezone: "Europe/London",
      capacity: 20,
    });
    const booked: { id: number; seats: number; reference: string }[] = [];
    for (const [index, holder] of holders.entries()) {
      const { booking } = await clientFor(server.url, holder.token).bookings.create.mutate({
        eventId: event.id,
        seats: index + 1,
        idempotencyKey: `cancel-test-${index}`,
      });
      booked.push(booking);
    }
    // Each booking has its tickets, one per seat; one is already let in at the door.
    const issued = await server.services.db
      .select()
      .from(tickets)
      .where(eq(tickets.eventId, event.id));
    expect(issued.map((ticket) => ticket.status)).toEqual(["valid", "valid", "valid"]);
    await clientFor(server.url, creator.token).checkin.scan.mutate({
      eventId: event.id,
      code: booked[1]?.reference ?? "",
    });
    await inbox.waitFor(2); // the confirmations

    const watchers = holders.map((holder) => {
      const live = liveClient(server.url, { token: holder.token });
      const heard: BookingChange[] = [];
      let started = false;
      live.client.bookings.onMine.subscribe(
        {},
        { onStarted: () => (started = true), onData: ({ data }) => heard.push(data) },
      );
      return { live, heard, started: () => started };
    });
    for (const watcher of watchers) await eventually(watcher.started, "a subscription");

    const message = "The projector broke.\nSorry! Every booking is cancelled.";
    const result = await clientFor(server.url, creator.token).events.cancel.mutate({
      id: event.id,
      message,
    });
    expect(result.cancelledBookings).toBe(2);

    // Live: each holder hears of their own booking, once.
    for (const [index, watcher] of watchers.entries()) {
      await eventually(() => watcher.heard.length === 1, "the live cancellation");
      expect(watcher.heard[0]).toMatchObject({
        bookingId: booked[index]?.id,
        eventId: event.id,
        action: "cancelled",
      });
      await watcher.live.close();
    }

    // By email: the organiser's message, and a calendar entry that cancels theirs.
    await inbox.waitFor(4);
    for (const holder of holders) {
      const [mail] = inbox
        .to(holder.email)
        .filter((m) => m.subject === "Cancelled: Open-air Cinema");
      expect(mail?.text).toContain("The projector broke.");
      expect(mail?.text).toContain("06:00 – 09:00 BST");
      const ics = mail?.attachments.find((file) => file.filename?.endsWith(".ics"));
      expect(onlyEventOf(ics?.content.toString("utf8") ?? "").status).toBe("CANCELLED");
    }

    // Kept and marked; the holder still sees it, with the message.
    const rows = await server.services.db
      .select()
      .from(bookings)
      .where(eq(bookings.eventId, event.id));
    expect(rows.map((row) => row.status)).toEqual([
      "cancelled_by_organiser",
      "cancelled_by_organiser",
    ]);
    const mine = await clientFor(server.url, holders[0]?.token).bookings.mine.query({
      status: "cancelled",
    });
    expect(mine.items[0]).toMatchObject({
      status: "cancelled_by_organiser",
      event: { status: "cancelled", cancellationMessage: message, timezone: "Europe/London" },
    });
    const ticketRows = await server.services.db
      .select()
      .from(tickets)
      .where(eq(tickets.eventId, event.id));
    expect(ticketRows.map((ticket) => ticket.status)).toEqual(["void", "void", "void"]);
    // The ticket already let in no longer counts.
    const [counted] = await server.services.db
      .select({ checkedIn: events.checkedIn })
      .from(events)
      .where(eq(events.id, event.id));
    expect(counted?.checkedIn).toBe(0);
    const reminders = await server.services.db
      .select()
      .from(outbox)
      .where(eq(outbox.kind, "reminder"));
    expect(reminders.map((row) => row.status)).toEqual(["cancelled", "cancelled"]);
    expect(await checkInvariant(server.services.db)).toEqual([]);
  });
});
