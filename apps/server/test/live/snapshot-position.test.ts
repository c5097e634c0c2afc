import { type TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppRouter } from "@boxoffice/api";
import { eventTomorrow, unwrap } from "@boxoffice/api/testing";
import { bookingLogs } from "@boxoffice/db";
import { startTestServer, type TestServer } from "../harness.ts";
import { appendChangeHistory } from "../support/bulk-logs.ts";
import { eventually, liveClient } from "../support/live-client.ts";
import { startTcpProxy } from "../support/tcp-proxy.ts";

type ApiError = TRPCClientError<AppRouter>;

/** The newest booking_logs id, read straight from the database. */
async function newestChange(server: TestServer): Promise<number> {
  const rows = await server.services.db.select({ id: bookingLogs.id }).from(bookingLogs);
  return Math.max(0, ...rows.map((row) => row.id));
}

/** The error a subscription ends with. */
function subscriptionError(
  client: ReturnType<typeof liveClient>["client"],
  input: { eventIds?: number[]; lastEventId?: string },
): Promise<ApiError> {
  return new Promise((resolve) => {
    client.events.onSeats.subscribe(input, { onError: (error) => resolve(error as ApiError) });
  });
}

describe("snapshots carry the feed position a subscription starts from", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { LIVE_REPLAY_WINDOW: "500" } });
  });
  afterAll(async () => {
    await server.destroy();
  });

  it("every read with seat figures returns the newest change id it reflects", async () => {
    const admin = await server.addUser("admin@position.test", "admin");
    const guest = await server.addUser("guest@position.test");
    const { event } = unwrap(
      await server.services.commands.createEvent(eventTomorrow(admin.id, { capacity: 9 })),
    );
    const { booking } = unwrap(
      await server.services.commands.reserveSeats({
        eventId: event.id,
        userId: guest.id,
        seats: 2,
        idempotencyKey: "position-1",
      }),
    );
    const newest = String(await newestChange(server));
    const { client, close } = liveClient(server.url, { token: guest.token });

    expect((await client.events.byId.query({ id: event.id })).feedPosition).toBe(newest);
    expect((await client.events.list.query({})).feedPosition).toBe(newest);
    expect((await client.bookings.mine.query({})).feedPosition).toBe(newest);
    expect((await client.bookings.byId.query({ id: booking.id })).feedPosition).toBe(newest);
    await close();
  });

  it("a subscription from a snapshot's position gets what changed after the snapshot, cut or not", async () => {
    const admin = await server.addUser("admin@gap.test", "admin");
    const guest = await server.addUser("guest@gap.test");
    const { event } = unwrap(
      await server.services.commands.createEvent(eventTomorrow(admin.id, { capacity: 146 })),
    );
    const book = (seats: number, key: string) =>
      server.services.commands.reserveSeats({
        eventId: event.id,
        userId: guest.id,
        seats,
        idempotencyKey: key,
      });
    const proxy = await startTcpProxy(Number(new URL(server.url).port));
    const watcher = liveClient(`http://127.0.0.1:${proxy.port}`, { retryDelayMs: 50 });
    const snapshot = await watcher.client.events.byId.query({ id: event.id });
    expect(snapshot.availableSeats).toBe(146);

    // A change between the snapshot and the subscription: without the position it is lost.
    await book(1, "gap-before-subscribing");
    const seen: number[] = [];
    let started = 0;
    watcher.client.events.onSeats.subscribe(
      { eventIds: [event.id], lastEventId: snapshot.feedPosition },
      {
        onStarted: () => started++,
        onData: ({ data }) => seen.push(data.availableSeats),
      },
    );
    await eventually(() => seen.length === 1, "the change made before subscribing");
    expect(seen).toEqual([145]);

    // The connection drops before any further change, and 3 seats go meanwhile: the client
    // resumes from the last id it saw.
    proxy.cut();
    await book(3, "gap-during-the-outage");
    proxy.restore();
    await eventually(() => seen.length === 2, "the change made while cut off");
    expect(seen).toEqual([145, 142]);
    await watcher.close();
    await proxy.close();
  });

  it("a subscription cut before its first change resumes from the snapshot's position", async () => {
    const admin = await server.addUser("admin@first.test", "admin");
    const guest = await server.addUser("guest@first.test");
    const { event } = unwrap(
      await server.services.commands.createEvent(eventTomorrow(admin.id, { capacity: 146 })),
    );
    const proxy = await startTcpProxy(Number(new URL(server.url).port));
    const watcher = liveClient(`http://127.0.0.1:${proxy.port}`, { retryDelayMs: 50 });
    const snapshot = await watcher.client.events.byId.query({ id: event.id });
    const seen: number[] = [];
    let started = false;
    watcher.client.events.onSeats.subscribe(
      { eventIds: [event.id], lastEventId: snapshot.feedPosition },
      { onStarted: () => (started = true), onData: ({ data }) => seen.push(data.availableSeats) },
    );
    await eventually(() => started, "the subscription");
    proxy.cut();
    unwrap(
      await server.services.commands.reserveSeats({
        eventId: event.id,
        userId: guest.id,
        seats: 3,
        idempotencyKey: "first-during-the-outage",
      }),
    );
    proxy.restore();
    await eventually(() => seen.length === 1, "the change made before the first one arrived");
    expect(seen).toEqual([143]);
    await watcher.close();
    await proxy.close();
  });

  it("refuses a lastEventId ahead of the feed, saying it must resync", async () => {
    const { client, close } = liveClient(server.url);
    const ahead = String((await newestChange(server)) + 1_000);
    const error = await subscriptionError(client, { lastEventId: ahead });
    expect(error.data?.code).toBe("BAD_REQUEST");
    expect(error.data?.resync).toBe("AHEAD");
    expect(error.message).toMatch(/ahead of this server's changes/);
    await close();
  });

  it("replays within LIVE_REPLAY_WINDOW and asks for a resync beyond it", async () => {
    const admin = await server.addUser("admin@window.test", "admin");
    const { event } = unwrap(
      await server.services.commands.createEvent(eventTomorrow(admin.id, { capacity: 10 })),
    );
    const before = await newestChange(server);
    await appendChangeHistory(server.services.database, event.id, 600);
    const { client, close } = liveClient(server.url);

    const tooOld = await subscriptionError(client, {
      eventIds: [event.id],
      lastEventId: String(before),
    });
    expect(tooOld.data?.code).toBe("PRECONDITION_FAILED");
    expect(tooOld.data?.resync).toBe("TOO_OLD");
    expect(tooOld.message).toMatch(/More than 500 changes/);
    expect((await subscriptionError(client, { lastEventId: "0" })).data?.resync).toBe("TOO_OLD");

    let replayed = 0;
    client.events.onSeats.subscribe(
      { eventIds: [event.id], lastEventId: String(before + 100) },
      { onData: () => replayed++ },
    );
    await eventually(() => replayed === 500, "the 500 changes inside the window");
    await close();
  });
});
