import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventTomorrow, unwrap } from "@boxoffice/api/testing";
import { startTestServer, type TestServer } from "../harness.ts";
import { eventually, liveClient } from "../support/live-client.ts";

const SUBSCRIBERS = 1_000;

describe("load sanity", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.destroy();
  });

  it(`${SUBSCRIBERS} subscribers on one event all receive a booking's change`, async () => {
    const admin = await server.addUser("admin@load.test", "admin");
    const { event } = unwrap(
      await server.services.commands.createEvent(eventTomorrow(admin.id, { capacity: 50 })),
    );
    const clients = Array.from({ length: SUBSCRIBERS }, () => liveClient(server.url));
    let started = 0;
    const received: number[] = [];
    for (const { client } of clients) {
      client.events.onSeats.subscribe(
        { eventIds: [event.id] },
        { onStarted: () => started++, onData: ({ data }) => received.push(data.availableSeats) },
      );
    }
    await eventually(() => started === SUBSCRIBERS, "every subscription", 30_000);

    const booker = liveClient(server.url, { token: admin.token });
    await booker.client.bookings.create.mutate({
      eventId: event.id,
      seats: 3,
      idempotencyKey: "load-test-1",
    });
    await eventually(
      () => received.length === SUBSCRIBERS,
      "the change at every subscriber",
      30_000,
    );
    expect(new Set(received)).toEqual(new Set([47]));
    await Promise.all([...clients, booker].map((client) => client.close()));
  });
});
