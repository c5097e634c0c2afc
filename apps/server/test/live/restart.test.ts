import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { bookingLogs, events } from "@boxoffice/db";
import { eventTomorrow, unwrap } from "@boxoffice/api/testing";
import { sharedDatabase } from "../support/direct-db.ts";
import { freePort } from "../support/free-port.ts";
import { eventually, liveClient } from "../support/live-client.ts";
import { spawnServer, type ServerProcess } from "../support/spawn-server.ts";

describe("server restart", () => {
  let server: ServerProcess | undefined;
  let db: Awaited<ReturnType<typeof sharedDatabase>> | undefined;
  afterAll(async () => {
    await server?.stop();
    await db?.destroy();
  });

  it("a subscriber ends with the database's seat count, having seen every change once", async () => {
    db = await sharedDatabase();
    const admin = await db.userWithToken("admin@restart.test", "admin");
    const guest = await db.userWithToken("guest@restart.test");
    const { event } = unwrap(
      await db.commands.createEvent(eventTomorrow(admin.id, { capacity: 500 })),
    );
    const port = String(await freePort());
    const env = { DATABASE_URL: db.fileUrl, PORT: port, LIVE_POLL_MS: "200" };
    server = await spawnServer(env);

    const watcher = liveClient(server.url, { retryDelayMs: 100 });
    const seen: { id: number; availableSeats: number }[] = [];
    let started = 0;
    watcher.client.events.onSeats.subscribe(
      { eventIds: [event.id] },
      {
        onStarted: () => started++,
        onData: ({ id, data }) =>
          seen.push({ id: Number(id), availableSeats: data.availableSeats }),
      },
    );
    await eventually(() => started === 1, "the subscription");

    let n = 0;
    // Bookings come from this process, a second writer on the same file.
    const book = () =>
      db?.commands.reserveSeats({
        eventId: event.id,
        userId: guest.id,
        seats: 1,
        idempotencyKey: `restart-${n++}`,
      });
    for (let i = 0; i < 5; i++) await book();
    await eventually(() => seen.length === 5, "changes before the restart");

    const stopping = server.stop();
    for (let i = 0; i < 5; i++) await book();
    expect(await stopping).toBe(0);
    for (let i = 0; i < 5; i++) await book();
    server = await spawnServer(env);
    for (let i = 0; i < 5; i++) await book();

    const [row] = await db.db.select().from(events).where(eq(events.id, event.id));
    const logged = await db.db.$count(bookingLogs, and(eq(bookingLogs.eventId, event.id)));
    await eventually(() => seen.length >= logged, "every change after the restart", 15_000);
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(started).toBeGreaterThanOrEqual(2);
    expect(seen).toHaveLength(logged);
    expect(seen.at(-1)?.availableSeats).toBe(row?.availableSeats);
    const ids = seen.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(seen.map((s) => s.availableSeats)).toEqual(
      Array.from({ length: 20 }, (_, i) => 499 - i),
    );
    await watcher.close();
  });
});
