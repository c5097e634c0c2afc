import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { BookingLog } from "@boxoffice/db";
import {
  commandDefinitions,
  type CommandName,
  type CommandOutcome,
} from "../../src/commands/index.ts";
import { unwrap } from "../../src/errors.ts";
import {
  addTestUser,
  eventTomorrow,
  openTestServices,
  type TestServices,
} from "../../src/testing.ts";

/**
 * Every command, run through the services as the API runs it, with the feed's safety-net
 * poll off (LIVE_POLL_MS=0): whatever booking_logs rows a command writes must reach a
 * subscriber because running the command published them, not because a poll found them.
 */
describe("every command publishes its changes", () => {
  let t: TestServices;
  const seen: BookingLog[] = [];
  let admin: { id: number };
  let otherAdmin: { id: number };
  let user: { id: number };
  let waiter: { id: number };
  /** Moved forward to let offers expire. */
  let offset = 0;

  beforeAll(async () => {
    t = await openTestServices({ livePollMs: 0, clock: () => Date.now() + offset });
    t.feed.subscribe((log) => seen.push(log));
    admin = await addTestUser(t, "admin@x.test", "admin");
    otherAdmin = await addTestUser(t, "other-admin@x.test", "admin");
    user = await addTestUser(t, "user@x.test");
    waiter = await addTestUser(t, "waiter@x.test");
  });
  afterAll(async () => {
    await t.destroy();
  });

  const newEvent = async (capacity = 10) =>
    unwrap(await t.commands.createEvent(eventTomorrow(admin.id, { capacity }))).event;
  const newBooking = async (eventId: number) =>
    unwrap(
      await t.commands.reserveSeats({
        eventId,
        userId: user.id,
        seats: 2,
        idempotencyKey: crypto.randomUUID(),
      }),
    ).booking;
  /** A sold-out event whose waiting list holds `waiter` for one seat. */
  const waitingList = async () => {
    const event = await newEvent(2);
    const booking = await newBooking(event.id);
    const { entry } = unwrap(
      await t.commands.joinWaitlist({ eventId: event.id, userId: waiter.id, seats: 1 }),
    );
    return { event, booking, entry };
  };
  /** An offer of one seat to `waiter`, made by a cancellation. */
  const newOffer = async () => {
    const { booking, entry } = await waitingList();
    unwrap(await t.commands.cancelBooking({ bookingId: booking.id, actorId: user.id }));
    return entry.id;
  };

  /**
   * One run of each command that changes something. Typed by the registry, so a new command
   * without a scenario here does not compile, and the loop below fails for it too.
   */
  const scenarios: { [Name in CommandName]: () => Promise<CommandOutcome<Name>> } = {
    reserveSeats: async () =>
      t.commands.reserveSeats({
        eventId: (await newEvent()).id,
        userId: user.id,
        seats: 3,
        idempotencyKey: crypto.randomUUID(),
      }),
    cancelBooking: async () =>
      t.commands.cancelBooking({
        bookingId: (await newBooking((await newEvent()).id)).id,
        actorId: user.id,
      }),
    createEvent: async () => t.commands.createEvent(eventTomorrow(admin.id)),
    foldSearchText: async () => t.commands.foldSearchText({ batch: 10 }),
    updateEvent: async () =>
      t.commands.updateEvent({
        eventId: (await newEvent()).id,
        changes: { capacity: 20 },
        actorId: admin.id,
      }),
    cancelEvent: async () => {
      const event = await newEvent();
      await newBooking(event.id);
      return t.commands.cancelEvent({
        eventId: event.id,
        message: "Rained off",
        actorId: admin.id,
      });
    },
    deleteEvent: async () =>
      t.commands.deleteEvent({ eventId: (await newEvent()).id, actorId: admin.id }),
    setRole: async () => t.commands.setRole({ userId: otherAdmin.id, role: "user" }),
    registerUser: async () =>
      t.commands.registerUser({ email: "new@x.test", name: "New", passwordHash: "-" }),
    changePassword: async () => t.commands.changePassword({ userId: user.id, passwordHash: "-" }),
    startSession: async () =>
      t.commands.startSession({ sessionId: "a".repeat(64), userId: user.id }),
    extendSession: async () => {
      await t.commands.startSession({ sessionId: "b".repeat(64), userId: user.id });
      return t.commands.extendSession({ sessionId: "b".repeat(64) });
    },
    endSession: async () => t.commands.endSession({ sessionId: "a".repeat(64) }),
    checkIn: async () => {
      const booking = await newBooking((await newEvent()).id);
      return t.commands.checkIn({
        eventId: booking.eventId,
        ticket: { reference: booking.reference },
        actorId: admin.id,
      });
    },
    undoCheckIn: async () => {
      const booking = await newBooking((await newEvent()).id);
      const { ticket } = unwrap(
        await t.commands.checkIn({
          eventId: booking.eventId,
          ticket: { reference: booking.reference },
          actorId: admin.id,
        }),
      );
      return t.commands.undoCheckIn({ ticketId: ticket.id, actorId: admin.id });
    },
    addEventStaff: async () =>
      t.commands.addEventStaff({
        eventId: (await newEvent()).id,
        userId: user.id,
        addedBy: admin.id,
      }),
    removeEventStaff: async () => {
      const event = await newEvent();
      await t.commands.addEventStaff({ eventId: event.id, userId: user.id, addedBy: admin.id });
      return t.commands.removeEventStaff({ eventId: event.id, userId: user.id });
    },
    adoptSigningKey: async () =>
      t.commands.adoptSigningKey({ id: "0123456789abcdef", publicKey: "x", privateKey: "y" }),
    joinWaitlist: async () => {
      const event = await newEvent(2);
      await newBooking(event.id);
      return t.commands.joinWaitlist({ eventId: event.id, userId: waiter.id, seats: 1 });
    },
    leaveWaitlist: async () => {
      const { event } = await waitingList();
      return t.commands.leaveWaitlist({ eventId: event.id, userId: waiter.id });
    },
    claimOffer: async () =>
      t.commands.claimOffer({
        offerId: await newOffer(),
        userId: waiter.id,
        idempotencyKey: crypto.randomUUID(),
      }),
    declineOffer: async () =>
      t.commands.declineOffer({ offerId: await newOffer(), userId: waiter.id }),
    expireOffers: async () => {
      await newOffer();
      offset += 2 * 3_600_000;
      return t.commands.expireOffers({});
    },
    requestPasswordReset: async () =>
      t.commands.requestPasswordReset({
        email: "user@x.test",
        token: "token-1",
        resetId: "c".repeat(64),
      }),
    resetPassword: async () => {
      await t.commands.requestPasswordReset({
        email: "user@x.test",
        token: "token-2",
        resetId: "d".repeat(64),
      });
      return t.commands.resetPassword({ resetId: "d".repeat(64), passwordHash: "-" });
    },
    claimOutboxMessages: async () =>
      t.commands.claimOutboxMessages({ workerId: "w1", limit: 5, leaseMs: 60_000 }),
    settleOutboxMessage: async () => {
      await newBooking((await newEvent()).id);
      const { messages } = unwrap(
        await t.commands.claimOutboxMessages({ workerId: "w2", limit: 1, leaseMs: 60_000 }),
      );
      const [message] = messages;
      if (!message) throw new Error("nothing to claim");
      return t.commands.settleOutboxMessage({
        id: message.id,
        workerId: "w2",
        result: { status: "sent", subject: "s", html: "<p>h</p>", text: "t" },
      });
    },
    retryOutboxMessage: async () => {
      await newBooking((await newEvent()).id);
      const { messages } = unwrap(
        await t.commands.claimOutboxMessages({ workerId: "w3", limit: 1, leaseMs: 60_000 }),
      );
      const [message] = messages;
      if (!message) throw new Error("nothing to claim");
      unwrap(
        await t.commands.settleOutboxMessage({
          id: message.id,
          workerId: "w3",
          result: { status: "failed", error: "down", retryDelayMs: 0, maxAttempts: 1 },
        }),
      );
      return t.commands.retryOutboxMessage({ id: message.id });
    },
  };

  /** Commands whose changes nobody watches live: they write no booking_logs rows. */
  const unwatched = new Set<CommandName>([
    "createEvent",
    "foldSearchText",
    "registerUser",
    "changePassword",
    "startSession",
    "extendSession",
    "endSession",
    "addEventStaff",
    "removeEventStaff",
    "adoptSigningKey",
    "requestPasswordReset",
    "resetPassword",
    "claimOutboxMessages",
    "settleOutboxMessage",
    "retryOutboxMessage",
  ]);

  it.each(Object.keys(commandDefinitions) as CommandName[])("%s", async (name) => {
    const scenario = scenarios[name] as () => Promise<CommandOutcome<CommandName>>;
    expect(scenario, `no scenario for the command ${name}`).toBeTypeOf("function");
    const outcome = unwrap(await scenario());
    if (unwatched.has(name)) {
      expect(outcome.logs).toEqual([]);
      return;
    }
    expect(outcome.logs.length).toBeGreaterThan(0);
    const ids = outcome.logs.map((log) => log.id);
    await vi.waitFor(() => expect(seen.map((log) => log.id)).toEqual(expect.arrayContaining(ids)), {
      timeout: 2_000,
      interval: 10,
    });
  });
});
