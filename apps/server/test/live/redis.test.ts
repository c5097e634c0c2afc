import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { events } from "@boxoffice/db";
import { eventTomorrow, unwrap } from "@boxoffice/api/testing";
import { sharedDatabase } from "../support/direct-db.ts";
import { freePort } from "../support/free-port.ts";
import { eventually, liveClient } from "../support/live-client.ts";
import { redisServer } from "../support/redis-server.ts";
import { spawnServer, type ServerProcess } from "../support/spawn-server.ts";

describe("two server processes with one Redis", () => {
  const servers: ServerProcess[] = [];
  let redis: ReturnType<typeof redisServer> | undefined;
  let db: Awaited<ReturnType<typeof sharedDatabase>> | undefined;
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await redis?.stop();
    await db?.destroy();
  });

  it("fans out across instances, survives a Redis outage and catches up after it", async () => {
    redis = redisServer(await freePort());
    await redis.start();
    db = await sharedDatabase();
    const admin = await db.userWithToken("admin@redis.test", "admin");
    const guest = await db.userWithToken("guest@redis.test");
    const { event } = unwrap(
      await db.commands.createEvent(eventTomorrow(admin.id, { capacity: 100 })),
    );

    // No polling: only Redis (and each instance's own commits) may wake a feed.
    const env = { DATABASE_URL: db.fileUrl, PORT: "0", REDIS_URL: redis.url, LIVE_POLL_MS: "0" };
    const a = await spawnServer(env);
    const b = await spawnServer(env);
    servers.push(a, b);

    const onA = liveClient(a.url, { token: guest.token });
    const onB = liveClient(b.url, { token: guest.token });
    const seenOnB: { id: number; availableSeats: number }[] = [];
    let started = false;
    onB.client.events.onSeats.subscribe(
      { eventIds: [event.id] },
      {
        onStarted: () => (started = true),
        onData: ({ id, data }) =>
          seenOnB.push({ id: Number(id), availableSeats: data.availableSeats }),
      },
    );
    await eventually(() => started, "the subscription on B");

    let n = 0;
    const bookOn = (client: typeof onA) =>
      client.client.bookings.create.mutate({
        eventId: event.id,
        seats: 1,
        idempotencyKey: `redis-test-${n++}`,
      });

    await bookOn(onA);
    await eventually(() => seenOnB.length === 1, "A's booking on B's subscriber");

    await redis.stop();
    await bookOn(onB); // B hears its own commit (and reads anything before it) without Redis
    await eventually(() => seenOnB.length === 2, "B's own booking during the outage");
    await bookOn(onA);
    await bookOn(onA);
    for (const server of [a, b]) expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    // Nothing can tell B about A's commits while Redis is down.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(seenOnB).toHaveLength(2);

    await redis.start();
    await eventually(() => seenOnB.length === 4, "B catching up after Redis is back", 15_000);
    await bookOn(onA);
    await eventually(() => seenOnB.length === 5, "A's booking after the outage");

    const [row] = await db.db.select().from(events).where(eq(events.id, event.id));
    expect(seenOnB.map((s) => s.availableSeats)).toEqual([99, 98, 97, 96, 95]);
    expect(seenOnB.at(-1)?.availableSeats).toBe(row?.availableSeats);
    const ids = seenOnB.map((s) => s.id);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    expect(a.process.exitCode).toBeNull();
    expect(b.process.exitCode).toBeNull();
    await onA.close();
    await onB.close();
  });
});
