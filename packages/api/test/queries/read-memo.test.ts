/**
 * Public reads are remembered between commits (queries/read-memo.ts). A remembered answer
 * must never be one the database would no longer give: any commit, from any connection,
 * replaces it, and an upcoming page is dropped when the first of its events starts.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { User } from "@boxoffice/db";
import { drivers } from "@boxoffice/db/testing";
import { eventTomorrow, openTestServices, type TestServices } from "../../src/testing.ts";
import { unwrap } from "../../src/errors.ts";
import { findEvent, listEvents } from "../../src/queries/events.ts";
import { addUser } from "../fixtures.ts";

describe.each(drivers)("remembered reads on %s", (driver) => {
  let t: TestServices;
  let admin: User;
  beforeEach(async () => {
    t = await openTestServices({ driver });
    admin = await addUser(t.database.writer, "admin@x.test", "admin");
  });
  afterEach(async () => {
    await t.destroy();
  });

  const page = (now = Date.now()) =>
    listEvents(t.db, { when: "upcoming", sort: "soonest", limit: 10, now });
  const create = async (fields: Parameters<typeof eventTomorrow>[1] = {}) =>
    unwrap(await t.commands.createEvent(eventTomorrow(admin.id, { capacity: 10, ...fields })))
      .event;

  it("gives the same answer object between commits, and a new one after any commit", async () => {
    const event = await create({ title: "Remembered" });
    const first = await page();
    expect(await page()).toBe(first);
    expect((await findEvent(t.db, event.id)) === (await findEvent(t.db, event.id))).toBe(true);

    const booked = unwrap(
      await t.commands.reserveSeats({
        eventId: event.id,
        userId: admin.id,
        seats: 2,
        idempotencyKey: "memo-booking-1",
      }),
    );
    expect(booked.booking.seats).toBe(2);
    expect((await page()).items[0]?.availableSeats).toBe(8);
    expect((await findEvent(t.db, event.id))?.availableSeats).toBe(8);

    // A commit that touches no event at all still counts: nothing is assumed.
    const before = await page();
    await addUser(t.database.writer, "someone@x.test");
    expect(await page()).not.toBe(before);
    expect(await page()).toEqual(before);
  });

  it("drops an upcoming page when its first event starts, with no commit", async () => {
    const now = Date.now();
    const soon = await create({ title: "Soon", startsAt: now + 60_000, endsAt: now + 120_000 });
    const later = await create({ title: "Later" });
    expect((await page(now)).items.map((e) => e.id)).toEqual([soon.id, later.id]);
    expect((await page(soon.startsAt - 1)).items.map((e) => e.id)).toEqual([soon.id, later.id]);
    expect((await page(soon.startsAt)).items.map((e) => e.id)).toEqual([later.id]);
  });

  it("never remembers a past page: time alone adds to it", async () => {
    const now = Date.now();
    const event = await create({ title: "Soon", startsAt: now + 60_000, endsAt: now + 120_000 });
    const past = (at: number) =>
      listEvents(t.db, { when: "past", sort: "latest", limit: 10, now: at });
    expect((await past(now)).items).toEqual([]);
    expect((await past(event.startsAt)).items.map((e) => e.id)).toEqual([event.id]);
  });
});
