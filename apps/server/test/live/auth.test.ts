import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { TRPCClientError } from "@trpc/client";
import type { AppRouter } from "@boxoffice/api";
import { startTestServer, type TestServer } from "../harness.ts";
import { eventTomorrow, unwrap } from "@boxoffice/api/testing";
import { eventually, liveClient } from "../support/live-client.ts";

/** Opens a raw WebSocket with the given Origin and reports the upgrade's HTTP status. */
function upgradeStatus(url: string, origin: string): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${url.replace(/^http/, "ws")}/trpc`, { headers: { origin } });
    socket.once("open", () => {
      socket.close();
      resolve(101);
    });
    socket.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    socket.once("error", () => {});
  });
}

describe("live updates: who may subscribe", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.destroy();
  });

  it("refuses a cross-site Origin on the upgrade and accepts the site's own", async () => {
    const own = new URL(server.url).origin;
    expect(await upgradeStatus(server.url, "https://evil.example")).toBe(403);
    expect(await upgradeStatus(server.url, own)).toBe(101);
  });

  it("lets anyone watch seats but refuses onMine without a session", async () => {
    const anonymous = liveClient(server.url);
    const error = await new Promise<unknown>((resolve) => {
      anonymous.client.bookings.onMine.subscribe({}, { onError: resolve });
    });
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<AppRouter>).data?.code).toBe("UNAUTHORIZED");

    let watching = false;
    anonymous.client.events.onSeats.subscribe({}, { onStarted: () => (watching = true) });
    await eventually(() => watching, "an anonymous seat subscription");
    await anonymous.close();
  });

  it("tells a holder, over onMine, that an admin cancelled their booking", async () => {
    const admin = await server.addUser("admin@mine.test", "admin");
    const holder = await server.addUser("holder@mine.test");
    const event = unwrap(
      await server.services.commands.createEvent(eventTomorrow(admin.id, { capacity: 10 })),
    ).event;
    const mine = liveClient(server.url, { token: holder.token });
    const asAdmin = liveClient(server.url, { token: admin.token });
    const changes: { action: string; bookingId: number | null }[] = [];
    let started = false;
    mine.client.bookings.onMine.subscribe(
      {},
      {
        onStarted: () => (started = true),
        onData: ({ data }) => changes.push({ action: data.action, bookingId: data.bookingId }),
      },
    );
    await eventually(() => started, "onMine");

    const { booking } = await mine.client.bookings.create.mutate({
      eventId: event.id,
      seats: 2,
      idempotencyKey: "mine-key-1",
    });
    // Someone else's booking on the same event is not the holder's business.
    await asAdmin.client.bookings.create.mutate({
      eventId: event.id,
      seats: 1,
      idempotencyKey: "mine-key-2",
    });
    await asAdmin.client.bookings.cancel.mutate({ id: booking.id });
    await eventually(() => changes.length === 2, "the holder's two changes");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(changes).toEqual([
      { action: "booked", bookingId: booking.id },
      { action: "cancelled", bookingId: booking.id },
    ]);
    await mine.close();
    await asAdmin.close();
  });

  it("ends onMine once the session behind the socket is signed out", async () => {
    const admin = await server.addUser("admin@signout.test", "admin");
    const holder = await server.addUser("holder@signout.test");
    const event = unwrap(
      await server.services.commands.createEvent(eventTomorrow(admin.id, { capacity: 10 })),
    ).event;
    const mine = liveClient(server.url, { token: holder.token });
    const asAdmin = liveClient(server.url, { token: admin.token });
    const received: string[] = [];
    const errors: unknown[] = [];
    let started = false;
    mine.client.bookings.onMine.subscribe(
      {},
      {
        onStarted: () => (started = true),
        onData: ({ data }) => received.push(data.action),
        onError: (error) => errors.push(error),
      },
    );
    await eventually(() => started, "onMine");
    const { booking } = await mine.client.bookings.create.mutate({
      eventId: event.id,
      seats: 1,
      idempotencyKey: "signout-key-1",
    });
    await eventually(() => received.length === 1, "the holder's own booking");

    await mine.client.auth.logout.mutate();
    await asAdmin.client.bookings.cancel.mutate({ id: booking.id });
    await eventually(() => errors.length > 0, "the subscription to end");
    expect((errors[0] as TRPCClientError<AppRouter>).data?.code).toBe("UNAUTHORIZED");
    expect(received).toEqual(["booked"]);
    await mine.close();
    await asAdmin.close();
  });

  it("limits live subscriptions per connection", async () => {
    const client = liveClient(server.url);
    const errors: unknown[] = [];
    let started = 0;
    for (let i = 0; i < 21; i++) {
      client.client.events.onSeats.subscribe(
        { eventIds: [i + 1] },
        { onStarted: () => started++, onError: (error) => errors.push(error) },
      );
    }
    await eventually(
      () => started === 21 && errors.length === 1,
      "the 21st subscription's refusal",
    );
    expect((errors[0] as TRPCClientError<AppRouter>).data?.code).toBe("TOO_MANY_REQUESTS");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(errors).toHaveLength(1);
    await client.close();
  });
});
