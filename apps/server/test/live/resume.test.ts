import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventTomorrow, unwrap } from "@boxoffice/api/testing";
import { startTestServer, type TestServer } from "../harness.ts";
import { eventually, liveClient } from "../support/live-client.ts";
import { startTcpProxy } from "../support/tcp-proxy.ts";

interface Seen {
  id: string;
  eventId: number;
  availableSeats: number;
}

describe("resumable seat subscriptions", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.destroy();
  });

  it("a client that loses its socket gets exactly the changes it missed, in order, then live ones", async () => {
    const admin = await server.addUser("admin@live.test", "admin");
    const alice = await server.addUser("alice@live.test");
    const { event } = unwrap(
      await server.services.commands.createEvent(
        eventTomorrow(admin.id, { title: "Resume", capacity: 20, maxSeatsPerBooking: 5 }),
      ),
    );
    const port = Number(new URL(server.url).port);
    const proxy = await startTcpProxy(port);
    const watcher = liveClient(`http://127.0.0.1:${proxy.port}`, { retryDelayMs: 50 });
    const booker = liveClient(server.url, { token: alice.token });
    const seen: Seen[] = [];
    let opened = 0;
    const subscription = watcher.client.events.onSeats.subscribe(
      { eventIds: [event.id] },
      {
        onStarted: () => opened++,
        onData: ({ id, data }) =>
          seen.push({ id, eventId: data.eventId, availableSeats: data.availableSeats }),
      },
    );
    await eventually(() => opened === 1, "the first subscription");
    const book = (seats: number, key: string) =>
      booker.client.bookings.create.mutate({ eventId: event.id, seats, idempotencyKey: key });

    await book(1, "resume-live-1");
    await eventually(() => seen.length === 1, "the first live change");

    proxy.cut();
    await book(2, "resume-missed-1");
    await book(3, "resume-missed-2");
    proxy.restore();
    await eventually(() => seen.length === 3, "the two missed changes after reconnecting");
    expect(opened).toBeGreaterThanOrEqual(2);

    await book(4, "resume-live-2");
    await eventually(() => seen.length === 4, "a live change after the resume");
    await new Promise((resolve) => setTimeout(resolve, 200));

    expect(seen.map((s) => s.availableSeats)).toEqual([19, 17, 14, 10]);
    const ids = seen.map((s) => Number(s.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);

    subscription.unsubscribe();
    await watcher.close();
    await booker.close();
    await proxy.close();
  });
});
