import { asc, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { events, waitlistEntries, type Event, type NewEvent, type User } from "@boxoffice/db";
import { drivers } from "@boxoffice/db/testing";
import { checkInvariant, type Commands } from "../../src/commands/index.ts";
import { describeFailure, unwrap } from "../../src/errors.ts";
import { openTestServices, type TestServices } from "../../src/testing.ts";
import { addEvent, addUser } from "../fixtures.ts";

const minute = 60_000;
const hour = 60 * minute;

describe.each(drivers)("waiting list on %s", (driver) => {
  let t: TestServices;
  let core: Commands;
  let now: number;
  let admin: User;
  let holder: User;
  let outsider: User;
  let key = 0;

  beforeEach(async () => {
    now = Date.now();
    t = await openTestServices({ driver, clock: () => now });
    core = t.commands;
    admin = await addUser(t.database.writer, "admin@x.test", "admin");
    holder = await addUser(t.database.writer, "holder@x.test");
    outsider = await addUser(t.database.writer, "outsider@x.test");
  });
  afterEach(async () => {
    expect(await checkInvariant(t.db)).toEqual([]);
    await t.destroy();
  });

  const person = (name: string) => addUser(t.database.writer, `${name}@x.test`);
  const book = async (eventId: number, userId: number, seats: number) =>
    unwrap(await core.reserveSeats({ eventId, userId, seats, idempotencyKey: `key-${++key}` }))
      .booking;
  const cancel = async (bookingId: number) =>
    unwrap(await core.cancelBooking({ bookingId, actorId: admin.id }));
  const join = async (eventId: number, userId: number, seats: number) =>
    unwrap(await core.joinWaitlist({ eventId, userId, seats })).entry;
  /** An event sold out by one booking per entry of `parts` (seats each), held by `holder`. */
  const soldOut = async (parts: number[], fields: Partial<NewEvent> = {}) => {
    const capacity = parts.reduce((a, b) => a + b, 0);
    const event = await addEvent(t.database.writer, admin.id, {
      capacity,
      maxSeatsPerBooking: 10,
      maxSeatsPerPerson: 100,
      ...fields,
    });
    const bookings = [];
    for (const seats of parts) bookings.push(await book(event.id, holder.id, seats));
    return { event, bookings };
  };
  const figures = async (eventId: number) => {
    const [row] = await t.db.select().from(events).where(eq(events.id, eventId));
    return { available: row?.availableSeats, held: row?.heldSeats, capacity: row?.capacity };
  };
  const statuses = async (eventId: number) =>
    (
      await t.db
        .select({ id: waitlistEntries.id, status: waitlistEntries.status })
        .from(waitlistEntries)
        .where(eq(waitlistEntries.eventId, eventId))
        .orderBy(asc(waitlistEntries.id))
    ).map((row) => row.status);

  describe("joining", () => {
    it("puts a person at the end of a sold-out event's list and logs it", async () => {
      const { event } = await soldOut([5]);
      const a = await person("a");
      const result = await core.joinWaitlist({ eventId: event.id, userId: a.id, seats: 2 });
      if (!result.ok) throw new Error(result.failure.code);
      expect(result.entry).toMatchObject({ eventId: event.id, userId: a.id, seats: 2 });
      expect(result.entry.status).toBe("waiting");
      expect(result.logs).toEqual([
        expect.objectContaining({
          action: "waitlist_joined",
          userId: a.id,
          seats: 2,
          waitlistEntryId: result.entry.id,
          availableAfter: 0,
          heldAfter: 0,
          capacityAfter: 5,
        }),
      ]);
    });

    it("may join for more seats than are left, but is told to book seats that are there", async () => {
      const event = await addEvent(t.database.writer, admin.id, { capacity: 5 });
      await book(event.id, holder.id, 2);
      const a = await person("a");
      const refused = await core.joinWaitlist({ eventId: event.id, userId: a.id, seats: 3 });
      expect(refused).toEqual({
        ok: false,
        failure: { code: "SEATS_AVAILABLE", availableSeats: 3 },
      });
      if (refused.ok) return;
      expect(describeFailure(refused.failure)).toBe(
        "3 seats are available: book them instead of joining the waiting list.",
      );
      expect((await core.joinWaitlist({ eventId: event.id, userId: a.id, seats: 4 })).ok).toBe(
        true,
      );
    });

    it("refuses, with a reason, every join that cannot be a place in line", async () => {
      const { event } = await soldOut([2, 2], { maxSeatsPerBooking: 3, maxSeatsPerPerson: 4 });
      const a = await person("a");
      const refusal = async (input: { eventId: number; userId: number; seats: number }) => {
        const outcome = await core.joinWaitlist(input);
        return outcome.ok ? "joined" : outcome.failure;
      };
      const past = await addEvent(t.database.writer, admin.id, {
        capacity: 1,
        startsAt: now - hour,
      });
      const closed = await addEvent(t.database.writer, admin.id, {
        capacity: 1,
        waitlistEnabled: false,
      });
      const cancelled = await addEvent(t.database.writer, admin.id, {
        capacity: 1,
        status: "cancelled",
      });
      expect(await refusal({ eventId: event.id, userId: a.id, seats: 0 })).toEqual({
        code: "INVALID_SEATS",
      });
      expect(await refusal({ eventId: 999_999, userId: a.id, seats: 1 })).toEqual({
        code: "NOT_FOUND",
        entity: "event",
      });
      expect(await refusal({ eventId: past.id, userId: a.id, seats: 1 })).toEqual({
        code: "EVENT_PAST",
      });
      expect(await refusal({ eventId: closed.id, userId: a.id, seats: 2 })).toEqual({
        code: "WAITLIST_CLOSED",
      });
      expect(await refusal({ eventId: cancelled.id, userId: a.id, seats: 2 })).toEqual({
        code: "EVENT_CANCELLED",
      });
      expect(await refusal({ eventId: event.id, userId: a.id, seats: 4 })).toEqual({
        code: "LIMIT_EXCEEDED",
        maxSeatsPerBooking: 3,
      });
      // The holder already has all 4 seats a person may hold.
      expect(await refusal({ eventId: event.id, userId: holder.id, seats: 1 })).toEqual({
        code: "PERSON_LIMIT",
        maxSeatsPerPerson: 4,
        alreadyHeld: 4,
      });
      expect(await refusal({ eventId: event.id, userId: a.id, seats: 2 })).toBe("joined");
      expect(await refusal({ eventId: event.id, userId: a.id, seats: 1 })).toEqual({
        code: "ALREADY_ON_WAITLIST",
        status: "waiting",
      });
      expect(await statuses(event.id)).toEqual(["waiting"]);
    });
  });

  describe("offers, first in line first", () => {
    it("cancel 1, cancel 3, capacity +2 with entries of 1, 2 and 4 seats", async () => {
      const { event, bookings } = await soldOut([1, 3, 6]);
      const [one, three] = bookings;
      const [a, b, c] = [await person("a"), await person("b"), await person("c")];
      const ea = await join(event.id, a.id, 1);
      const eb = await join(event.id, b.id, 2);
      const ec = await join(event.id, c.id, 4);

      // 1 seat freed: the first entry fits and is offered it.
      const first = await cancel(one?.id ?? 0);
      expect(first.logs.map((log) => [log.action, log.userId, log.seats])).toEqual([
        ["cancelled", holder.id, 1],
        ["offer_made", a.id, 1],
      ]);
      expect(await statuses(event.id)).toEqual(["offered", "waiting", "waiting"]);
      expect(await figures(event.id)).toEqual({ available: 0, held: 1, capacity: 10 });

      // 3 seats freed: 2 go to the 2-seat entry; the 4-seat entry does not fit and keeps its
      // place; the seat left over fits nobody waiting, so it goes on sale.
      const second = await cancel(three?.id ?? 0);
      expect(second.logs.map((log) => [log.action, log.waitlistEntryId])).toEqual([
        ["cancelled", null],
        ["offer_made", eb.id],
      ]);
      expect(await statuses(event.id)).toEqual(["offered", "offered", "waiting"]);
      expect(await figures(event.id)).toEqual({ available: 1, held: 3, capacity: 10 });

      // +2 seats: 3 free, still not 4: nobody fits, the 4-seat entry stays first in line.
      const third = unwrap(
        await core.updateEvent({ eventId: event.id, changes: { capacity: 12 }, actorId: admin.id }),
      );
      expect(third.logs.map((log) => log.action)).toEqual(["capacity_changed"]);
      expect(await figures(event.id)).toEqual({ available: 3, held: 3, capacity: 12 });

      // The 2-seat offer is declined: 5 free, and the 4-seat entry is offered 4 at once.
      const declined = unwrap(await core.declineOffer({ offerId: eb.id, userId: b.id }));
      expect(declined.logs.map((log) => [log.action, log.waitlistEntryId])).toEqual([
        ["offer_declined", eb.id],
        ["offer_made", ec.id],
      ]);
      expect(await statuses(event.id)).toEqual(["offered", "declined", "offered"]);
      expect(await figures(event.id)).toEqual({ available: 1, held: 5, capacity: 12 });
      expect(ea.id).toBeLessThan(eb.id);
    });

    it("a smaller request further back may overtake one that does not fit", async () => {
      const { event, bookings } = await soldOut([1, 3, 6]);
      const [c, b, a] = [await person("c"), await person("b"), await person("a")];
      const ec = await join(event.id, c.id, 4);
      const eb = await join(event.id, b.id, 2);
      const ea = await join(event.id, a.id, 1);
      const first = await cancel(bookings[0]?.id ?? 0);
      expect(first.logs.map((log) => log.waitlistEntryId)).toEqual([null, ea.id]);
      const second = await cancel(bookings[1]?.id ?? 0);
      expect(second.logs.map((log) => log.waitlistEntryId)).toEqual([null, eb.id]);
      // When seats that fit it come, the skipped entry is still first.
      await cancel(bookings[2]?.id ?? 0);
      expect(await statuses(event.id)).toEqual(["offered", "offered", "offered"]);
      expect(ec.status).toBe("waiting");
      expect(await figures(event.id)).toEqual({ available: 3, held: 7, capacity: 10 });
    });

    it("every row of one change carries the figures after the offers: no seat flashes as free", async () => {
      const { event, bookings } = await soldOut([3, 2]);
      const [a, b] = [await person("a"), await person("b")];
      await join(event.id, a.id, 1);
      await join(event.id, b.id, 2);
      const { logs } = await cancel(bookings[0]?.id ?? 0);
      expect(logs.map((log) => [log.action, log.availableAfter, log.heldAfter])).toEqual([
        ["cancelled", 0, 3],
        ["offer_made", 0, 3],
        ["offer_made", 0, 3],
      ]);
    });

    it("seats held for the list are not publicly bookable", async () => {
      const { event, bookings } = await soldOut([2, 2]);
      const a = await person("a");
      await join(event.id, a.id, 2);
      await cancel(bookings[0]?.id ?? 0);
      const sniped = await core.reserveSeats({
        eventId: event.id,
        userId: outsider.id,
        seats: 1,
        idempotencyKey: "snipe-attempt",
      });
      expect(sniped).toEqual({ ok: false, failure: { code: "SOLD_OUT" } });
    });

    it("skips an entry whose person would go over the per-person limit", async () => {
      const event = await addEvent(t.database.writer, admin.id, {
        capacity: 4,
        maxSeatsPerPerson: 3,
      });
      const [a, b] = [await person("a"), await person("b")];
      await book(event.id, a.id, 1);
      const big = await book(event.id, holder.id, 3);
      const ea = await join(event.id, a.id, 2);
      const eb = await join(event.id, b.id, 2);
      unwrap(
        await core.updateEvent({
          eventId: event.id,
          changes: { maxSeatsPerPerson: 2 },
          actorId: admin.id,
        }),
      );
      // a holds 1 and may now hold 2 in all: their request no longer fits; b's does.
      const freed = await cancel(big.id);
      expect(freed.logs.map((log) => [log.action, log.waitlistEntryId])).toEqual([
        ["cancelled", null],
        ["offer_made", eb.id],
      ]);
      expect(await statuses(event.id)).toEqual(["waiting", "offered"]);
      expect(await figures(event.id)).toEqual({ available: 1, held: 2, capacity: 4 });
      expect(ea.status).toBe("waiting");
    });

    it("an update that makes a waiting request fit offers it at once", async () => {
      const { event, bookings } = await soldOut([2, 2], { maxSeatsPerBooking: 2 });
      const a = await person("a");
      const ea = await join(event.id, a.id, 2);
      unwrap(
        await core.updateEvent({
          eventId: event.id,
          changes: { maxSeatsPerBooking: 1 },
          actorId: admin.id,
        }),
      );
      await cancel(bookings[0]?.id ?? 0);
      expect(await figures(event.id)).toEqual({ available: 2, held: 0, capacity: 4 });
      const raised = unwrap(
        await core.updateEvent({
          eventId: event.id,
          changes: { maxSeatsPerBooking: 2 },
          actorId: admin.id,
        }),
      );
      expect(raised.logs.map((log) => [log.action, log.waitlistEntryId])).toEqual([
        ["offer_made", ea.id],
      ]);
      expect(raised.event).toMatchObject({ availableSeats: 0, heldSeats: 2 });
    });

    it("an offer lasts the event's offer window, never past the start", async () => {
      const { event, bookings } = await soldOut([1, 1], {
        waitlistOfferMinutes: 30,
        startsAt: now + 20 * minute,
      });
      const later = await addEvent(t.database.writer, admin.id, {
        capacity: 1,
        waitlistOfferMinutes: 30,
      });
      const laterBooking = await book(later.id, holder.id, 1);
      const a = await person("a");
      const ea = await join(event.id, a.id, 1);
      const el = await join(later.id, a.id, 1);
      await cancel(bookings[0]?.id ?? 0);
      await cancel(laterBooking.id);
      const [soon] = await t.db.select().from(waitlistEntries).where(eq(waitlistEntries.id, ea.id));
      const [far] = await t.db.select().from(waitlistEntries).where(eq(waitlistEntries.id, el.id));
      expect(soon?.offerExpiresAt).toBe(now + 20 * minute);
      expect(far?.offerExpiresAt).toBe(now + 30 * minute);
    });
  });

  describe("claiming", () => {
    const offered = async () => {
      const { event, bookings } = await soldOut([2, 3]);
      const a = await person("a");
      const entry = await join(event.id, a.id, 2);
      await cancel(bookings[0]?.id ?? 0);
      return { event, a, offerId: entry.id };
    };

    it("turns the held seats into a confirmed booking, once per key", async () => {
      const { event, a, offerId } = await offered();
      const input = { offerId, userId: a.id, idempotencyKey: "claim-key-1" };
      const [first, second] = await Promise.all([core.claimOffer(input), core.claimOffer(input)]);
      const third = await core.claimOffer(input);
      if (!first.ok || !second.ok || !third.ok) throw new Error("expected claims to succeed");
      expect(first.booking).toMatchObject({ eventId: event.id, userId: a.id, seats: 2 });
      expect(first.booking.status).toBe("confirmed");
      expect([second.booking.id, third.booking.id]).toEqual([first.booking.id, first.booking.id]);
      expect([first.replayed, second.replayed, third.replayed]).toEqual([false, true, true]);
      expect(first.logs).toEqual([
        expect.objectContaining({
          action: "offer_claimed",
          bookingId: first.booking.id,
          waitlistEntryId: offerId,
          availableAfter: 0,
          heldAfter: 0,
        }),
      ]);
      expect([second.logs, third.logs]).toEqual([[], []]);
      expect(await figures(event.id)).toEqual({ available: 0, held: 0, capacity: 5 });
      expect(await statuses(event.id)).toEqual(["claimed"]);

      // The same key for another booking, and a new key for the claimed offer, are refused.
      const reused = await core.reserveSeats({
        eventId: event.id,
        userId: a.id,
        seats: 1,
        idempotencyKey: "claim-key-1",
      });
      expect(reused).toEqual({ ok: false, failure: { code: "IDEMPOTENCY_KEY_REUSED" } });
      expect(await core.claimOffer({ ...input, idempotencyKey: "claim-key-2" })).toEqual({
        ok: false,
        failure: { code: "OFFER_CLOSED", status: "claimed" },
      });
    });

    it("refuses someone else's offer, an unknown one, and a key used for a booking", async () => {
      const { a, offerId } = await offered();
      expect(
        await core.claimOffer({ offerId, userId: outsider.id, idempotencyKey: "not-mine-1" }),
      ).toEqual({ ok: false, failure: { code: "NOT_FOUND", entity: "offer" } });
      expect(
        await core.claimOffer({ offerId: 999_999, userId: a.id, idempotencyKey: "unknown-1" }),
      ).toEqual({ ok: false, failure: { code: "NOT_FOUND", entity: "offer" } });
      expect(await core.declineOffer({ offerId, userId: outsider.id })).toEqual({
        ok: false,
        failure: { code: "NOT_FOUND", entity: "offer" },
      });
      const other = await addEvent(t.database.writer, admin.id, { capacity: 5 });
      unwrap(
        await core.reserveSeats({
          eventId: other.id,
          userId: a.id,
          seats: 1,
          idempotencyKey: "used-for-a-booking",
        }),
      );
      expect(
        await core.claimOffer({ offerId, userId: a.id, idempotencyKey: "used-for-a-booking" }),
      ).toEqual({ ok: false, failure: { code: "IDEMPOTENCY_KEY_REUSED" } });
    });

    it("is refused after the window, before and after the expiry check ran", async () => {
      const { a, offerId } = await offered();
      now += hour;
      expect(
        await core.claimOffer({ offerId, userId: a.id, idempotencyKey: "too-late-1" }),
      ).toEqual({ ok: false, failure: { code: "OFFER_EXPIRED" } });
      expect(unwrap(await core.expireOffers({})).expired.map((e) => e.id)).toEqual([offerId]);
      expect(
        await core.claimOffer({ offerId, userId: a.id, idempotencyKey: "too-late-2" }),
      ).toEqual({ ok: false, failure: { code: "OFFER_EXPIRED" } });
      expect(await core.declineOffer({ offerId, userId: a.id })).toEqual({
        ok: false,
        failure: { code: "OFFER_EXPIRED" },
      });
    });

    it("a declined offer cannot be claimed", async () => {
      const { a, offerId } = await offered();
      unwrap(await core.declineOffer({ offerId, userId: a.id }));
      expect(
        await core.claimOffer({ offerId, userId: a.id, idempotencyKey: "declined-1" }),
      ).toEqual({ ok: false, failure: { code: "OFFER_CLOSED", status: "declined" } });
    });
  });

  describe("declining, leaving and expiry pass the seats on", () => {
    it("a declined offer goes to the next in line at once", async () => {
      const { event, bookings } = await soldOut([2, 2]);
      const [a, b] = [await person("a"), await person("b")];
      const ea = await join(event.id, a.id, 2);
      const eb = await join(event.id, b.id, 2);
      await cancel(bookings[0]?.id ?? 0);
      const declined = unwrap(await core.declineOffer({ offerId: ea.id, userId: a.id }));
      expect(declined.logs.map((log) => [log.action, log.waitlistEntryId])).toEqual([
        ["offer_declined", ea.id],
        ["offer_made", eb.id],
      ]);
      expect(await figures(event.id)).toEqual({ available: 0, held: 2, capacity: 4 });
    });

    it("with nobody left who fits, declined seats go on sale", async () => {
      const { event, bookings } = await soldOut([2, 2]);
      const a = await person("a");
      const ea = await join(event.id, a.id, 2);
      await cancel(bookings[0]?.id ?? 0);
      unwrap(await core.declineOffer({ offerId: ea.id, userId: a.id }));
      expect(await figures(event.id)).toEqual({ available: 2, held: 0, capacity: 4 });
      expect(
        (
          await core.reserveSeats({
            eventId: event.id,
            userId: outsider.id,
            seats: 2,
            idempotencyKey: "after-decline",
          })
        ).ok,
      ).toBe(true);
    });

    it("leaving: a waiting place ends; holding an offer, leaving declines it", async () => {
      const { event, bookings } = await soldOut([1, 3]);
      const [a, b] = [await person("a"), await person("b")];
      const ea = await join(event.id, a.id, 1);
      await join(event.id, b.id, 1);
      expect(await core.leaveWaitlist({ eventId: event.id, userId: outsider.id })).toEqual({
        ok: false,
        failure: { code: "NOT_ON_WAITLIST" },
      });
      await cancel(bookings[0]?.id ?? 0); // offered to a
      const left = unwrap(await core.leaveWaitlist({ eventId: event.id, userId: a.id }));
      expect(left.entry).toMatchObject({ id: ea.id, status: "declined" });
      expect(left.logs.map((log) => [log.action, log.userId])).toEqual([
        ["offer_declined", a.id],
        ["offer_made", b.id],
      ]);
      const c = await person("c");
      const ec = await join(event.id, c.id, 2);
      const gone = unwrap(await core.leaveWaitlist({ eventId: event.id, userId: c.id }));
      expect(gone.entry).toMatchObject({ id: ec.id, status: "left" });
      expect(gone.logs.map((log) => log.action)).toEqual(["waitlist_left"]);
      // A person who left may join again, at the end.
      expect((await core.joinWaitlist({ eventId: event.id, userId: c.id, seats: 2 })).ok).toBe(
        true,
      );
    });

    it("expiry ends each offer once and passes its seats on", async () => {
      const { event, bookings } = await soldOut([2, 2], { waitlistOfferMinutes: 10 });
      const [a, b] = [await person("a"), await person("b")];
      const ea = await join(event.id, a.id, 2);
      const eb = await join(event.id, b.id, 2);
      await cancel(bookings[0]?.id ?? 0);
      now += 10 * minute - 1;
      expect(unwrap(await core.expireOffers({})).expired).toEqual([]);
      now += 1;
      const [first, second] = await Promise.all([core.expireOffers({}), core.expireOffers({})]);
      const expired = [first, second].flatMap((o) => (o.ok ? o.expired.map((e) => e.id) : []));
      expect(expired).toEqual([ea.id]);
      const logs = [first, second].flatMap((o) => (o.ok ? o.logs : []));
      expect(logs.map((log) => [log.action, log.waitlistEntryId])).toEqual([
        ["offer_expired", ea.id],
        ["offer_made", eb.id],
      ]);
      expect(await statuses(event.id)).toEqual(["expired", "offered"]);
      // b's offer runs from the moment it was made.
      const [offer] = await t.db
        .select()
        .from(waitlistEntries)
        .where(eq(waitlistEntries.id, eb.id));
      expect(offer?.offerExpiresAt).toBe(now + 10 * minute);
    });
  });

  describe("the organiser", () => {
    it("turning the list off takes waiting people off it; offers made stand", async () => {
      const { event, bookings } = await soldOut([1, 1, 1]);
      const [a, b] = [await person("a"), await person("b")];
      const ea = await join(event.id, a.id, 1);
      await join(event.id, b.id, 1);
      await cancel(bookings[0]?.id ?? 0);
      const off = unwrap(
        await core.updateEvent({
          eventId: event.id,
          changes: { waitlistEnabled: false },
          actorId: admin.id,
        }),
      );
      expect(off.logs.map((log) => [log.action, log.userId, log.actorId, log.detail])).toEqual([
        ["waitlist_left", b.id, admin.id, { reason: "waitlist_closed" }],
      ]);
      expect(await statuses(event.id)).toEqual(["offered", "cancelled"]);
      // Seats freed while the list is off go on sale.
      await cancel(bookings[1]?.id ?? 0);
      expect(await figures(event.id)).toEqual({ available: 1, held: 1, capacity: 3 });
      const c = await person("c");
      expect(await core.joinWaitlist({ eventId: event.id, userId: c.id, seats: 2 })).toEqual({
        ok: false,
        failure: { code: "WAITLIST_CLOSED" },
      });
      expect(
        unwrap(
          await core.claimOffer({ offerId: ea.id, userId: a.id, idempotencyKey: "still-valid" }),
        ).booking.seats,
      ).toBe(1);
    });

    it("capacity cannot go below seats booked and offered", async () => {
      const { event, bookings } = await soldOut([2, 2]);
      const a = await person("a");
      await join(event.id, a.id, 2);
      await cancel(bookings[0]?.id ?? 0);
      const refused = await core.updateEvent({
        eventId: event.id,
        changes: { capacity: 3 },
        actorId: admin.id,
      });
      expect(refused).toEqual({
        ok: false,
        failure: { code: "BELOW_BOOKED", seatsBooked: 2, seatsOffered: 2 },
      });
      if (!refused.ok) {
        expect(describeFailure(refused.failure)).toBe(
          "2 seats already booked and 2 being offered to the waiting list; capacity cannot go below 4.",
        );
      }
    });

    it("cancelling an event withdraws its offers and tells everyone on its list", async () => {
      const { event, bookings } = await soldOut([1, 1]);
      const [a, b] = [await person("a"), await person("b")];
      await join(event.id, a.id, 1);
      await join(event.id, b.id, 1);
      await cancel(bookings[0]?.id ?? 0);
      const cancelled = unwrap(
        await core.cancelEvent({ eventId: event.id, message: "Storm", actorId: admin.id }),
      );
      expect(cancelled.logs.map((log) => [log.action, log.userId])).toEqual([
        ["waitlist_left", a.id],
        ["waitlist_left", b.id],
        ["cancelled", holder.id],
        ["event_cancelled", null],
      ]);
      expect(cancelled.event).toMatchObject({ heldSeats: 0, availableSeats: 2 });
      expect(await checkInvariant(t.db)).toEqual([]);

      // An admin's purge of the cancelled event leaves nothing of its list behind.
      unwrap(await core.deleteEvent({ eventId: event.id, actorId: admin.id }));
      expect(await t.db.$count(waitlistEntries)).toBe(0);
    });
  });

  it("checkInvariant reports held seats that no offer explains", async () => {
    const event: Event = await addEvent(t.database.writer, admin.id, { capacity: 4 });
    await t.database.writer.run((tx) =>
      tx.update(events).set({ availableSeats: 3, heldSeats: 1 }).where(eq(events.id, event.id)),
    );
    expect(await checkInvariant(t.db)).toEqual([
      { eventId: event.id, problem: "held seats 1 != 0 seats of open waiting-list offers" },
    ]);
    await t.database.writer.run((tx) =>
      tx.update(events).set({ availableSeats: 4, heldSeats: 0 }).where(eq(events.id, event.id)),
    );
  });
});
