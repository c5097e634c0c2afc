import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { outbox } from "@boxoffice/db";
import { eventTomorrow, unwrap } from "@boxoffice/api/testing";
import { sharedDatabase } from "../support/direct-db.ts";
import { eventually } from "../support/live-client.ts";
import { startSmtpInbox, type SmtpInbox } from "../support/smtp-inbox.ts";
import { spawnServer, type ServerProcess } from "../support/spawn-server.ts";
import { clientFor } from "../support/trpc-http.ts";

describe("a server killed while sending", () => {
  let server: ServerProcess | undefined;
  let inbox: SmtpInbox | undefined;
  let db: Awaited<ReturnType<typeof sharedDatabase>> | undefined;
  afterAll(async () => {
    await server?.stop();
    await inbox?.stop();
    await db?.destroy();
  });

  it("kill -9 between the commit and the send: the message is delivered after a restart", async () => {
    db = await sharedDatabase();
    const admin = await db.userWithToken("admin@crash.test", "admin");
    const guest = await db.userWithToken("guest@crash.test");
    const { event } = unwrap(
      await db.commands.createEvent(eventTomorrow(admin.id, { title: "Live test", capacity: 10 })),
    );
    // The mail server takes the message and never answers: the send is in flight.
    inbox = await startSmtpInbox();
    inbox.hold = true;
    const env = {
      DATABASE_URL: db.fileUrl,
      PORT: "0",
      SMTP_URL: inbox.url,
      EMAIL_DELIVERY: "smtp",
      EMAIL_POLL_MS: "100",
      EMAIL_LEASE_MS: "1500",
    };
    server = await spawnServer(env);

    const { booking } = await clientFor(server.url, guest.token).bookings.create.mutate({
      eventId: event.id,
      seats: 1,
      idempotencyKey: "crash-test-1",
    });
    const held = inbox;
    await eventually(() => held.attempts === 1, "the first send to start");
    const [inFlight] = await db.db.select().from(outbox).where(eq(outbox.bookingId, booking.id));
    expect(inFlight).toMatchObject({ kind: "booking_confirmed", status: "pending", attempts: 1 });
    expect(inFlight?.leasedBy).toBeTruthy();

    server.process.kill("SIGKILL");
    expect(await server.stop()).toBeNull();
    held.hold = false;

    server = await spawnServer(env);
    const [mail] = await held.waitFor(1);
    expect(mail?.subject).toBe(`Booking confirmed: Live test (${booking.reference})`);
    // The same Message-ID the first attempt used: a client that got both shows one.
    expect(mail?.messageId).toBe(`<${inFlight?.messageId}@localhost>`);
    const shared = db;
    await expect
      .poll(async () => {
        const [after] = await shared.db
          .select()
          .from(outbox)
          .where(eq(outbox.id, inFlight?.id ?? 0));
        return after;
      })
      .toMatchObject({ status: "sent", attempts: 2, leasedBy: null });
    expect(held.received).toHaveLength(1);
  });
});
