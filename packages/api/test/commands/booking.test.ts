import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { bookingLogs, bookings, events, type User } from "@boxoffice/db";
import { drivers } from "@boxoffice/db/testing";
import { openTestServices, type TestServices } from "../../src/testing.ts";
import { checkInvariant, type Commands } from "../../src/commands/index.ts";
import { addEvent, addUser } from "../fixtures.ts";

describe.each(drivers)("booking core on %s", (driver) => {
  let t: TestServices;
  let core: Commands;
  let alice: User;
  let bob: User;
  let admin: User;

  beforeEach(async () => {
    t = await openTestServices({ driver });
    core = t.commands;
    alice = await addUser(t.database.writer, "alice@x.test");
    bob = await addUser(t.database.writer, "bob@x.test");
    admin = await addUser(t.database.writer, "admin@x.test", "admin");
  });
  afterEach(async () => {
    await t.destroy();
  });

  const seatsLeft = async (eventId: number) =>
    (await t.db.select().from(events).where(eq(events.id, eventId)))[0]?.availableSeats;

  describe("reserveSeats", () => {
    it("books seats, writes the booking and its log, and returns the log", async () => {
      const event = await addEvent(t.database.writer, admin.id, { capacity: 10 });
      const result = await core.reserveSeats({
        eventId: event.id,
        userId: alice.id,
        seats: 3,
        idempotencyKey: "k1",
      });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.booking).toMatchObject({
        eventId: event.id,
        userId: alice.id,
        seats: 3,
        status: "confirmed",
      });
      expect(result.replayed).toBe(false);
      expect(result.logs).toEqual([
        expect.objectContaining({
          action: "booked",
          seats: 3,
          availableAfter: 7,
          capacityAfter: 10,
          bookingId: result.booking.id,
        }),
      ]);
      expect(await seatsLeft(event.id)).toBe(7);
      expect(await checkInvariant(t.db)).toEqual([]);
    });

    it("answers a retry with the same key with the same booking, booking nothing more", async () => {
      const event = await addEvent(t.database.writer, admin.id, { capacity: 10 });
      const input = { eventId: event.id, userId: alice.id, seats: 2, idempotencyKey: "retry" };
      const [first, second] = await Promise.all([
        core.reserveSeats(input),
        core.reserveSeats(input),
      ]);
      const third = await core.reserveSeats(input);
      if (!first.ok || !second.ok || !third.ok) throw new Error("expected success");
      expect(second.booking.id).toBe(first.booking.id);
      expect(third.booking.id).toBe(first.booking.id);
      expect([first.replayed, second.replayed, third.replayed]).toEqual([false, true, true]);
      expect(third.logs).toEqual([]);
      expect(await seatsLeft(event.id)).toBe(8);
      expect(await t.db.$count(bookings)).toBe(1);
    });

    it("keys are per user: the same key from another user is a new booking", async () => {
      const event = await addEvent(t.database.writer, admin.id, { capacity: 10 });
      const a = await core.reserveSeats({
        eventId: event.id,
        userId: alice.id,
        seats: 1,
        idempotencyKey: "same",
      });
      const b = await core.reserveSeats({
        eventId: event.id,
        userId: bob.id,
        seats: 1,
        idempotencyKey: "same",
      });
      if (!a.ok || !b.ok) throw new Error("expected success");
      expect(a.booking.id).not.toBe(b.booking.id);
    });

    it("refuses a reused key with different seats or event", async () => {
      const event = await addEvent(t.database.writer, admin.id, { capacity: 10 });
      await core.reserveSeats({
        eventId: event.id,
        userId: alice.id,
        seats: 1,
        idempotencyKey: "k",
      });
      const result = await core.reserveSeats({
        eventId: event.id,
        userId: alice.id,
        seats: 2,
        idempotencyKey: "k",
      });
      expect(result).toEqual({ ok: false, failure: { code: "IDEMPOTENCY_KEY_REUSED" } });
    });

    it("refuses each expected failure with its own reason and writes nothing", async () => {
      const small = await addEvent(t.database.writer, admin.id, {
        capacity: 3,
        maxSeatsPerBooking: 2,
      });
      const past = await addEvent(t.database.writer, admin.id, {
        capacity: 5,
        startsAt: Date.now() - 60_000,
      });
      const book = (eventId: number, seats: number, key: string) =>
        core.reserveSeats({ eventId, userId: alice.id, seats, idempotencyKey: key });

      expect(await book(9999, 1, "a")).toEqual({
        ok: false,
        failure: { code: "NOT_FOUND", entity: "event" },
      });
      expect(await book(past.id, 1, "b")).toEqual({ ok: false, failure: { code: "EVENT_PAST" } });
      expect(await book(small.id, 3, "c")).toEqual({
        ok: false,
        failure: { code: "LIMIT_EXCEEDED", maxSeatsPerBooking: 2 },
      });
      expect(await book(small.id, 0, "d")).toEqual({
        ok: false,
        failure: { code: "INVALID_SEATS" },
      });
      expect(await book(small.id, 1.5, "e")).toEqual({
        ok: false,
        failure: { code: "INVALID_SEATS" },
      });
      expect((await book(small.id, 2, "f")).ok).toBe(true);
      expect(await book(small.id, 2, "g")).toEqual({
        ok: false,
        failure: { code: "NOT_ENOUGH_SEATS", availableSeats: 1 },
      });
      expect((await book(small.id, 1, "h")).ok).toBe(true);
      expect(await book(small.id, 1, "i")).toEqual({ ok: false, failure: { code: "SOLD_OUT" } });

      expect(await t.db.$count(bookings)).toBe(2);
      expect(await t.db.$count(bookingLogs)).toBe(2);
      expect(await seatsLeft(past.id)).toBe(5);
      expect(await checkInvariant(t.db)).toEqual([]);
    });

    it("never oversells under many concurrent bookings in one process", async () => {
      const event = await addEvent(t.database.writer, admin.id, {
        capacity: 50,
        maxSeatsPerPerson: 50,
      });
      const results = await Promise.all(
        Array.from({ length: 300 }, (_, i) =>
          core.reserveSeats({
            eventId: event.id,
            userId: i % 2 ? alice.id : bob.id,
            seats: 1 + (i % 3),
            idempotencyKey: `c${i}`,
          }),
        ),
      );
      const sold = results.reduce((sum, r) => sum + (r.ok ? r.booking.seats : 0), 0);
      expect(sold).toBe(50);
      for (const r of results)
        if (!r.ok) expect(["SOLD_OUT", "NOT_ENOUGH_SEATS"]).toContain(r.failure.code);
      expect(await seatsLeft(event.id)).toBe(0);
      expect(await checkInvariant(t.db)).toEqual([]);
    });
  });

  describe("seats per person", () => {
    it("counts every seat a person holds, refuses past the limit and frees on cancel", async () => {
      const event = await addEvent(t.database.writer, admin.id, {
        capacity: 20,
        maxSeatsPerBooking: 2,
        maxSeatsPerPerson: 3,
      });
      const book = (userId: number, seats: number) =>
        core.reserveSeats({
          eventId: event.id,
          userId,
          seats,
          idempotencyKey: crypto.randomUUID(),
        });

      const first = await book(alice.id, 2);
      expect(first.ok).toBe(true);
      expect(await book(alice.id, 2)).toEqual({
        ok: false,
        failure: { code: "PERSON_LIMIT", maxSeatsPerPerson: 3, alreadyHeld: 2 },
      });
      expect((await book(alice.id, 1)).ok).toBe(true);
      expect(await book(alice.id, 1)).toEqual({
        ok: false,
        failure: { code: "PERSON_LIMIT", maxSeatsPerPerson: 3, alreadyHeld: 3 },
      });
      expect((await book(bob.id, 2)).ok).toBe(true);

      if (!first.ok) throw new Error("expected the first booking");
      await core.cancelBooking({ bookingId: first.booking.id, actorId: alice.id });
      expect((await book(alice.id, 2)).ok).toBe(true);
      expect(await seatsLeft(event.id)).toBe(20 - 5);
      expect(await checkInvariant(t.db)).toEqual([]);
    });

    it("holds under concurrent attempts by one person", async () => {
      const event = await addEvent(t.database.writer, admin.id, {
        capacity: 100,
        maxSeatsPerPerson: 4,
      });
      const results = await Promise.all(
        Array.from({ length: 40 }, () =>
          core.reserveSeats({
            eventId: event.id,
            userId: bob.id,
            seats: 1,
            idempotencyKey: crypto.randomUUID(),
          }),
        ),
      );
      expect(results.filter((result) => result.ok)).toHaveLength(4);
      expect(await seatsLeft(event.id)).toBe(96);
    });

    it("refuses a cancelled event", async () => {
      const event = await addEvent(t.database.writer, admin.id, {
        capacity: 10,
        status: "cancelled",
      });
      expect(
        await core.reserveSeats({
          eventId: event.id,
          userId: alice.id,
          seats: 1,
          idempotencyKey: "cancelled-event",
        }),
      ).toEqual({ ok: false, failure: { code: "EVENT_CANCELLED" } });
    });
  });

  describe("cancelBooking", () => {
    it("gives the seats back once, logged", async () => {
      const event = await addEvent(t.database.writer, admin.id, { capacity: 5 });
      const booked = await core.reserveSeats({
        eventId: event.id,
        userId: alice.id,
        seats: 2,
        idempotencyKey: "k",
      });
      if (!booked.ok) throw new Error("expected booking");
      const cancelled = await core.cancelBooking({
        bookingId: booked.booking.id,
        actorId: alice.id,
      });
      expect(cancelled.ok && cancelled.booking.status).toBe("cancelled");
      expect(cancelled.ok && cancelled.logs[0]).toMatchObject({
        action: "cancelled",
        seats: 2,
        availableAfter: 5,
      });
      expect(await core.cancelBooking({ bookingId: booked.booking.id, actorId: alice.id })).toEqual(
        {
          ok: false,
          failure: { code: "ALREADY_CANCELLED" },
        },
      );
      expect(await core.cancelBooking({ bookingId: 424242, actorId: alice.id })).toEqual({
        ok: false,
        failure: { code: "NOT_FOUND", entity: "booking" },
      });
      expect(await seatsLeft(event.id)).toBe(5);
      expect(await checkInvariant(t.db)).toEqual([]);
    });
  });

  describe("updateEvent", () => {
    it("moves available seats with capacity, relative to bookings made meanwhile", async () => {
      const event = await addEvent(t.database.writer, admin.id, { capacity: 10 });
      await core.reserveSeats({
        eventId: event.id,
        userId: alice.id,
        seats: 4,
        idempotencyKey: "k",
      });
      const grown = await core.updateEvent({
        eventId: event.id,
        changes: { capacity: 20, title: "Bigger" },
        actorId: admin.id,
      });
      expect(grown.ok && grown.event).toMatchObject({
        capacity: 20,
        availableSeats: 16,
        title: "Bigger",
      });
      expect(grown.ok && grown.logs[0]).toMatchObject({
        action: "capacity_changed",
        seats: 10,
        availableAfter: 16,
        capacityAfter: 20,
      });
      const shrunk = await core.updateEvent({
        eventId: event.id,
        changes: { capacity: 4 },
        actorId: admin.id,
      });
      expect(shrunk.ok && shrunk.event).toMatchObject({ capacity: 4, availableSeats: 0 });
      expect(await checkInvariant(t.db)).toEqual([]);
    });

    it("refuses a capacity below the seats booked, and bad dates, changing nothing", async () => {
      const event = await addEvent(t.database.writer, admin.id, { capacity: 10 });
      await core.reserveSeats({
        eventId: event.id,
        userId: alice.id,
        seats: 4,
        idempotencyKey: "k",
      });
      expect(
        await core.updateEvent({
          eventId: event.id,
          changes: { capacity: 3, title: "x" },
          actorId: admin.id,
        }),
      ).toEqual({
        ok: false,
        failure: { code: "BELOW_BOOKED", seatsBooked: 4, seatsOffered: 0 },
      });
      expect(
        await core.updateEvent({
          eventId: event.id,
          changes: { endsAt: event.startsAt - 1 },
          actorId: admin.id,
        }),
      ).toEqual({ ok: false, failure: { code: "INVALID_DATES" } });
      expect(
        await core.updateEvent({ eventId: 777, changes: { title: "x" }, actorId: admin.id }),
      ).toEqual({
        ok: false,
        failure: { code: "NOT_FOUND", entity: "event" },
      });
      const [after] = await t.db.select().from(events).where(eq(events.id, event.id));
      expect(after).toMatchObject({ capacity: 10, availableSeats: 6, title: "Test event" });
    });
  });

  describe("cancelEvent and deleteEvent", () => {
    it("refuses to delete an event with confirmed bookings: it is cancelled instead", async () => {
      const event = await addEvent(t.database.writer, admin.id, { capacity: 10 });
      await core.reserveSeats({
        eventId: event.id,
        userId: alice.id,
        seats: 2,
        idempotencyKey: "a",
      });
      await core.reserveSeats({ eventId: event.id, userId: bob.id, seats: 3, idempotencyKey: "b" });

      expect(await core.deleteEvent({ eventId: event.id, actorId: admin.id })).toEqual({
        ok: false,
        failure: { code: "HAS_BOOKINGS", confirmedBookings: 2 },
      });

      const cancelled = await core.cancelEvent({
        eventId: event.id,
        message: "The hall flooded.",
        actorId: admin.id,
      });
      if (!cancelled.ok) throw new Error("expected the event to be cancelled");
      expect(cancelled.cancelledBookings).toBe(2);
      expect(cancelled.event).toMatchObject({
        status: "cancelled",
        cancellationMessage: "The hall flooded.",
        availableSeats: 10,
      });
      expect(cancelled.logs.map((l) => [l.action, l.availableAfter])).toEqual([
        ["cancelled", 7],
        ["cancelled", 10],
        ["event_cancelled", 10],
      ]);
      expect(cancelled.logs.map((l) => l.detail)).toEqual([
        { message: "The hall flooded." },
        { message: "The hall flooded." },
        { message: "The hall flooded." },
      ]);
      // Kept, marked, and the seats add up.
      const kept = await t.db.select().from(bookings).where(eq(bookings.eventId, event.id));
      expect(kept.map((b) => b.status)).toEqual([
        "cancelled_by_organiser",
        "cancelled_by_organiser",
      ]);
      expect(await checkInvariant(t.db)).toEqual([]);
      // No more bookings, and no second cancellation.
      expect(
        await core.reserveSeats({
          eventId: event.id,
          userId: alice.id,
          seats: 1,
          idempotencyKey: "c",
        }),
      ).toEqual({ ok: false, failure: { code: "EVENT_CANCELLED" } });
      expect(
        await core.cancelEvent({ eventId: event.id, message: "again", actorId: admin.id }),
      ).toEqual({ ok: false, failure: { code: "EVENT_ALREADY_CANCELLED" } });

      // An admin may then purge it; the record stays in booking_logs.
      const purged = await core.deleteEvent({ eventId: event.id, actorId: admin.id });
      expect(purged.ok).toBe(true);
      expect(await t.db.$count(events)).toBe(0);
      expect(await t.db.$count(bookingLogs, eq(bookingLogs.eventId, event.id))).toBe(6);
    });

    it("deletes an event without bookings and reports an unknown one", async () => {
      const event = await addEvent(t.database.writer, admin.id, { capacity: 10 });
      expect((await core.deleteEvent({ eventId: event.id, actorId: admin.id })).ok).toBe(true);
      expect(await core.deleteEvent({ eventId: event.id, actorId: admin.id })).toEqual({
        ok: false,
        failure: { code: "NOT_FOUND", entity: "event" },
      });
      expect(
        await core.cancelEvent({ eventId: event.id, message: "x", actorId: admin.id }),
      ).toEqual({ ok: false, failure: { code: "NOT_FOUND", entity: "event" } });
    });
  });

  describe("checkInvariant", () => {
    it("reports an event whose seats do not add up", async () => {
      const event = await addEvent(t.database.writer, admin.id, { capacity: 10 });
      await core.reserveSeats({
        eventId: event.id,
        userId: alice.id,
        seats: 2,
        idempotencyKey: "k",
      });
      // Corrupt the count the way a read-compute-write bug would.
      await t.database.writer.run((tx) =>
        tx.update(events).set({ availableSeats: 10 }).where(eq(events.id, event.id)),
      );
      const violations = await checkInvariant(t.db);
      expect(violations).toEqual([
        { eventId: event.id, problem: "available 10 + booked 2 + held 0 != capacity 10" },
        { eventId: event.id, problem: "last log says 8 available, event says 10" },
      ]);
    });
  });
});
