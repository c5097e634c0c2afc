import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { User } from "@boxoffice/db";
import { unwrap } from "../../src/errors.ts";
import { heldForEvent, listBookingsOfUser } from "../../src/queries/bookings.ts";
import { openTestServices, type TestServices } from "../../src/testing.ts";
import { addEvent, addUser } from "../fixtures.ts";

describe("heldForEvent", () => {
  let t: TestServices;
  let admin: User;
  let person: User;
  let other: User;

  beforeEach(async () => {
    t = await openTestServices();
    admin = await addUser(t.database.writer, "admin@x.test", "admin");
    person = await addUser(t.database.writer, "person@x.test");
    other = await addUser(t.database.writer, "other@x.test");
  });
  afterEach(async () => {
    await t.destroy();
  });

  const book = async (eventId: number, user: User, seats: number, key: string) =>
    unwrap(await t.commands.reserveSeats({ eventId, userId: user.id, seats, idempotencyKey: key }))
      .booking;

  it("counts the person's confirmed bookings of that event only, newest first", async () => {
    const event = await addEvent(t.database.writer, admin.id, {
      capacity: 20,
      maxSeatsPerPerson: 6,
    });
    const elsewhere = await addEvent(t.database.writer, admin.id, { capacity: 20 });
    expect(await heldForEvent(t.db, event.id, person.id)).toEqual({
      seats: 0,
      offeredSeats: 0,
      bookings: [],
    });

    const first = await book(event.id, person, 2, "first");
    const second = await book(event.id, person, 1, "second");
    const cancelled = await book(event.id, person, 3, "cancelled");
    unwrap(await t.commands.cancelBooking({ bookingId: cancelled.id, actorId: person.id }));
    await book(event.id, other, 4, "someone else");
    await book(elsewhere.id, person, 5, "another event");

    expect(await heldForEvent(t.db, event.id, person.id)).toEqual({
      seats: 3,
      offeredSeats: 0,
      bookings: [
        { id: second.id, reference: second.reference, seats: 1 },
        { id: first.id, reference: first.reference, seats: 2 },
      ],
    });

    // My bookings carries the same total on every booking of the event, on any page.
    const page = await listBookingsOfUser(t.db, person.id, { limit: 2 });
    const rest = await listBookingsOfUser(t.db, person.id, { limit: 10, cursor: page.nextCursor });
    const held = [...page.items, ...rest.items].map((b) => [b.event.id, b.event.seatsHeld]);
    expect(held).toEqual([
      [elsewhere.id, 5],
      [event.id, 3],
      [event.id, 3],
      [event.id, 3],
    ]);
  });

  it("says which seats the waiting list offers them (they count towards the limit)", async () => {
    const event = await addEvent(t.database.writer, admin.id, {
      capacity: 2,
      maxSeatsPerPerson: 4,
      waitlistEnabled: true,
    });
    const taken = await book(event.id, other, 2, "all of it");
    unwrap(await t.commands.joinWaitlist({ eventId: event.id, userId: person.id, seats: 2 }));
    expect((await heldForEvent(t.db, event.id, person.id)).offeredSeats).toBe(0);

    unwrap(await t.commands.cancelBooking({ bookingId: taken.id, actorId: other.id }));
    expect(await heldForEvent(t.db, event.id, person.id)).toEqual({
      seats: 0,
      offeredSeats: 2,
      bookings: [],
    });
  });
});
