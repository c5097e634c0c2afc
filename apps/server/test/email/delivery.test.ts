import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { outbox } from "@boxoffice/db";
import { startTestServer, type TestServer, type TestUser } from "../harness.ts";
import { onlyEventOf, londonSummerMorning } from "../support/calendar.ts";
import { createEvent, hour } from "../support/fixtures.ts";
import { startSmtpInbox, type SmtpInbox } from "../support/smtp-inbox.ts";
import { clientFor } from "../support/trpc-http.ts";

const fastRetries = { EMAIL_RETRY_BASE_MS: "100", EMAIL_POLL_MS: "200" };

describe("email over a real SMTP server", () => {
  let inbox: SmtpInbox;
  let server: TestServer;
  let user: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    server = await startTestServer({
      env: { SMTP_URL: inbox.url, EMAIL_DELIVERY: "smtp", ...fastRetries },
    });
    [user, admin] = await Promise.all([
      server.addUser("ada@example.com"),
      server.addUser("admin@example.com", "admin"),
    ]);
  });
  afterEach(() => {
    inbox.received.length = 0;
  });
  afterAll(async () => {
    await server?.destroy();
    await inbox?.stop();
  });

  it("a booking brings a confirmation with its reference, London time and a parseable .ics", async () => {
    const startsAt = londonSummerMorning();
    const event = await createEvent(server.services, admin.id, {
      title: "Sunrise Yoga",
      location: "Primrose Hill, London",
      startsAt,
      endsAt: startsAt + 2 * hour,
      timezone: "Europe/London",
    });
    const { booking } = await clientFor(server.url, user.token).bookings.create.mutate({
      eventId: event.id,
      seats: 2,
      idempotencyKey: "confirmation-test-1",
    });

    const [mail] = await inbox.waitFor(1);
    if (!mail) throw new Error("no email");
    expect(mail.subject).toBe(`Booking confirmed: Sunrise Yoga (${booking.reference})`);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : "").toBe("ada@example.com");
    expect(mail.text).toContain(`Reference: ${booking.reference}`);
    expect(mail.text).toContain("06:00 – 08:00 BST");
    expect(mail.text).toContain("Europe/London");
    expect(mail.html).toContain(booking.reference);
    expect(mail.html).toContain("06:00 – 08:00 BST");

    const [row] = await server.services.db
      .select()
      .from(outbox)
      .where(eq(outbox.bookingId, booking.id));
    expect(mail.messageId).toBe(`<${row?.messageId}@localhost>`);
    expect(row).toMatchObject({ kind: "booking_confirmed", status: "sent", attempts: 1 });
    expect(row?.text).toBe(mail.text);

    const attachment = mail.attachments.find((file) => file.filename?.endsWith(".ics"));
    expect(attachment?.contentType).toBe("text/calendar");
    const calendarEvent = onlyEventOf(attachment?.content.toString("utf8") ?? "");
    expect(calendarEvent.summary).toBe("Sunrise Yoga");
    expect(calendarEvent.start.getTime()).toBe(startsAt);
    expect(calendarEvent.end?.getTime()).toBe(startsAt + 2 * hour);
    expect((calendarEvent.start as Date & { tz?: string }).tz).toBe("Europe/London");

    // The reminder waits in the outbox for a day before the event.
    const reminders = await server.services.db
      .select()
      .from(outbox)
      .where(eq(outbox.kind, "reminder"));
    expect(reminders).toEqual([
      expect.objectContaining({
        bookingId: booking.id,
        status: "pending",
        sendAfter: startsAt - 24 * hour,
      }),
    ]);
  });

  it("while the SMTP server is down, messages are retried with backoff and then all delivered once", async () => {
    await inbox.stop();
    const event = await createEvent(server.services, admin.id, { capacity: 50 });
    const asUser = clientFor(server.url, user.token);
    const references: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { booking } = await asUser.bookings.create.mutate({
        eventId: event.id,
        seats: 1,
        idempotencyKey: `while-down-${i}`,
      });
      references.push(booking.reference);
    }
    const confirmations = () =>
      server.services.db.select().from(outbox).where(eq(outbox.eventId, event.id));
    // Every message is tried more than once and none is lost meanwhile.
    await expect
      .poll(async () => (await confirmations()).filter((row) => row.kind === "booking_confirmed"), {
        timeout: 10_000,
        interval: 50,
      })
      .toSatisfy(
        (rows: (typeof outbox.$inferSelect)[]) =>
          rows.length === 5 &&
          rows.every((row) => row.status === "pending" && row.attempts >= 2 && row.lastError),
      );

    await inbox.start();
    const received = await inbox.waitFor(5);
    expect(received.map((mail) => /\((BX-\w+)\)/.exec(mail.subject ?? "")?.[1]).sort()).toEqual(
      references.sort(),
    );
    await server.jobs.mail?.drained();
    expect(
      (await confirmations())
        .filter((row) => row.kind === "booking_confirmed")
        .map((row) => row.status),
    ).toEqual(["sent", "sent", "sent", "sent", "sent"]);
    // Nothing arrives twice.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(inbox.received).toHaveLength(5);
  });

  it("a message that runs out of attempts is dead, and an admin's retry delivers it", async () => {
    const down = await startSmtpInbox({ listen: false });
    const flaky = await startTestServer({
      env: { SMTP_URL: down.url, EMAIL_DELIVERY: "smtp", EMAIL_MAX_ATTEMPTS: "2", ...fastRetries },
    });
    try {
      const [holder, boss] = await Promise.all([
        flaky.addUser("grace@example.com"),
        flaky.addUser("boss@example.com", "admin"),
      ]);
      const event = await createEvent(flaky.services, boss.id);
      await clientFor(flaky.url, holder.token).bookings.create.mutate({
        eventId: event.id,
        seats: 1,
        idempotencyKey: "dead-letter-1",
      });
      const asAdmin = clientFor(flaky.url, boss.token);
      await expect
        .poll(async () => (await asAdmin.admin.emails.list.query({ status: "dead" })).items, {
          timeout: 10_000,
          interval: 50,
        })
        .toHaveLength(1);
      const [dead] = (await asAdmin.admin.emails.list.query({ status: "dead" })).items;
      expect(dead).toMatchObject({ kind: "booking_confirmed", attempts: 2 });
      expect(dead?.lastError).toMatch(/ECONNREFUSED|connect/i);

      await down.start();
      const retried = await asAdmin.admin.emails.retry.mutate({ id: dead?.id ?? 0 });
      expect(retried).toMatchObject({ status: "pending", attempts: 0 });
      const [mail] = await down.waitFor(1);
      expect(mail?.subject).toMatch(/^Booking confirmed/);
      await expect
        .poll(async () => (await asAdmin.admin.emails.byId.query({ id: dead?.id ?? 0 })).status)
        .toBe("sent");
    } finally {
      await flaky.destroy();
      await down.stop();
    }
  });
});
