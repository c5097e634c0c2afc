import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { User } from "@boxoffice/db";
import { unwrap } from "../../src/errors.ts";
import { waitlistOfEvent, waitlistOfUser, offersDue } from "../../src/queries/waitlist.ts";
import { openTestServices, type TestServices } from "../../src/testing.ts";
import { addEvent, addUser } from "../fixtures.ts";

describe("waiting-list reads", () => {
  let t: TestServices;
  let now: number;
  let admin: User;
  let holder: User;

  beforeEach(async () => {
    now = Date.now();
    t = await openTestServices({ clock: () => now });
    admin = await addUser(t.database.writer, "admin@x.test", "admin");
    holder = await addUser(t.database.writer, "holder@x.test");
  });
  afterEach(async () => {
    await t.destroy();
  });

  it("places in line move as people ahead get offers or leave; offers carry their end", async () => {
    const event = await addEvent(t.database.writer, admin.id, { capacity: 2 });
    const { booking } = unwrap(
      await t.commands.reserveSeats({
        eventId: event.id,
        userId: holder.id,
        seats: 1,
        idempotencyKey: "first-seat",
      }),
    );
    unwrap(
      await t.commands.reserveSeats({
        eventId: event.id,
        userId: holder.id,
        seats: 1,
        idempotencyKey: "second-seat",
      }),
    );
    const people = [];
    for (const name of ["a", "b", "c"]) {
      const user = await addUser(t.database.writer, `${name}@x.test`);
      unwrap(await t.commands.joinWaitlist({ eventId: event.id, userId: user.id, seats: 1 }));
      people.push(user);
    }
    const [a, b, c] = people as [User, User, User];
    const placeOf = async (user: User) => (await waitlistOfUser(t.db, user.id, now))[0];
    expect((await placeOf(a))?.position).toBe(1);
    expect((await placeOf(c))?.position).toBe(3);

    unwrap(await t.commands.cancelBooking({ bookingId: booking.id, actorId: holder.id }));
    expect(await placeOf(a)).toMatchObject({
      status: "offered",
      position: null,
      offerExpiresAt: now + 60 * 60_000,
      event: { id: event.id, availableSeats: 0, heldSeats: 1, capacity: 2 },
    });
    expect((await placeOf(b))?.position).toBe(1);
    unwrap(await t.commands.leaveWaitlist({ eventId: event.id, userId: b.id }));
    expect(await placeOf(b)).toBeUndefined();
    expect((await placeOf(c))?.position).toBe(1);

    const list = await waitlistOfEvent(t.db, event.id, { limit: 1 });
    expect(list.items.map((e) => [e.user.email, e.status, e.position])).toEqual([
      ["a@x.test", "offered", null],
    ]);
    expect(list.summary).toEqual({ waiting: 1, seatsWanted: 1, offers: 1 });
    const rest = await waitlistOfEvent(t.db, event.id, { limit: 1, cursor: list.nextCursor });
    expect(rest.items.map((e) => [e.user.email, e.status, e.position])).toEqual([
      ["c@x.test", "waiting", 1],
    ]);
    expect(rest.nextCursor).toBeNull();

    // Due offers are found by a cheap read; started events drop out of "mine".
    expect(await offersDue(t.db, now)).toBe(false);
    expect(await offersDue(t.db, now + 60 * 60_000)).toBe(true);
    now = event.startsAt;
    expect(await waitlistOfUser(t.db, c.id, now)).toEqual([]);
  });
});
