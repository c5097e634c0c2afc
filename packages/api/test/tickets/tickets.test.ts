import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { generateTicketSigningKey, parseTicketSigningKey, signTicket } from "@boxoffice/auth";
import { bookingLogs, events, tickets, type Event, type User } from "@boxoffice/db";
import { drivers } from "@boxoffice/db/testing";
import { checkInvariant, type CheckInFailure, type Commands } from "../../src/commands/index.ts";
import { describeFailure, unwrap } from "../../src/errors.ts";
import { seatChangeOf, type EventLog } from "../../src/live/changes.ts";
import { openTestServices, type TestServices } from "../../src/testing.ts";
import { addEvent, addUser } from "../fixtures.ts";

describe.each(drivers)("tickets and check-in on %s", (driver) => {
  let t: TestServices;
  let core: Commands;
  let alice: User;
  let door: User;
  let admin: User;
  let event: Event;

  beforeEach(async () => {
    t = await openTestServices({ driver });
    core = t.commands;
    alice = await addUser(t.database.writer, "alice@x.test");
    door = await addUser(t.database.writer, "door@x.test");
    admin = await addUser(t.database.writer, "admin@x.test", "admin");
    event = await addEvent(t.database.writer, admin.id, { capacity: 50, title: "Gig" });
  });
  afterEach(async () => {
    await t.destroy();
  });

  const book = async (seats: number, eventId = event.id) =>
    unwrap(
      await core.reserveSeats({
        eventId,
        userId: alice.id,
        seats,
        idempotencyKey: crypto.randomUUID(),
      }),
    ).booking;
  const ticketsOf = (bookingId: number) =>
    t.db.select().from(tickets).where(eq(tickets.bookingId, bookingId)).orderBy(tickets.seat);
  const checkedInCount = async () =>
    (await t.db.select().from(events).where(eq(events.id, event.id)))[0]?.checkedIn;
  const refusalOf = (outcome: { ok: boolean; failure?: unknown }) => {
    if (outcome.ok) throw new Error("expected a refusal");
    return outcome.failure as CheckInFailure;
  };
  const scan = (ticketId: number, eventId = event.id) =>
    core.checkIn({ eventId, ticket: { ticketId }, actorId: door.id });

  it("a booking gets one valid ticket per seat, each with 128 random bits as its code", async () => {
    const booking = await book(3);
    expect(booking.reference).toMatch(/^BX-[A-HJKMNP-Z2-9]{6}$/);
    const made = await ticketsOf(booking.id);
    expect(made.map((ticket) => [ticket.seat, ticket.status, ticket.eventId])).toEqual([
      [1, "valid", event.id],
      [2, "valid", event.id],
      [3, "valid", event.id],
    ]);
    for (const ticket of made) expect(ticket.code).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(made.map((ticket) => ticket.code)).size).toBe(3);
    expect(await checkInvariant(t.db)).toEqual([]);
  });

  it("a retried booking makes no second set of tickets", async () => {
    const input = { eventId: event.id, userId: alice.id, seats: 2, idempotencyKey: "same" };
    const first = unwrap(await core.reserveSeats(input));
    unwrap(await core.reserveSeats(input));
    expect(await ticketsOf(first.booking.id)).toHaveLength(2);
  });

  it("cancelling voids the tickets in the same change; one already in stops counting", async () => {
    const booking = await book(2);
    const [first] = await ticketsOf(booking.id);
    unwrap(await scan(first?.id ?? 0));
    expect(await checkedInCount()).toBe(1);
    const cancelled = unwrap(
      await core.cancelBooking({ bookingId: booking.id, actorId: alice.id }),
    );
    expect((await ticketsOf(booking.id)).map((ticket) => ticket.status)).toEqual(["void", "void"]);
    expect(await checkedInCount()).toBe(0);
    expect(cancelled.logs[0]?.checkedInAfter).toBe(0);
    expect(await checkInvariant(t.db)).toEqual([]);
  });

  it("lets a ticket in once: count, log row and live seat change move together", async () => {
    const booking = await book(2);
    const [ticket] = await ticketsOf(booking.id);
    const result = unwrap(await scan(ticket?.id ?? 0));
    expect(result.ticket).toMatchObject({ id: ticket?.id, checkedInBy: door.id });
    expect(result.ticket.checkedInAt).toBeTypeOf("number");
    expect(result.counts).toEqual({ checkedIn: 1, total: 2 });
    expect(result.logs).toEqual([
      expect.objectContaining({
        action: "checked_in",
        eventId: event.id,
        bookingId: booking.id,
        ticketId: ticket?.id,
        userId: alice.id,
        actorId: door.id,
        checkedInAfter: 1,
        availableAfter: 48,
        capacityAfter: 50,
      }),
    ]);
    expect(seatChangeOf(result.logs[0] as EventLog)).toMatchObject({
      eventId: event.id,
      availableSeats: 48,
      checkedIn: 1,
    });

    // A later booking's log carries the count on, so live watchers never see it reset.
    const later = await core.reserveSeats({
      eventId: event.id,
      userId: door.id,
      seats: 1,
      idempotencyKey: "later",
    });
    expect(unwrap(later).logs[0]?.checkedInAfter).toBe(1);
    expect(await checkInvariant(t.db)).toEqual([]);
  });

  it("refuses a second scan: ALREADY_CHECKED_IN says when and by whom", async () => {
    const booking = await book(1);
    const [ticket] = await ticketsOf(booking.id);
    const first = unwrap(await scan(ticket?.id ?? 0));
    const again = refusalOf(await scan(ticket?.id ?? 0));
    expect(again).toEqual({
      code: "ALREADY_CHECKED_IN",
      ticket: { id: ticket?.id, seat: 1, holderName: "alice", reference: booking.reference },
      checkedInAt: first.ticket.checkedInAt,
      checkedInBy: "door",
      timezone: "UTC",
    });
    expect(describeFailure(again)).toMatch(
      /^Already checked in: alice, seat 1, was let in at \d\d:\d\d on \d+ \w+ by door\.$/,
    );
    expect(await checkedInCount()).toBe(1);
  });

  it("refuses unknown tickets, tickets of another event, and void tickets", async () => {
    const other = await addEvent(t.database.writer, admin.id, { capacity: 5, title: "Other gig" });
    const elsewhere = await book(1, other.id);
    const [foreign] = await ticketsOf(elsewhere.id);
    expect(refusalOf(await scan(999_999))).toEqual({ code: "UNKNOWN_TICKET" });
    expect(
      refusalOf(
        await core.checkIn({
          eventId: event.id,
          ticket: { code: "f".repeat(32) },
          actorId: door.id,
        }),
      ),
    ).toEqual({ code: "UNKNOWN_TICKET" });
    expect(
      refusalOf(
        await core.checkIn({
          eventId: event.id,
          ticket: { reference: "BX-AAAAAA" },
          actorId: door.id,
        }),
      ),
    ).toEqual({ code: "UNKNOWN_TICKET" });
    expect(refusalOf(await scan(foreign?.id ?? 0))).toEqual({
      code: "WRONG_EVENT",
      ticketEventTitle: "Other gig",
    });
    expect(
      refusalOf(
        await core.checkIn({
          eventId: event.id,
          ticket: { reference: elsewhere.reference },
          actorId: door.id,
        }),
      ).code,
    ).toBe("WRONG_EVENT");

    const cancelled = await book(2);
    unwrap(await core.cancelBooking({ bookingId: cancelled.id, actorId: alice.id }));
    const [voided] = await ticketsOf(cancelled.id);
    const refusal = refusalOf(await scan(voided?.id ?? 0));
    expect(refusal).toMatchObject({ code: "VOIDED", ticket: { id: voided?.id, seat: 1 } });
    expect(describeFailure(refusal)).toContain(cancelled.reference);
    expect(
      refusalOf(
        await core.checkIn({
          eventId: event.id,
          ticket: { reference: cancelled.reference },
          actorId: door.id,
        }),
      ).code,
    ).toBe("VOIDED");
    expect(await checkedInCount()).toBe(0);
    expect(await checkInvariant(t.db)).toEqual([]);
  });

  it("a reference read out lets the booking in one person at a time; a typed code lets in its ticket", async () => {
    const booking = await book(3);
    const made = await ticketsOf(booking.id);
    const byReference = () =>
      core.checkIn({
        eventId: event.id,
        ticket: { reference: booking.reference },
        actorId: door.id,
      });
    expect(unwrap(await byReference()).ticket.seat).toBe(1);
    const byCode = unwrap(
      await core.checkIn({
        eventId: event.id,
        ticket: { code: made[2]?.code ?? "" },
        actorId: door.id,
      }),
    );
    expect(byCode.ticket.seat).toBe(3);
    expect(unwrap(await byReference()).ticket.seat).toBe(2);
    const done = refusalOf(await byReference());
    expect(done.code).toBe("ALREADY_CHECKED_IN");
    expect(await checkedInCount()).toBe(3);
    expect(await checkInvariant(t.db)).toEqual([]);
  });

  it("undo takes a check-in back (logged, counted); the ticket scans again", async () => {
    const booking = await book(1);
    const [ticket] = await ticketsOf(booking.id);
    unwrap(await scan(ticket?.id ?? 0));
    const undone = unwrap(await core.undoCheckIn({ ticketId: ticket?.id ?? 0, actorId: admin.id }));
    expect(undone.counts.checkedIn).toBe(0);
    expect(undone.logs).toEqual([
      expect.objectContaining({
        action: "check_in_undone",
        ticketId: ticket?.id,
        actorId: admin.id,
        checkedInAfter: 0,
      }),
    ]);
    expect(
      refusalOf(await core.undoCheckIn({ ticketId: ticket?.id ?? 0, actorId: admin.id })),
    ).toEqual({
      code: "NOT_CHECKED_IN",
    });
    expect(refusalOf(await core.undoCheckIn({ ticketId: 999_999, actorId: admin.id }))).toEqual({
      code: "UNKNOWN_TICKET",
    });
    unwrap(await scan(ticket?.id ?? 0));
    expect(await checkedInCount()).toBe(1);

    const gone = await book(1);
    const [voided] = await ticketsOf(gone.id);
    unwrap(await scan(voided?.id ?? 0));
    unwrap(await core.cancelBooking({ bookingId: gone.id, actorId: alice.id }));
    expect(
      refusalOf(await core.undoCheckIn({ ticketId: voided?.id ?? 0, actorId: admin.id })).code,
    ).toBe("VOIDED");
    const actions = await t.db.select({ action: bookingLogs.action }).from(bookingLogs);
    expect(actions.filter((row) => row.action === "checked_in")).toHaveLength(3);
    expect(await checkInvariant(t.db)).toEqual([]);
  });

  it("two scans of one ticket at the same moment: exactly one lets it in", async () => {
    const booking = await book(1);
    const [ticket] = await ticketsOf(booking.id);
    const results = await Promise.all(Array.from({ length: 8 }, () => scan(ticket?.id ?? 0)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => refusalOf(r).code)).toEqual(
      Array(7).fill("ALREADY_CHECKED_IN"),
    );
    expect(await checkedInCount()).toBe(1);
  });

  it("cancelling the event voids its tickets (one let in stops counting); a purge removes them", async () => {
    const booking = await book(2);
    const [ticket] = await ticketsOf(booking.id);
    unwrap(await scan(ticket?.id ?? 0));
    unwrap(await core.cancelEvent({ eventId: event.id, message: "Called off", actorId: admin.id }));
    expect((await ticketsOf(booking.id)).map((row) => row.status)).toEqual(["void", "void"]);
    expect(await checkedInCount()).toBe(0);
    expect(await checkInvariant(t.db)).toEqual([]);
    unwrap(await core.deleteEvent({ eventId: event.id, actorId: admin.id }));
    expect(await ticketsOf(booking.id)).toEqual([]);
    expect(await checkInvariant(t.db)).toEqual([]);
  });

  it("the invariant notices a ticket too many and a count out of step", async () => {
    const booking = await book(1);
    await t.database.writer.run((tx) =>
      tx.insert(tickets).values({ bookingId: booking.id, eventId: event.id, seat: 2, code: "x" }),
    );
    await t.database.writer.run((tx) =>
      tx.update(events).set({ checkedIn: 5 }).where(eq(events.id, event.id)),
    );
    const problems = (await checkInvariant(t.db)).map((v) => v.problem).join("\n");
    expect(problems).toContain("has 2 valid tickets");
    expect(problems).toContain("checked_in 5 != 0");
  });
});

describe("ticket keys", () => {
  let t: TestServices | undefined;
  afterEach(async () => {
    await t?.destroy();
    t = undefined;
  });

  it("without a configured key, a development key is generated once and kept in the database", async () => {
    t = await openTestServices();
    const keyId = t.tickets.keyId;
    const token = t.tickets.sign({ ticketId: 1, eventId: 2, seat: 1 });
    expect(t.tickets.verify(token)).toEqual({ ticketId: 1, eventId: 2, seat: 1 });
    // A second process on the same file adopts the same key rather than making its own.
    const second = await import("../../src/services/open-services.ts").then((m) =>
      m.openServices({
        database: { url: t?.fileUrl ?? "", driver: "libsql" },
        logger: { warn() {}, info() {} },
        rateLimits: {
          loginPerIp: { points: 1, durationSeconds: 1 },
          loginPerAccount: { points: 1, durationSeconds: 1 },
          registerPerIp: { points: 1, durationSeconds: 1 },
          bookingPerUser: { points: 1, durationSeconds: 1 },
          passwordResetPerIp: { points: 1, durationSeconds: 1 },
          passwordResetPerAccount: { points: 1, durationSeconds: 1 },
        },
      }),
    );
    try {
      expect(second.tickets.keyId).toBe(keyId);
      expect(second.tickets.verify(token)).not.toBeNull();
    } finally {
      await second.close();
    }
  });

  it("a token signed with the previous key still verifies after rotation; forged ones do not", async () => {
    const previous = generateTicketSigningKey();
    const current = generateTicketSigningKey();
    const claims = { ticketId: 7, eventId: 3, seat: 2 };
    const old = signTicket(claims, parseTicketSigningKey(previous.privateKey));
    t = await openTestServices({
      tickets: { signingKey: current.privateKey, previousPublicKeys: [previous.publicKey] },
    });
    expect(t.tickets.keyId).toBe(current.keyId);
    expect(t.tickets.verify(old)).toEqual(claims);
    expect(t.tickets.jwks.keys.map((key) => key.kid)).toEqual([current.keyId, previous.keyId]);
    const forged = signTicket(claims, parseTicketSigningKey(generateTicketSigningKey().privateKey));
    expect(t.tickets.verify(forged)).toBeNull();
    const altered = t.tickets.sign(claims).replace(/.(?=.{60}$)/, (c) => (c === "A" ? "B" : "A"));
    expect(t.tickets.verify(altered)).toBeNull();
  });
});
