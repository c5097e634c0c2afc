import { WebSocket } from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "@boxoffice/server/testing";
import {
  BoxofficeHttpError,
  createBoxofficeClient,
  downloadBookingsCsv,
  isBoxofficeError,
  refusalReason,
  resyncReason,
  signIn,
  type BoxofficeClient,
} from "../src/node.ts";
import { createBoxofficeClient as createUniversalClient } from "../src/index.ts";

interface SeatChange {
  id: string;
  data: { eventId: number; availableSeats: number; capacity: number; deleted: boolean };
}

async function eventually(predicate: () => boolean, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** `ws`, with every socket it opens recorded, and a gate that makes new connections fail. */
function recordingWebSocket() {
  const sockets: WebSocket[] = [];
  const gate = { open: true };
  class Recording extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      // Port 9 (discard) on loopback refuses: the connection fails like a dead network.
      super(gate.open ? url : "ws://127.0.0.1:9/trpc", protocols);
      sockets.push(this);
    }
  }
  return { WebSocket: Recording as unknown as typeof globalThis.WebSocket, sockets, gate };
}

describe("@boxoffice/client against a real server", () => {
  let server: TestServer;
  let token: string;
  const clients: BoxofficeClient[] = [];
  const client = (options: Partial<Parameters<typeof createBoxofficeClient>[0]> = {}) => {
    const created = createBoxofficeClient({ url: server.url, token, ...options });
    clients.push(created);
    return created;
  };

  beforeAll(async () => {
    server = await startTestServer({ seed: true });
    token = (await signIn(server.url, "john@example.com", "password123")).token;
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await server.destroy();
  });

  it("signs in with email and password and gets a token the API accepts", async () => {
    const session = await signIn(`${server.url}/`, "JOHN@example.com", "password123");
    expect(session.token).toMatch(/\S{20,}/);
    expect(session.user).toMatchObject({ email: "john@example.com", role: "user" });
    expect(session.expiresAt).toBeGreaterThan(Date.now());
    expect(await client({ token: session.token }).auth.me.query()).toMatchObject({
      email: "john@example.com",
    });

    const wrong = await signIn(server.url, "john@example.com", "nope-nope").catch((e) => e);
    expect(isBoxofficeError(wrong) && wrong.data?.code).toBe("UNAUTHORIZED");
    expect(wrong.message).toBe("Wrong email or password.");
  });

  it("lists and reads events, books, replays a retry and cancels", async () => {
    const api = client();
    const page = await api.events.list.query({ search: "Jazz" });
    const jazz = page.items[0];
    if (!jazz) throw new Error("the seed has a jazz night");
    expect(jazz.title).toContain("Jazz");

    const first = await api.bookings.create.mutate({
      eventId: jazz.id,
      seats: 2,
      idempotencyKey: "client-test-jazz-1",
    });
    expect(first.availableSeats).toBe(jazz.availableSeats - 2);
    expect(first.booking).toMatchObject({ eventId: jazz.id, seats: 2, status: "confirmed" });
    const retry = await api.bookings.create.mutate({
      eventId: jazz.id,
      seats: 2,
      idempotencyKey: "client-test-jazz-1",
    });
    expect(retry).toMatchObject({ replayed: true, booking: { id: first.booking.id } });
    expect((await api.events.byId.query({ id: jazz.id })).availableSeats).toBe(
      jazz.availableSeats - 2,
    );

    const mine = await api.bookings.mine.query();
    expect(mine.items.map((b) => b.id)).toContain(first.booking.id);
    const cancelled = await api.bookings.cancel.mutate({ id: first.booking.id });
    expect(cancelled.status).toBe("cancelled");
  });

  it("splits many calls made at once into batches the server accepts (TRPC_MAX_BATCH=20)", async () => {
    const api = client();
    const pages = await Promise.all(
      Array.from({ length: 45 }, () => api.events.list.query({ when: "all" })),
    );
    expect(pages).toHaveLength(45);
  });

  it("reads the refusal reason off a sold-out booking, and tells anonymous users to sign in", async () => {
    const api = client();
    const founders = (await api.events.list.query({ search: "Founders" })).items[0];
    if (!founders) throw new Error("the seed has a sold-out founders' breakfast");
    expect(founders.availableSeats).toBe(0);

    const error = await api.bookings.create
      .mutate({ eventId: founders.id, seats: 1, idempotencyKey: "client-test-sold-out" })
      .catch((e: unknown) => e);
    expect(refusalReason(error)).toBe("SOLD_OUT");
    expect(isBoxofficeError(error) && error.data?.code).toBe("CONFLICT");
    expect((error as Error).message).toMatch(/sold out/i);
    expect(refusalReason(new Error("not from the API"))).toBeNull();

    const anonymous = await client({ token: undefined })
      .bookings.create.mutate({ eventId: founders.id, seats: 1, idempotencyKey: "anon-attempt" })
      .catch((e: unknown) => e);
    expect(isBoxofficeError(anonymous) && anonymous.data?.code).toBe("UNAUTHORIZED");
    expect(refusalReason(anonymous)).toBeNull();

    const invalid = await api.bookings.create
      .mutate({ eventId: founders.id, seats: 0, idempotencyKey: "x" })
      .catch((e: unknown) => e);
    expect(isBoxofficeError(invalid) && invalid.data?.zodError?.fieldErrors).toHaveProperty(
      "seats",
    );
  });

  it("opens no WebSocket until a subscription, then streams seat changes made by others", async () => {
    const recording = recordingWebSocket();
    const watcher = client({ token: undefined, WebSocket: recording.WebSocket });
    const event = (await watcher.events.list.query({ search: "Pottery" })).items[0];
    if (!event) throw new Error("the seed has a pottery workshop");
    expect(recording.sockets).toHaveLength(0);

    const seen: SeatChange[] = [];
    let started = false;
    const subscription = watcher.events.onSeats.subscribe(
      { eventIds: [event.id] },
      { onStarted: () => (started = true), onData: (change) => seen.push(change) },
    );
    await eventually(() => started, "the subscription to start");
    expect(recording.sockets).toHaveLength(1);

    const booked = await client().bookings.create.mutate({
      eventId: event.id,
      seats: 1,
      idempotencyKey: "client-test-pottery-1",
    });
    await eventually(() => seen.length === 1, "the seat change");
    expect(seen[0]?.data).toEqual({
      eventId: event.id,
      availableSeats: booked.availableSeats,
      capacity: event.capacity,
      checkedIn: 0,
      heldSeats: 0,
      waitlist: false,
      deleted: false,
    });
    expect(seen[0]?.id).toMatch(/^\d+$/);
    subscription.unsubscribe();
  });

  it("resumes after a dropped connection with exactly the changes it missed", async () => {
    const admin = await server.addUser("admin@client.test", "admin");
    const event = await client({ token: admin.token }).events.create.mutate({
      title: "Resume test",
      startsAt: Date.now() + 86_400_000,
      endsAt: Date.now() + 90_000_000,
      capacity: 20,
    });
    const recording = recordingWebSocket();
    const watcher = client({
      token: undefined,
      WebSocket: recording.WebSocket,
      retryDelayMs: () => 50,
    });
    const seen: number[] = [];
    let starts = 0;
    watcher.events.onSeats.subscribe(
      { eventIds: [event.id] },
      { onStarted: () => starts++, onData: ({ data }) => seen.push(data.availableSeats) },
    );
    await eventually(() => starts === 1, "the subscription to start");
    const book = (seats: number, key: string) =>
      client().bookings.create.mutate({ eventId: event.id, seats, idempotencyKey: key });

    await book(1, "client-resume-1");
    await eventually(() => seen.length === 1, "the first change");

    recording.gate.open = false;
    for (const socket of recording.sockets) socket.terminate();
    await book(2, "client-resume-2");
    await book(3, "client-resume-3");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seen).toEqual([19]);

    recording.gate.open = true;
    await eventually(() => seen.length === 3, "the missed changes after reconnecting");
    await book(4, "client-resume-4");
    await eventually(() => seen.length === 4, "a live change after resuming");
    expect(seen).toEqual([19, 17, 14, 10]);
    expect(starts).toBeGreaterThanOrEqual(2);
  });

  it("subscribes from a snapshot's feedPosition without a gap, and reads a resync answer", async () => {
    const watcher = client({ token: undefined });
    const event = (await watcher.events.list.query({ search: "Pottery" })).items[0];
    if (!event) throw new Error("the seed has a pottery workshop");
    const snapshot = await watcher.events.byId.query({ id: event.id });
    // Booked after the snapshot was read, before the subscription starts.
    const booked = await client().bookings.create.mutate({
      eventId: event.id,
      seats: 1,
      idempotencyKey: "client-test-snapshot-gap",
    });
    const seen: number[] = [];
    const subscription = watcher.events.onSeats.subscribe(
      { eventIds: [event.id], lastEventId: snapshot.feedPosition },
      { onData: ({ data }) => seen.push(data.availableSeats) },
    );
    await eventually(() => seen.length === 1, "the change made between snapshot and subscription");
    expect(seen).toEqual([booked.availableSeats]);
    subscription.unsubscribe();

    const refused = await new Promise<unknown>((resolve) => {
      watcher.events.onSeats.subscribe(
        { lastEventId: String(Number(snapshot.feedPosition) + 1_000_000) },
        { onError: resolve },
      );
    });
    expect(resyncReason(refused)).toBe("AHEAD");
    expect(resyncReason(new Error("anything else"))).toBeNull();
  });

  it("streams the signed-in user's own booking changes over connectionParams auth", async () => {
    const jane = await server.addUser("jane@client.test");
    const api = client({ token: jane.token });
    const event = (await api.events.list.query({ search: "Rust" })).items[0];
    if (!event) throw new Error("the seed has a Rust meetup");
    const changes: string[] = [];
    let started = false;
    const subscription = api.bookings.onMine.subscribe(undefined, {
      onStarted: () => (started = true),
      onData: ({ data }) => changes.push(`${data.action}:${data.seats}`),
    });
    await eventually(() => started, "onMine to start");
    const { booking } = await api.bookings.create.mutate({
      eventId: event.id,
      seats: 2,
      idempotencyKey: "client-test-mine-1",
    });
    await api.bookings.cancel.mutate({ id: booking.id });
    await eventually(() => changes.length === 2, "both booking changes");
    expect(changes).toEqual(["booked:2", "cancelled:2"]);
    subscription.unsubscribe();
  });

  it("downloads an event's bookings as CSV for admins, and refuses others with the status", async () => {
    const admin = await signIn(server.url, "admin@example.com", "password123");
    const event = (await client().events.list.query({ search: "TypeScript" })).items[0];
    if (!event) throw new Error("the seed has a TypeScript meetup");
    const csv = await downloadBookingsCsv({
      url: server.url,
      token: admin.token,
      eventId: event.id,
    });
    expect(csv.split("\n")[0]).toMatch(/email/i);
    expect(csv).toContain("john@example.com");

    const refused = await downloadBookingsCsv({ url: server.url, token, eventId: event.id }).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(BoxofficeHttpError);
    expect((refused as BoxofficeHttpError).status).toBe(403);
    const missing = await downloadBookingsCsv({
      url: server.url,
      token: admin.token,
      eventId: 999_999,
    }).catch((e: unknown) => e);
    expect((missing as BoxofficeHttpError).status).toBe(404);
  });

  it("reads a token function before each request, so a sign-in takes effect at once", async () => {
    let current: string | null = null;
    const api = client({ token: () => current });
    expect(await api.auth.me.query()).toBeNull();
    current = token;
    expect(await api.auth.me.query()).toMatchObject({ email: "john@example.com" });
  });

  it("the browser entry uses the global WebSocket, and says so where there is none (Node 20)", async () => {
    const universal = createUniversalClient({ url: server.url });
    clients.push(universal);
    expect((await universal.events.list.query()).items.length).toBeGreaterThan(0);
    const error = await new Promise<unknown>((resolve) => {
      universal.events.onSeats.subscribe(undefined, { onError: resolve });
    });
    expect(isBoxofficeError(error) && error.message).toMatch(/No WebSocket implementation/);
  });

  it("close() ends subscriptions and the socket", async () => {
    const recording = recordingWebSocket();
    const watcher = createBoxofficeClient({ url: server.url, WebSocket: recording.WebSocket });
    let started = false;
    let completed = false;
    watcher.events.onSeats.subscribe(undefined, {
      onStarted: () => (started = true),
      onComplete: () => (completed = true),
    });
    await eventually(() => started, "the subscription to start");
    await watcher.close();
    expect(completed).toBe(true);
    const afterClose = await new Promise<unknown>((resolve) => {
      watcher.events.onSeats.subscribe(undefined, { onError: resolve });
    });
    expect((afterClose as Error).message).toBe("This Boxoffice client has been closed.");
    await eventually(
      () => recording.sockets.every((s) => s.readyState === WebSocket.CLOSED),
      "the socket to close",
    );
  });
});
