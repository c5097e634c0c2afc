import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { outbox } from "@boxoffice/db";
import { eventTomorrow, unwrap } from "@boxoffice/api/testing";
import { sharedDatabase } from "../support/direct-db.ts";
import { startSmtpInbox, type SmtpInbox } from "../support/smtp-inbox.ts";
import { spawnServer, type ServerProcess } from "../support/spawn-server.ts";
import { clientFor } from "../support/trpc-http.ts";

const messages = 500;

describe("two server processes sending one outbox", () => {
  const servers: ServerProcess[] = [];
  let inbox: SmtpInbox | undefined;
  let db: Awaited<ReturnType<typeof sharedDatabase>> | undefined;
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await inbox?.stop();
    await db?.destroy();
  });

  it(`delivers each of ${messages} messages exactly once`, async () => {
    db = await sharedDatabase();
    const admin = await db.userWithToken("admin@pair.test", "admin");
    const guest = await db.userWithToken("guest@pair.test");
    const { event } = unwrap(
      await db.commands.createEvent(
        eventTomorrow(admin.id, { title: "Live test", capacity: messages, maxSeatsPerBooking: 1 }),
      ),
    );
    inbox = await startSmtpInbox();
    const env = {
      DATABASE_URL: db.fileUrl,
      PORT: "0",
      SMTP_URL: inbox.url,
      EMAIL_DELIVERY: "smtp",
      EMAIL_POLL_MS: "100",
      RATE_LIMIT_BOOKINGS_PER_USER: "100000/60",
    };
    servers.push(...(await Promise.all([spawnServer(env), spawnServer(env)])));
    const [first, second] = servers.map((server) => clientFor(server.url, guest.token));
    if (!first || !second) throw new Error("two servers expected");

    // Bookings alternate between the two, 16 at a time: both write and both send meanwhile.
    const references: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < messages) {
          const n = next++;
          const { booking } = await (n % 2 === 0 ? first : second).bookings.create.mutate({
            eventId: event.id,
            seats: 1,
            idempotencyKey: `pair-key-${n}`,
          });
          references.push(booking.reference);
        }
      }),
    );

    const received = await inbox.waitFor(messages, 60_000);
    // Anything sent twice would arrive within a few more passes.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(received).toHaveLength(messages);
    expect(new Set(received.map((mail) => mail.messageId)).size).toBe(messages);
    const referencesSent = received.map((mail) => /\((BX-\w+)\)$/.exec(mail.subject ?? "")?.[1]);
    expect(referencesSent.sort()).toEqual(references.sort());
    const rows = await db.db.select().from(outbox).where(eq(outbox.kind, "booking_confirmed"));
    expect(rows.every((row) => row.status === "sent" && row.attempts === 1)).toBe(true);
  });
});
