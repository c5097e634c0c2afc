import { asc, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { outbox, type User } from "@boxoffice/db";
import { reminderLeadMs } from "../../src/commands/index.ts";
import { startMailSender, type MailSender } from "../../src/mail/sender.ts";
import { mailboxTransport } from "../../src/mail/transport.ts";
import { openTestServices, unwrap, type TestServices } from "../../src/testing.ts";
import { addEvent, addUser } from "../fixtures.ts";

const hour = 3_600_000;
const day = 24 * hour;
const quiet = { info() {}, warn() {}, error() {} };

describe("the outbox", () => {
  let t: TestServices;
  let now: number;
  let sender: MailSender | undefined;
  let admin: User;
  let alice: User;

  beforeEach(async () => {
    now = Date.UTC(2027, 0, 10, 12);
    t = await openTestServices({ clock: () => now });
    admin = await addUser(t.database.writer, "admin@x.test", "admin");
    alice = await addUser(t.database.writer, "alice@x.test");
  });
  afterEach(async () => {
    await sender?.stop();
    sender = undefined;
    await t.destroy();
  });

  const rows = () => t.db.select().from(outbox).orderBy(asc(outbox.id));
  const book = async (eventId: number, key: string) =>
    unwrap(
      await t.commands.reserveSeats({ eventId, userId: alice.id, seats: 1, idempotencyKey: key }),
    ).booking;
  const startMailbox = () => {
    sender = startMailSender({
      db: t.db,
      commands: t.commands,
      commits: t.commits,
      transport: mailboxTransport,
      from: "Boxoffice <tickets@example.com>",
      publicUrl: "http://boxoffice.test",
      clock: () => now,
      logger: quiet,
      maxAttempts: 3,
      retryBaseMs: 10,
      pollMs: 50,
    });
    return sender;
  };

  it("a booking writes its confirmation now and its reminder for a day before the event", async () => {
    const event = await addEvent(t.database.writer, admin.id, {
      capacity: 5,
      startsAt: now + 3 * day,
    });
    const booking = await book(event.id, "outbox-key-1");
    expect(await rows()).toMatchObject([
      {
        kind: "booking_confirmed",
        recipient: "alice@x.test",
        bookingId: booking.id,
        sendAfter: now,
      },
      { kind: "reminder", bookingId: booking.id, sendAfter: event.startsAt - reminderLeadMs },
    ]);
    // Booked less than a day ahead: no reminder.
    const soon = await addEvent(t.database.writer, admin.id, {
      capacity: 5,
      startsAt: now + 2 * hour,
    });
    await book(soon.id, "outbox-key-2");
    expect((await rows()).filter((row) => row.eventId === soon.id).map((row) => row.kind)).toEqual([
      "booking_confirmed",
    ]);
  });

  it("moving the event tells holders and moves their reminders; within a day it drops them", async () => {
    const event = await addEvent(t.database.writer, admin.id, {
      capacity: 5,
      startsAt: now + 3 * day,
    });
    await book(event.id, "outbox-key-3");
    const later = now + 5 * day;
    const moved = unwrap(
      await t.commands.updateEvent({
        eventId: event.id,
        changes: { startsAt: later, endsAt: later + hour },
        actorId: admin.id,
      }),
    );
    expect(moved.logs.map((log) => [log.action, log.detail?.changed])).toEqual([
      ["event_updated", ["startsAt", "endsAt"]],
    ]);
    const afterMove = await rows();
    expect(afterMove.filter((row) => row.kind === "event_changed")).toHaveLength(1);
    expect(afterMove.find((row) => row.kind === "reminder")).toMatchObject({
      status: "pending",
      sendAfter: later - reminderLeadMs,
    });

    // A change nobody needs to hear about writes nothing.
    unwrap(
      await t.commands.updateEvent({
        eventId: event.id,
        changes: { title: "Renamed" },
        actorId: admin.id,
      }),
    );
    expect(await rows()).toHaveLength(afterMove.length);

    const tomorrow = now + 12 * hour;
    unwrap(
      await t.commands.updateEvent({
        eventId: event.id,
        changes: { startsAt: tomorrow, endsAt: tomorrow + hour },
        actorId: admin.id,
      }),
    );
    expect(
      (await rows()).filter((row) => row.kind === "reminder").map((row) => row.status),
    ).toEqual(["cancelled"]);
  });

  it("with no mail server, messages are delivered to the local mailbox with what was sent", async () => {
    const event = await addEvent(t.database.writer, admin.id, {
      title: "Jazz <Night> & Co",
      capacity: 5,
      startsAt: Date.UTC(2027, 0, 15, 19),
      timezone: "America/New_York",
    });
    const booking = await book(event.id, "outbox-key-4");
    await startMailbox().drained();
    const [confirmation, reminder] = await rows();
    expect(confirmation).toMatchObject({ status: "sent", sentAt: now, attempts: 1 });
    expect(confirmation?.subject).toBe(
      `Booking confirmed: Jazz <Night> & Co (${booking.reference})`,
    );
    expect(confirmation?.html).toContain("Jazz &lt;Night&gt; &amp; Co");
    expect(confirmation?.text).toContain("Fri, 15 Jan 2027, 14:00 – 16:00 EST");
    expect(reminder?.status).toBe("pending");

    // The reminder goes out when its time comes, unless the booking is cancelled first.
    now = event.startsAt - reminderLeadMs + 1;
    await sender?.drained();
    expect((await rows())[1]).toMatchObject({ status: "sent" });
    expect((await rows())[1]?.subject).toMatch(/^Reminder: Jazz <Night> & Co/);
  });

  it("a message that no longer makes sense is skipped, not sent", async () => {
    const event = await addEvent(t.database.writer, admin.id, {
      capacity: 5,
      startsAt: now + 3 * day,
    });
    const booking = await book(event.id, "outbox-key-5");
    unwrap(await t.commands.cancelBooking({ bookingId: booking.id, actorId: alice.id }));
    await startMailbox().drained();
    expect((await rows()).map((row) => [row.kind, row.status])).toEqual([
      ["booking_confirmed", "cancelled"],
      ["reminder", "cancelled"],
      ["booking_cancelled", "sent"],
    ]);
    const [skipped] = await t.db.select().from(outbox).where(eq(outbox.kind, "booking_confirmed"));
    expect(skipped?.lastError).toBe("the booking is no longer confirmed");
  });

  it("a waiting-list offer writes its email in the transaction that makes it", async () => {
    const event = await addEvent(t.database.writer, admin.id, {
      title: "Sold-out Quartet",
      capacity: 1,
      startsAt: now + 3 * day,
      timezone: "Europe/London",
      waitlistOfferMinutes: 30,
    });
    const booking = await book(event.id, "outbox-key-6");
    const bob = await addUser(t.database.writer, "bob@x.test");
    const { entry } = unwrap(
      await t.commands.joinWaitlist({ eventId: event.id, userId: bob.id, seats: 1 }),
    );
    unwrap(await t.commands.cancelBooking({ bookingId: booking.id, actorId: alice.id }));
    const offer = (await rows()).find((row) => row.kind === "waitlist_offer");
    expect(offer).toMatchObject({ recipient: "bob@x.test", eventId: event.id, sendAfter: now });
    expect(offer?.payload).toMatchObject({ waitlistEntryId: entry.id, seats: 1 });

    await startMailbox().drained();
    const [sent] = await t.db.select().from(outbox).where(eq(outbox.kind, "waitlist_offer"));
    expect(sent).toMatchObject({ status: "sent" });
    expect(sent?.subject).toBe("Seats are waiting for you: Sold-out Quartet");
    // Held for the event's offer window, said in the event's zone.
    expect(sent?.text).toContain(
      "1 seat for Sold-out Quartet came free and is held for you until Sun, 10 Jan 2027, 12:30 GMT.",
    );
  });

  it("an offer answered before its email went out is not emailed", async () => {
    const event = await addEvent(t.database.writer, admin.id, {
      capacity: 1,
      startsAt: now + 3 * day,
    });
    const booking = await book(event.id, "outbox-key-7");
    const bob = await addUser(t.database.writer, "bob@x.test");
    const { entry } = unwrap(
      await t.commands.joinWaitlist({ eventId: event.id, userId: bob.id, seats: 1 }),
    );
    unwrap(await t.commands.cancelBooking({ bookingId: booking.id, actorId: alice.id }));
    unwrap(await t.commands.declineOffer({ offerId: entry.id, userId: bob.id }));
    await startMailbox().drained();
    const [offer] = await t.db.select().from(outbox).where(eq(outbox.kind, "waitlist_offer"));
    expect(offer).toMatchObject({
      status: "cancelled",
      lastError: "the offer was already answered",
    });
  });

  it("a lease keeps a message from a second sender until it runs out", async () => {
    const event = await addEvent(t.database.writer, admin.id, {
      capacity: 5,
      startsAt: now + hour,
    });
    await book(event.id, "outbox-key-6");
    const first = unwrap(
      await t.commands.claimOutboxMessages({ workerId: "a", limit: 10, leaseMs: 1_000 }),
    );
    expect(first.messages).toHaveLength(1);
    const second = unwrap(
      await t.commands.claimOutboxMessages({ workerId: "b", limit: 10, leaseMs: 1_000 }),
    );
    expect(second.messages).toHaveLength(0);
    now += 1_000;
    const third = unwrap(
      await t.commands.claimOutboxMessages({ workerId: "b", limit: 10, leaseMs: 1_000 }),
    );
    expect(third.messages).toMatchObject([{ leasedBy: "b", attempts: 2 }]);
  });
});
