import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { generatePasswordResetToken, passwordResetIdOf } from "@boxoffice/auth";
import { signInAs, unwrap } from "@boxoffice/api/testing";
import { appRouter } from "@boxoffice/api";
import { bookings, outbox, tickets, type Event } from "@boxoffice/db";
import { startTestServer, testPassword, type TestServer, type TestUser } from "./harness.ts";
import { book, createEvent } from "./support/fixtures.ts";
import { bearer, clientFor, type Client } from "./support/trpc-http.ts";

/**
 * Who is asking. `creator` is a plain user who created `world.event` (not an admin); `staff`
 * is door staff of `world.event`, `otherStaff` door staff of another event only.
 */
const actors = ["anonymous", "user", "another", "creator", "admin", "staff", "otherStaff"] as const;
type Actor = (typeof actors)[number];
type Account = Exclude<Actor, "anonymous">;

const OK = "ok";
const UNAUTHORIZED = "UNAUTHORIZED";
const FORBIDDEN = "FORBIDDEN";
const NOT_FOUND = "NOT_FOUND";
type Outcome = typeof OK | typeof UNAUTHORIZED | typeof FORBIDDEN | typeof NOT_FOUND;

interface World {
  accounts: Record<Account, TestUser>;
  /** The target of promote/demote; never one of the actors. */
  victim: TestUser;
  /** Created by `creator`; `user` holds `booking` on it. */
  event: Event;
  booking: { id: number };
  /** Another event of the creator's, without bookings (each delete needs its own). */
  freshEvent(): Promise<Event>;
  /** Another booking of `user` on `event` (each cancel needs its own). */
  freshBooking(): Promise<{ id: number }>;
  /** The QR token of a ticket of `event` not yet checked in (each scan needs its own). */
  freshTicketToken(): Promise<string>;
  /** A ticket of `event` that is checked in (each undo needs its own). */
  checkedInTicket(): Promise<number>;
  /** A sold-out event of the creator's (its one seat booked by `victim`). */
  freshSoldOut(): Promise<Event>;
  /** A waiting-list offer to `user` (each claim or decline needs its own). */
  freshOffer(): Promise<number>;
  /** A reset link for `victim`'s account (each use needs its own). */
  freshResetToken(): Promise<string>;
  /** An outbox message, and one that gave up (each retry needs its own). */
  messageId: number;
  freshDeadMessage(): Promise<number>;
  unique(prefix: string): string;
}

type Call = (client: Client, world: World, actor: Actor) => Promise<unknown>;
interface Row {
  path: string;
  /** In the order of `actors`: anonymous, user, another, creator, admin, staff, otherStaff. */
  expected: [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome];
  call: Call;
}

const row = (path: string, expected: Row["expected"], call: Call): Row => ({
  path,
  expected,
  call,
});
const U = UNAUTHORIZED;
const F = FORBIDDEN;
const everyone: Row["expected"] = [OK, OK, OK, OK, OK, OK, OK];
const signedIn: Row["expected"] = [U, OK, OK, OK, OK, OK, OK];
const adminsOnly: Row["expected"] = [U, F, F, F, OK, F, F];
const creatorOrAdmin: Row["expected"] = [U, F, F, OK, OK, F, F];
const holderOrAdmin: Row["expected"] = [U, OK, NOT_FOUND, NOT_FOUND, OK, NOT_FOUND, NOT_FOUND];
/** The holder, an admin, or the event's organiser. */
const holderOrOrganiser: Row["expected"] = [U, OK, NOT_FOUND, OK, OK, NOT_FOUND, NOT_FOUND];
/** Admins, the event's creator and its door staff; not staff of another event. */
const scanners: Row["expected"] = [U, F, F, OK, OK, OK, F];
/** Offers are their holder's alone: not even an admin claims seats for someone else. */
const holderOnly: Row["expected"] = [U, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND];

const inAWeek = Date.now() + 7 * 24 * 3_600_000;

/** Every query and mutation of appRouter, and who may call it. */
const matrix: Row[] = [
  row("auth.register", everyone, (c, w) =>
    c.auth.register.mutate({
      email: `${w.unique("new")}@example.com`,
      name: "New Person",
      password: "a long enough password",
    }),
  ),
  row("auth.login", everyone, (c, w, actor) =>
    c.auth.login.mutate({
      email: w.accounts[actor === "anonymous" ? "user" : actor].email,
      password: testPassword,
    }),
  ),
  row("auth.logout", everyone, (c) => c.auth.logout.mutate()),
  row("auth.me", everyone, (c) => c.auth.me.query()),
  row("auth.changePassword", signedIn, (c) =>
    c.auth.changePassword.mutate({ currentPassword: testPassword, newPassword: testPassword }),
  ),
  row("auth.requestPasswordReset", everyone, (c, w) =>
    c.auth.requestPasswordReset.mutate({ email: w.victim.email }),
  ),
  row("auth.resetPassword", everyone, async (c, w) =>
    c.auth.resetPassword.mutate({ token: await w.freshResetToken(), newPassword: testPassword }),
  ),

  row("events.list", everyone, (c) => c.events.list.query()),
  row("events.byId", everyone, (c, w) => c.events.byId.query({ id: w.event.id })),
  row("events.tags", everyone, (c) => c.events.tags.query()),
  row("events.create", adminsOnly, (c, w) =>
    c.events.create.mutate({
      title: w.unique("Created"),
      startsAt: inAWeek,
      endsAt: inAWeek + 3_600_000,
      capacity: 10,
    }),
  ),
  row("events.update", creatorOrAdmin, (c, w, actor) =>
    c.events.update.mutate({ id: w.event.id, changes: { description: `Edited by ${actor}` } }),
  ),
  row("events.delete", creatorOrAdmin, async (c, w) =>
    c.events.delete.mutate({ id: (await w.freshEvent()).id }),
  ),
  row("events.cancel", creatorOrAdmin, async (c, w) =>
    c.events.cancel.mutate({ id: (await w.freshEvent()).id, message: "Called off" }),
  ),

  row("bookings.create", signedIn, (c, w) =>
    c.bookings.create.mutate({
      eventId: w.event.id,
      seats: 1,
      idempotencyKey: w.unique("booking-key"),
    }),
  ),
  row("bookings.cancel", holderOrAdmin, async (c, w) =>
    c.bookings.cancel.mutate({ id: (await w.freshBooking()).id }),
  ),
  row("bookings.byId", holderOrAdmin, (c, w) => c.bookings.byId.query({ id: w.booking.id })),
  row("bookings.mine", signedIn, (c) => c.bookings.mine.query()),
  row("bookings.heldForEvent", signedIn, (c, w) =>
    c.bookings.heldForEvent.query({ eventId: w.event.id }),
  ),
  row("bookings.forEvent", creatorOrAdmin, (c, w) =>
    c.bookings.forEvent.query({ eventId: w.event.id }),
  ),
  row("bookings.tickets", holderOrOrganiser, (c, w) =>
    c.bookings.tickets.query({ bookingId: w.booking.id }),
  ),

  row("events.staff.add", creatorOrAdmin, (c, w) =>
    c.events.staff.add.mutate({ eventId: w.event.id, email: w.victim.email }),
  ),
  row("events.staff.remove", creatorOrAdmin, (c, w) =>
    c.events.staff.remove.mutate({ eventId: w.event.id, email: w.victim.email }),
  ),
  row("events.staff.list", creatorOrAdmin, (c, w) =>
    c.events.staff.list.query({ eventId: w.event.id }),
  ),

  row("checkin.scan", scanners, async (c, w) =>
    c.checkin.scan.mutate({ eventId: w.event.id, token: await w.freshTicketToken() }),
  ),
  row("checkin.undo", scanners, async (c, w) =>
    c.checkin.undo.mutate({ ticketId: await w.checkedInTicket() }),
  ),
  row("checkin.stats", scanners, (c, w) => c.checkin.stats.query({ eventId: w.event.id })),
  row("checkin.list", scanners, (c, w) => c.checkin.list.query({ eventId: w.event.id })),
  row("checkin.myEvents", signedIn, (c) => c.checkin.myEvents.query()),

  row("waitlist.join", signedIn, async (c, w) =>
    c.waitlist.join.mutate({ eventId: (await w.freshSoldOut()).id, seats: 1 }),
  ),
  row("waitlist.leave", signedIn, async (c, w) => {
    const event = await w.freshSoldOut();
    await c.waitlist.join.mutate({ eventId: event.id, seats: 1 });
    return c.waitlist.leave.mutate({ eventId: event.id });
  }),
  row("waitlist.mine", signedIn, (c) => c.waitlist.mine.query()),
  row("waitlist.claim", holderOnly, async (c, w) =>
    c.waitlist.claim.mutate({
      offerId: await w.freshOffer(),
      idempotencyKey: w.unique("claim-key"),
    }),
  ),
  row("waitlist.decline", holderOnly, async (c, w) =>
    c.waitlist.decline.mutate({ offerId: await w.freshOffer() }),
  ),
  row("waitlist.forEvent", creatorOrAdmin, (c, w) =>
    c.waitlist.forEvent.query({ eventId: w.event.id }),
  ),

  row("admin.users.list", adminsOnly, (c) => c.admin.users.list.query()),
  row("admin.users.promote", adminsOnly, (c, w) =>
    c.admin.users.promote.mutate({ userId: w.victim.id }),
  ),
  row("admin.users.demote", adminsOnly, (c, w) =>
    c.admin.users.demote.mutate({ userId: w.victim.id }),
  ),
  row("admin.stats", adminsOnly, (c) => c.admin.stats.query()),
  row("admin.auditLog", adminsOnly, (c) => c.admin.auditLog.query()),
  row("admin.emails.list", adminsOnly, (c) => c.admin.emails.list.query()),
  row("admin.emails.byId", adminsOnly, (c, w) => c.admin.emails.byId.query({ id: w.messageId })),
  row("admin.emails.retry", adminsOnly, async (c, w) =>
    c.admin.emails.retry.mutate({ id: await w.freshDeadMessage() }),
  ),
];

async function outcomeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return OK;
  } catch (error) {
    if (error instanceof TRPCClientError && typeof error.data?.code === "string") {
      return error.data.code as string;
    }
    throw error;
  }
}

describe("who may call what", () => {
  let server: TestServer;
  let world: World;
  let counter = 0;

  /** A new session per call, so logout and changePassword never end another cell's. */
  async function tokenFor(actor: Actor): Promise<string | null> {
    if (actor === "anonymous") return null;
    return signInAs(server.services, world.accounts[actor].id);
  }

  beforeAll(async () => {
    server = await startTestServer();
    const [user, another, creator, admin, victim, staff, otherStaff] = await Promise.all([
      server.addUser("user@example.com"),
      server.addUser("another@example.com"),
      server.addUser("creator@example.com"),
      server.addUser("admin@example.com", "admin"),
      server.addUser("victim@example.com"),
      server.addUser("staff@example.com"),
      server.addUser("other-staff@example.com"),
    ]);
    const { services } = server;
    const event = await createEvent(services, creator.id, {
      capacity: 1000,
      maxSeatsPerPerson: 1000,
    });
    const otherEvent = await createEvent(services, creator.id);
    unwrap(
      await services.commands.addEventStaff({
        eventId: event.id,
        userId: staff.id,
        addedBy: creator.id,
      }),
    );
    unwrap(
      await services.commands.addEventStaff({
        eventId: otherEvent.id,
        userId: otherStaff.id,
        addedBy: creator.id,
      }),
    );
    const freshTicket = async () => {
      const booking = await book(services, user.id, event.id);
      const [ticket] = await services.db
        .select()
        .from(tickets)
        .where(eq(tickets.bookingId, booking.id));
      if (!ticket) throw new Error("a booking without a ticket");
      return ticket;
    };
    const freshSoldOut = async () => {
      const soldOut = await createEvent(services, creator.id, { capacity: 1 });
      await book(services, victim.id, soldOut.id);
      return soldOut;
    };
    const booking = await book(services, user.id, event.id);
    const [message] = await services.db
      .select({ id: outbox.id })
      .from(outbox)
      .where(eq(outbox.bookingId, booking.id));
    world = {
      accounts: { user, another, creator, admin, staff, otherStaff },
      victim,
      event,
      booking,
      freshEvent: () => createEvent(services, creator.id),
      freshBooking: () => book(services, user.id, event.id),
      async freshTicketToken() {
        const ticket = await freshTicket();
        return services.tickets.sign({ ticketId: ticket.id, eventId: event.id, seat: ticket.seat });
      },
      async checkedInTicket() {
        const ticket = await freshTicket();
        unwrap(
          await services.commands.checkIn({
            eventId: event.id,
            ticket: { ticketId: ticket.id },
            actorId: admin.id,
          }),
        );
        return ticket.id;
      },
      freshSoldOut,
      async freshOffer() {
        const soldOut = await freshSoldOut();
        const { entry } = unwrap(
          await services.commands.joinWaitlist({ eventId: soldOut.id, userId: user.id, seats: 1 }),
        );
        const [seat] = await services.db
          .select({ id: bookings.id })
          .from(bookings)
          .where(eq(bookings.eventId, soldOut.id));
        unwrap(
          await services.commands.cancelBooking({ bookingId: seat?.id ?? 0, actorId: victim.id }),
        );
        return entry.id;
      },
      async freshResetToken() {
        const token = generatePasswordResetToken();
        unwrap(
          await services.commands.requestPasswordReset({
            email: victim.email,
            token,
            resetId: passwordResetIdOf(token),
          }),
        );
        return token;
      },
      messageId: message?.id ?? 0,
      async freshDeadMessage() {
        await book(services, user.id, event.id);
        const { messages } = unwrap(
          await services.commands.claimOutboxMessages({ workerId: "t", limit: 1, leaseMs: 1 }),
        );
        const id = messages[0]?.id ?? 0;
        unwrap(
          await services.commands.settleOutboxMessage({
            id,
            workerId: "t",
            result: { status: "failed", error: "down", retryDelayMs: 0, maxAttempts: 1 },
          }),
        );
        return id;
      },
      unique: (prefix) => `${prefix}-${++counter}`,
    };
  });
  afterAll(async () => {
    await server.destroy();
  });

  it("covers every query and mutation of the router", () => {
    const procedures = appRouter._def.procedures as unknown as Record<
      string,
      { _def: { type: string } }
    >;
    const callable = Object.entries(procedures)
      .filter(([, procedure]) => procedure._def.type !== "subscription")
      .map(([path]) => path);
    expect(matrix.map((r) => r.path).sort()).toEqual(callable.sort());
  });

  it("the creator really is a plain user", () => {
    expect(world.accounts.creator.role).toBe("user");
    expect(world.event.createdBy).toBe(world.accounts.creator.id);
  });

  for (const { path, expected, call } of matrix) {
    it(`${path}: ${expected.join(" / ")}`, async () => {
      const outcomes: Record<string, string> = {};
      for (const actor of actors) {
        const client = clientFor(server.url, await tokenFor(actor));
        outcomes[actor] = await outcomeOf(call(client, world, actor));
      }
      expect(outcomes).toEqual(Object.fromEntries(actors.map((a, i) => [a, expected[i]])));
    });
  }

  it("auth.me tells each caller who they are", async () => {
    for (const actor of actors) {
      const me = await clientFor(server.url, await tokenFor(actor)).auth.me.query();
      expect(me?.id).toBe(actor === "anonymous" ? undefined : world.accounts[actor].id);
    }
  });

  it("the bookings CSV: 401 anonymous, 403 others, 200 creator and admin, 404 no such event", async () => {
    const statusFor = async (actor: Actor, eventId = world.event.id) => {
      const token = await tokenFor(actor);
      const response = await fetch(`${server.url}/api/events/${eventId}/bookings.csv`, {
        headers: token ? bearer(token) : {},
      });
      await response.arrayBuffer();
      return response.status;
    };
    const statuses: Record<string, number> = {};
    for (const actor of actors) statuses[actor] = await statusFor(actor);
    expect(statuses).toEqual({
      anonymous: 401,
      user: 403,
      another: 403,
      creator: 200,
      admin: 200,
      staff: 403,
      otherStaff: 403,
    });
    expect(await statusFor("admin", 987_654)).toBe(404);
  });
});
