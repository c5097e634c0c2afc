/**
 * Booking attempts that are certain to be refused are answered from the read connection,
 * without a place in a write transaction; everything that might succeed still goes to the
 * writer. To tell the two apart, the writer is kept busy inside a transaction: what is
 * answered meanwhile never needed it.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { drivers } from "@boxoffice/db/testing";
import { waitlistEntries, type Event, type User } from "@boxoffice/db";
import { openTestServices, type TestServices } from "../../src/testing.ts";
import { addEvent, addUser } from "../fixtures.ts";

/** Holds the writer inside a transaction until `release()`. */
function holdWriter(t: TestServices) {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let started = () => {};
  const inside = new Promise<void>((resolve) => (started = resolve));
  const done = t.database.writer.run(async () => {
    started();
    await held;
  });
  return { inside, release: async () => (release(), await done) };
}

/** Whether `promise` has settled by the time everything queued so far has run. */
async function settledNow(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return settled;
}

describe.each(drivers)("refusals without the writer on %s", (driver) => {
  let t: TestServices;
  let admin: User;
  let fan: User;
  let soldOut: Event;
  let open: Event;
  const attempt = (user: User, event: Event, idempotencyKey: string, seats = 1) =>
    t.commands.reserveSeats({ eventId: event.id, userId: user.id, seats, idempotencyKey });

  beforeEach(async () => {
    t = await openTestServices({ driver });
    admin = await addUser(t.database.writer, "admin@x.test", "admin");
    fan = await addUser(t.database.writer, "fan@x.test");
    soldOut = await addEvent(t.database.writer, admin.id, { capacity: 1 });
    open = await addEvent(t.database.writer, admin.id, { capacity: 10 });
    const first = await attempt(fan, soldOut, "fan-first-key");
    expect(first.ok).toBe(true);
  });
  afterEach(async () => {
    await t.destroy();
  });

  it("refuses a sold-out event while the writer is busy, and waits for it when seats are left", async () => {
    const other = await addUser(t.database.writer, "other@x.test");
    const writer = holdWriter(t);
    await writer.inside;
    expect(await attempt(other, soldOut, "other-key-1")).toEqual({
      ok: false,
      failure: { code: "SOLD_OUT" },
    });
    expect(await attempt(other, soldOut, "other-key-2", 11)).toMatchObject({
      ok: false,
      failure: { code: "LIMIT_EXCEEDED" },
    });
    const booking = attempt(other, open, "other-key-3");
    expect(await settledNow(booking)).toBe(false);
    await writer.release();
    expect(await booking).toMatchObject({ ok: true, replayed: false });
  });

  it("answers a retry of a key that booked with its booking, from the writer", async () => {
    const writer = holdWriter(t);
    await writer.inside;
    const retry = attempt(fan, soldOut, "fan-first-key");
    expect(await settledNow(retry)).toBe(false);
    await writer.release();
    expect(await retry).toMatchObject({ ok: true, replayed: true });
  });

  it("sends a person holding a waiting-list offer to the writer: sold out is for everyone else", async () => {
    const waiting = await addUser(t.database.writer, "waiting@x.test");
    const now = Date.now();
    await t.database.writer.run((tx) =>
      tx.insert(waitlistEntries).values({
        eventId: soldOut.id,
        userId: waiting.id,
        seats: 1,
        status: "offered",
        offeredAt: now,
        offerExpiresAt: now + 3_600_000,
      }),
    );
    const writer = holdWriter(t);
    await writer.inside;
    const claim = attempt(waiting, soldOut, "waiting-key-1");
    expect(await settledNow(claim)).toBe(false);
    await writer.release();
    await claim;
  });
});
