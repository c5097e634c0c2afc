import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkInvariant } from "@boxoffice/api/commands";
import { bookingLogs, bookings, events } from "@boxoffice/db";
import { startTestServer, type TestServer, type TestUser } from "./harness.ts";
import { snapshotOf } from "./support/db-snapshot.ts";
import { book, createEvent, day } from "./support/fixtures.ts";
import { clientFor, refusalOf } from "./support/trpc-http.ts";

describe("booking over HTTP", () => {
  let server: TestServer;
  let admin: TestUser;
  let creator: TestUser;
  let counter = 0;
  const key = () => `http-test-key-${++counter}`;

  beforeAll(async () => {
    server = await startTestServer();
    [admin, creator] = await Promise.all([
      server.addUser("admin@example.com", "admin"),
      server.addUser("creator@example.com"),
    ]);
  });
  afterAll(async () => {
    await server.destroy();
  });

  const seatsOf = async (eventId: number) =>
    (await server.services.db.select().from(events).where(eq(events.id, eventId)))[0]
      ?.availableSeats;
  const confirmedOn = async (eventId: number) =>
    server.services.db
      .select()
      .from(bookings)
      .where(and(eq(bookings.eventId, eventId), eq(bookings.status, "confirmed")));

  it("200 people racing for 50 seats: exactly 50 win, the rest are told SOLD_OUT", async () => {
    const event = await createEvent(server.services, admin.id, { capacity: 50 });
    const people = await Promise.all(
      Array.from({ length: 200 }, (_, i) => server.addUser(`racer-${i}@example.com`)),
    );
    const results = await Promise.allSettled(
      people.map((person, i) =>
        clientFor(server.url, person.token).bookings.create.mutate({
          eventId: event.id,
          seats: 1,
          idempotencyKey: `race-${i}-attempt`,
        }),
      ),
    );

    const won = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    expect(won).toHaveLength(50);
    // Each winner saw the count drop by one: 49 … 0, each exactly once.
    expect(won.map((w) => w.availableSeats).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => i),
    );
    expect(new Set(won.map((w) => w.booking.userId)).size).toBe(50);
    const lost = await Promise.all(
      results.flatMap((r) =>
        r.status === "rejected" ? [refusalOf(Promise.reject(r.reason))] : [],
      ),
    );
    expect(lost).toHaveLength(150);
    for (const refusal of lost) {
      expect(refusal).toMatchObject({ code: "CONFLICT", reason: "SOLD_OUT", httpStatus: 409 });
    }

    expect(await seatsOf(event.id)).toBe(0);
    expect(await confirmedOn(event.id)).toHaveLength(50);
    const logs = await server.services.db
      .select()
      .from(bookingLogs)
      .where(eq(bookingLogs.eventId, event.id));
    expect(logs.filter((log) => log.action === "booked")).toHaveLength(50);
    expect(await checkInvariant(server.services.db)).toEqual([]);
  });

  it("a retry with the same idempotency key returns the first booking and books nothing more", async () => {
    const event = await createEvent(server.services, admin.id, { capacity: 20 });
    const person = await server.addUser("retry@example.com");
    const client = clientFor(server.url, person.token);
    const request = { eventId: event.id, seats: 2, idempotencyKey: key() };

    const first = await client.bookings.create.mutate(request);
    expect(first).toMatchObject({ replayed: false, availableSeats: 18 });
    const again = await client.bookings.create.mutate(request);
    expect(again).toMatchObject({ replayed: true, availableSeats: 18 });
    expect(again.booking.id).toBe(first.booking.id);

    // Retries racing each other still make one booking.
    const racing = { ...request, idempotencyKey: key() };
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => client.bookings.create.mutate(racing)),
    );
    expect(new Set(answers.map((a) => a.booking.id)).size).toBe(1);
    expect(answers.filter((a) => !a.replayed)).toHaveLength(1);

    expect(await seatsOf(event.id)).toBe(16);
    expect(await confirmedOn(event.id)).toHaveLength(2);

    for (const changed of [
      { seats: 3 },
      { eventId: (await createEvent(server.services, admin.id)).id },
    ]) {
      const refusal = await refusalOf(client.bookings.create.mutate({ ...request, ...changed }));
      expect(refusal).toMatchObject({ code: "CONFLICT", reason: "IDEMPOTENCY_KEY_REUSED" });
    }
    expect(await seatsOf(event.id)).toBe(16);
    expect(await checkInvariant(server.services.db)).toEqual([]);
  });

  it("each refusal comes back with its tRPC code, reason and a readable message", async () => {
    const person = await server.addUser("refused@example.com");
    const client = clientFor(server.url, person.token);
    const past = await createEvent(server.services, admin.id, { startsAt: Date.now() - day });
    const small = await createEvent(server.services, admin.id, {
      capacity: 3,
      maxSeatsPerBooking: 4,
    });
    const attempt = (eventId: number, seats: number) =>
      refusalOf(client.bookings.create.mutate({ eventId, seats, idempotencyKey: key() }));
    const before = await snapshotOf(server.services.db);

    expect(await attempt(past.id, 1)).toMatchObject({
      code: "PRECONDITION_FAILED",
      reason: "EVENT_PAST",
      httpStatus: 412,
    });
    const limit = await attempt(small.id, 5);
    expect(limit).toMatchObject({ code: "BAD_REQUEST", reason: "LIMIT_EXCEEDED" });
    expect(limit.message).toMatch(/at most 4 seats/);
    const notEnough = await attempt(small.id, 4);
    expect(notEnough).toMatchObject({ code: "CONFLICT", reason: "NOT_ENOUGH_SEATS" });
    expect(notEnough.message).toMatch(/Only 3 seats left/);
    expect(await attempt(987_654_321, 1)).toMatchObject({
      code: "NOT_FOUND",
      reason: "NOT_FOUND",
      httpStatus: 404,
    });
    expect(await snapshotOf(server.services.db)).toEqual(before);

    const booked = await client.bookings.create.mutate({
      eventId: small.id,
      seats: 3,
      idempotencyKey: key(),
    });
    expect(await attempt(small.id, 1)).toMatchObject({ code: "CONFLICT", reason: "SOLD_OUT" });

    const cancelled = await client.bookings.cancel.mutate({ id: booked.booking.id });
    expect(cancelled.status).toBe("cancelled");
    expect(await seatsOf(small.id)).toBe(3);
    expect(await refusalOf(client.bookings.cancel.mutate({ id: booked.booking.id }))).toMatchObject(
      {
        code: "CONFLICT",
        reason: "ALREADY_CANCELLED",
      },
    );
    expect(await checkInvariant(server.services.db)).toEqual([]);
  });

  it("capacity cannot go below what is booked; a rise frees seats relatively", async () => {
    const event = await createEvent(server.services, creator.id, { capacity: 10 });
    const holder = await server.addUser("capacity@example.com");
    await book(server.services, holder.id, event.id, 6);
    const asCreator = clientFor(server.url, creator.token);

    const refusal = await refusalOf(
      asCreator.events.update.mutate({ id: event.id, changes: { capacity: 5, title: "Smaller" } }),
    );
    expect(refusal).toMatchObject({ code: "CONFLICT", reason: "BELOW_BOOKED" });
    expect(refusal.message).toMatch(/6 seats already booked/);
    const unchanged = await clientFor(server.url).events.byId.query({ id: event.id });
    expect(unchanged).toMatchObject({ title: "Test event", capacity: 10, availableSeats: 4 });

    const exact = await asCreator.events.update.mutate({ id: event.id, changes: { capacity: 6 } });
    expect(exact).toMatchObject({ capacity: 6, availableSeats: 0 });
    const bigger = await asCreator.events.update.mutate({
      id: event.id,
      changes: { capacity: 15 },
    });
    expect(bigger).toMatchObject({ capacity: 15, availableSeats: 9 });
    expect(await checkInvariant(server.services.db)).toEqual([]);
  });

  it("an event with bookings is never deleted: it is cancelled, and only an admin purges it", async () => {
    const event = await createEvent(server.services, creator.id, { capacity: 10 });
    const holders = await Promise.all([
      server.addUser("delete-1@example.com"),
      server.addUser("delete-2@example.com"),
    ]);
    for (const holder of holders) await book(server.services, holder.id, event.id, 2);
    const asCreator = clientFor(server.url, creator.token);
    const asAdmin = clientFor(server.url, admin.token);
    const before = await snapshotOf(server.services.db);

    for (const client of [asCreator, asAdmin]) {
      const refusal = await refusalOf(client.events.delete.mutate({ id: event.id }));
      expect(refusal).toMatchObject({ code: "CONFLICT", reason: "HAS_BOOKINGS" });
      expect(refusal.message).toMatch(/2 confirmed bookings.*cancel it instead/);
    }
    expect(await snapshotOf(server.services.db)).toEqual(before);

    const outsider = clientFor(server.url, holders[0]?.token);
    expect(
      (await refusalOf(outsider.events.cancel.mutate({ id: event.id, message: "no" }))).code,
    ).toBe("FORBIDDEN");
    const cancelled = await asCreator.events.cancel.mutate({
      id: event.id,
      message: "The venue closed.",
    });
    expect(cancelled).toMatchObject({
      cancelledBookings: 2,
      event: { status: "cancelled", cancellationMessage: "The venue closed.", availableSeats: 10 },
    });
    const kept = await server.services.db
      .select()
      .from(bookings)
      .where(eq(bookings.eventId, event.id));
    expect(kept.map((booking) => booking.status)).toEqual([
      "cancelled_by_organiser",
      "cancelled_by_organiser",
    ]);
    expect(await checkInvariant(server.services.db)).toEqual([]);

    // The creator cannot purge it (its holders still see their cancelled bookings); an admin can.
    expect((await refusalOf(asCreator.events.delete.mutate({ id: event.id }))).code).toBe(
      "FORBIDDEN",
    );
    expect(await asAdmin.events.delete.mutate({ id: event.id })).toEqual({ id: event.id });
    expect((await refusalOf(asAdmin.events.byId.query({ id: event.id }))).code).toBe("NOT_FOUND");
    const logs = await server.services.db
      .select()
      .from(bookingLogs)
      .where(eq(bookingLogs.eventId, event.id));
    expect(logs.map((log) => log.action)).toEqual([
      "booked",
      "booked",
      "cancelled",
      "cancelled",
      "event_cancelled",
      "event_deleted",
    ]);

    // Without bookings the creator may delete their own event.
    const empty = await createEvent(server.services, creator.id);
    expect(await asCreator.events.delete.mutate({ id: empty.id })).toEqual({ id: empty.id });
  });
});
