import { afterAll, describe, expect, it } from "vitest";
import { eventTomorrow, unwrap } from "@boxoffice/api/testing";
import { sharedDatabase } from "../support/direct-db.ts";
import { freePort } from "../support/free-port.ts";
import { eventually, liveClient } from "../support/live-client.ts";
import { redisServer } from "../support/redis-server.ts";
import { spawnServer, type ServerProcess } from "../support/spawn-server.ts";

describe("waiting-list offers across two server processes with one Redis", () => {
  const servers: ServerProcess[] = [];
  let redis: ReturnType<typeof redisServer> | undefined;
  let db: Awaited<ReturnType<typeof sharedDatabase>> | undefined;
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await redis?.stop();
    await db?.destroy();
  });

  it("the holder hears of an offer on A when someone else cancels on B", async () => {
    redis = redisServer(await freePort());
    await redis.start();
    db = await sharedDatabase();
    const admin = await db.userWithToken("admin@redis.test", "admin");
    const booker = await db.userWithToken("booker@redis.test");
    const waiter = await db.userWithToken("waiter@redis.test");
    const { event } = unwrap(
      await db.commands.createEvent(eventTomorrow(admin.id, { capacity: 2 })),
    );

    // No polling: only Redis can tell A what B committed.
    const env = { DATABASE_URL: db.fileUrl, PORT: "0", REDIS_URL: redis.url, LIVE_POLL_MS: "0" };
    const [a, b] = await Promise.all([spawnServer(env), spawnServer(env)]);
    servers.push(a, b);

    const onB = liveClient(b.url, { token: booker.token });
    const { booking } = await onB.client.bookings.create.mutate({
      eventId: event.id,
      seats: 2,
      idempotencyKey: "redis-waitlist-seats",
    });
    const onA = liveClient(a.url, { token: waiter.token });
    const entry = await onA.client.waitlist.join.mutate({ eventId: event.id, seats: 2 });

    const mine: { action: string; waitlistEntryId: number | null; at: number }[] = [];
    const seats: { availableSeats: number; heldSeats: number; waitlist: boolean }[] = [];
    let started = 0;
    onA.client.bookings.onMine.subscribe(undefined, {
      onStarted: () => started++,
      onData: ({ data }) => mine.push({ ...data, at: Date.now() }),
    });
    onA.client.events.onSeats.subscribe(
      { eventIds: [event.id] },
      { onStarted: () => started++, onData: ({ data }) => seats.push(data) },
    );
    await eventually(() => started === 2, "both subscriptions on A");

    const cancelledAt = Date.now();
    await onB.client.bookings.cancel.mutate({ id: booking.id });
    await eventually(() => mine.length > 0, "the offer on A's onMine");
    expect(mine[0]).toMatchObject({ action: "offer_made", waitlistEntryId: entry.id });
    expect((mine[0]?.at ?? Infinity) - cancelledAt).toBeLessThan(2_000);
    // Seat watchers never see the freed seats as free: they were held for the list.
    await eventually(() => seats.length === 2, "both seat changes on A");
    expect(seats).toEqual([
      expect.objectContaining({ availableSeats: 0, heldSeats: 2, waitlist: false }),
      expect.objectContaining({ availableSeats: 0, heldSeats: 2, waitlist: true }),
    ]);

    const { booking: claimed } = await onA.client.waitlist.claim.mutate({
      offerId: entry.id,
      idempotencyKey: "redis-waitlist-claim",
    });
    await eventually(() => mine.length === 2, "the claim on onMine");
    expect(mine[1]).toMatchObject({ action: "offer_claimed", bookingId: claimed.id });
    await onA.close();
    await onB.close();
  });
});
