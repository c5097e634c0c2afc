import { webcrypto } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCClientError } from "@trpc/client";
import { generateTicketSigningKey, parseTicketSigningKey, signTicket } from "@boxoffice/auth";
import { eventTomorrow, unwrap } from "@boxoffice/api/testing";
import type { AppRouter } from "@boxoffice/api";
import { readEnv } from "../src/env.ts";
import { startTestServer, type TestServer, type TestUser } from "./harness.ts";
import { sharedDatabase } from "./support/direct-db.ts";
import { createEvent } from "./support/fixtures.ts";
import { eventually, liveClient } from "./support/live-client.ts";
import { spawnServer, type ServerProcess } from "./support/spawn-server.ts";
import { clientFor, refusalOf, type Client } from "./support/trpc-http.ts";

/** The refusal's details, as error.data.refusal carries them. */
async function refusalDetails(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCClientError) {
      return (error as TRPCClientError<AppRouter>).data?.refusal ?? null;
    }
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("tickets and check-in over HTTP", () => {
  const previous = generateTicketSigningKey();
  const current = generateTicketSigningKey();
  let server: TestServer;
  let holder: TestUser;
  let organiser: TestUser;
  let door: TestUser;
  let asHolder: Client;
  let asDoor: Client;
  let eventId: number;

  beforeAll(async () => {
    server = await startTestServer({
      env: {
        TICKET_SIGNING_KEY: current.privateKey,
        TICKET_PREVIOUS_PUBLIC_KEYS: previous.publicKey,
      },
    });
    [holder, organiser, door] = await Promise.all([
      server.addUser("holder@example.com"),
      server.addUser("organiser@example.com", "admin"),
      server.addUser("door@example.com"),
    ]);
    eventId = (
      await createEvent(server.services, organiser.id, {
        title: "Door test",
        maxSeatsPerPerson: 100,
      })
    ).id;
    asHolder = clientFor(server.url, holder.token);
    asDoor = clientFor(server.url, door.token);
    await clientFor(server.url, organiser.token).events.staff.add.mutate({
      eventId,
      email: door.email,
    });
  });
  afterAll(async () => {
    await server.destroy();
  });

  const bookTwo = async () => {
    const { booking } = await asHolder.bookings.create.mutate({
      eventId,
      seats: 2,
      idempotencyKey: crypto.randomUUID(),
    });
    return asHolder.bookings.tickets.query({ bookingId: booking.id });
  };

  it("a booking's tickets come with a reference, the event and one signed token per seat", async () => {
    const view = await bookTwo();
    expect(view.booking.reference).toMatch(/^BX-[A-Z2-9]{6}$/);
    expect(view.event).toMatchObject({ id: eventId, title: "Door test", timezone: "UTC" });
    expect(view.holder.name).toBe("holder");
    expect(view.tickets.map((ticket) => [ticket.seat, ticket.status])).toEqual([
      [1, "valid"],
      [2, "valid"],
    ]);
    for (const ticket of view.tickets) expect(ticket.token).toMatch(/^[\w-]{116}$/);
  });

  it("scans a token: the holder and seat, then ALREADY_CHECKED_IN with when and by whom", async () => {
    const view = await bookTwo();
    const token = view.tickets[0]?.token ?? "";
    const first = await asDoor.checkin.scan.mutate({ eventId, token });
    expect(first).toMatchObject({
      ticket: { seat: 1 },
      holder: { name: "holder", email: "holder@example.com" },
      booking: { reference: view.booking.reference, seats: 2 },
      stillToCome: 1,
    });
    const again = await refusalOf(asDoor.checkin.scan.mutate({ eventId, token }));
    expect(again).toMatchObject({
      code: "CONFLICT",
      httpStatus: 409,
      reason: "ALREADY_CHECKED_IN",
    });
    expect(again.message).toMatch(
      /^Already checked in: holder, seat 1, was let in at .* by door\.$/,
    );
    expect(await refusalDetails(asDoor.checkin.scan.mutate({ eventId, token }))).toMatchObject({
      code: "ALREADY_CHECKED_IN",
      checkedInBy: "door",
      checkedInAt: first.ticket.checkedInAt,
      ticket: { seat: 1, holderName: "holder" },
    });
    const stats = await asDoor.checkin.stats.query({ eventId });
    expect(stats.checkedIn).toBeGreaterThanOrEqual(1);
  });

  it("refuses forged, altered and foreign tokens, and tickets of cancelled bookings", async () => {
    const view = await bookTwo();
    const token = view.tickets[0]?.token ?? "";
    const claims = { ticketId: view.tickets[0]?.id ?? 0, eventId, seat: 1 };
    const forger = parseTicketSigningKey(generateTicketSigningKey().privateKey);
    const forged = signTicket(claims, forger);
    const altered = `${token.slice(0, 40)}${token[40] === "A" ? "B" : "A"}${token.slice(41)}`;
    for (const bad of [forged, altered]) {
      expect(await refusalOf(asDoor.checkin.scan.mutate({ eventId, token: bad }))).toMatchObject({
        httpStatus: 404,
        reason: "UNKNOWN_TICKET",
      });
    }
    const elsewhere = await createEvent(server.services, organiser.id, { title: "Elsewhere" });
    const asOrganiser = clientFor(server.url, organiser.token);
    const wrong = await refusalOf(
      asOrganiser.checkin.scan.mutate({ eventId: elsewhere.id, token }),
    );
    expect(wrong).toMatchObject({
      reason: "WRONG_EVENT",
      message: "This ticket is for another event: Door test.",
    });

    await asHolder.bookings.cancel.mutate({ id: view.booking.id });
    const after = await asHolder.bookings.tickets.query({ bookingId: view.booking.id });
    expect(after.tickets.map((ticket) => [ticket.status, ticket.token])).toEqual([
      ["void", null],
      ["void", null],
    ]);
    expect(await refusalOf(asDoor.checkin.scan.mutate({ eventId, token }))).toMatchObject({
      reason: "VOIDED",
    });
  });

  it("a token signed with the previous key still scans; the JWK Set lists both keys", async () => {
    const view = await bookTwo();
    const ticket = view.tickets[1];
    const old = signTicket(
      { ticketId: ticket?.id ?? 0, eventId, seat: 2 },
      parseTicketSigningKey(previous.privateKey),
    );
    expect((await asDoor.checkin.scan.mutate({ eventId, token: old })).ticket.seat).toBe(2);

    const response = await fetch(`${server.url}/api/tickets/public-key`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/jwk-set+json");
    expect(response.headers.get("cache-control")).toContain("max-age=");
    const jwks = (await response.json()) as { keys: { kid: string; x: string }[] };
    expect(jwks.keys.map((key) => key.kid)).toEqual([current.keyId, previous.keyId]);
    const etag = response.headers.get("etag") ?? "";
    const cached = await fetch(`${server.url}/api/tickets/public-key`, {
      headers: { "if-none-match": etag },
    });
    expect(cached.status).toBe(304);
  });

  it("a scanner verifies tokens offline with WebCrypto and the served JWK Set", async () => {
    const view = await bookTwo();
    const token = view.tickets[0]?.token ?? "";
    const jwks = (await (await fetch(`${server.url}/api/tickets/public-key`)).json()) as {
      keys: (webcrypto.JsonWebKey & { kid: string })[];
    };
    const bytes = Buffer.from(token, "base64url");
    const kid = bytes.subarray(1, 9).toString("hex");
    const jwk = jwks.keys.find((key) => key.kid === kid);
    if (!jwk) throw new Error(`no key ${kid} in the set`);
    const key = await webcrypto.subtle.importKey("jwk", jwk, { name: "Ed25519" }, false, [
      "verify",
    ]);
    const check = (data: Buffer) =>
      webcrypto.subtle.verify({ name: "Ed25519" }, key, data.subarray(23), data.subarray(0, 23));
    expect(await check(bytes)).toBe(true);
    const tampered = Buffer.from(bytes);
    tampered[12] = (tampered[12] ?? 0) ^ 1;
    expect(await check(tampered)).toBe(false);
  });

  it("manual entry: a reference lets one person in at a time, a ticket code its ticket", async () => {
    const view = await bookTwo();
    const reference = view.booking.reference.toLowerCase().replace("-", "");
    const first = await asDoor.checkin.scan.mutate({ eventId, code: ` ${reference} ` });
    expect(first).toMatchObject({ ticket: { seat: 1 }, stillToCome: 1 });
    const code = view.tickets[1]?.code ?? "";
    const second = await asDoor.checkin.scan.mutate({ eventId, code: code.toUpperCase() });
    expect(second).toMatchObject({ ticket: { seat: 2 }, stillToCome: 0 });
    expect(
      await refusalOf(asDoor.checkin.scan.mutate({ eventId, code: view.booking.reference })),
    ).toMatchObject({ reason: "ALREADY_CHECKED_IN" });
    expect(await refusalOf(asDoor.checkin.scan.mutate({ eventId, code: "hello" }))).toMatchObject({
      httpStatus: 400,
    });

    const found = await asDoor.checkin.list.query({ eventId, search: view.booking.reference });
    expect(found.items.map((item) => [item.seat, item.checkedInAt !== null])).toEqual([
      [1, true],
      [2, true],
    ]);
    const undone = await asDoor.checkin.undo.mutate({ ticketId: view.tickets[0]?.id ?? 0 });
    expect(undone.ticketId).toBe(view.tickets[0]?.id);
    expect((await asDoor.checkin.myEvents.query()).map((event) => event.id)).toContain(eventId);
  });

  it("every scanner watching events.onSeats sees the checked-in count move", async () => {
    const view = await bookTwo();
    const watcher = liveClient(server.url, { token: door.token });
    const counts: number[] = [];
    let started = false;
    const subscription = watcher.client.events.onSeats.subscribe(
      { eventIds: [eventId] },
      { onStarted: () => (started = true), onData: ({ data }) => counts.push(data.checkedIn) },
    );
    try {
      await eventually(() => started, "the subscription");
      const { counts: after } = await asDoor.checkin.scan.mutate({
        eventId,
        token: view.tickets[0]?.token ?? "",
      });
      await eventually(() => counts.includes(after.checkedIn), "the new count");
    } finally {
      subscription.unsubscribe();
      await watcher.close();
    }
  });
});

describe("two server processes on one database, no TICKET_SIGNING_KEY", () => {
  const servers: ServerProcess[] = [];
  let db: Awaited<ReturnType<typeof sharedDatabase>> | undefined;
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await db?.destroy();
  });

  it("share the development key, and two doors scanning one ticket at once let it in once", async () => {
    db = await sharedDatabase();
    const admin = await db.userWithToken("admin@race.test", "admin");
    const guest = await db.userWithToken("guest@race.test");
    const { event } = unwrap(
      await db.commands.createEvent(eventTomorrow(admin.id, { capacity: 100 })),
    );
    const env = { DATABASE_URL: db.fileUrl, PORT: "0", LIVE_POLL_MS: "0" };
    const [a, b] = await Promise.all([spawnServer(env), spawnServer(env)]);
    if (!a || !b) throw new Error("servers did not start");
    servers.push(a, b);

    const onA = clientFor(a.url, admin.token);
    const onB = clientFor(b.url, admin.token);
    const asGuest = clientFor(a.url, guest.token);
    const tokens: string[] = [];
    for (let i = 0; i < 10; i++) {
      const { booking } = await asGuest.bookings.create.mutate({
        eventId: event.id,
        seats: 2,
        idempotencyKey: `race-key-${i}`,
      });
      const view = await asGuest.bookings.tickets.query({ bookingId: booking.id });
      tokens.push(...view.tickets.map((ticket) => ticket.token ?? ""));
    }
    // Tokens from A verify at B (and the test process's own services): one key for all.
    expect(db.tickets.verify(tokens[0] ?? "")).not.toBeNull();

    const outcomes = await Promise.all(
      tokens.flatMap((token) =>
        [onA, onB].map((door) =>
          door.checkin.scan.mutate({ eventId: event.id, token }).then(
            () => "in",
            async (error: unknown) => (await refusalOf(Promise.reject(error))).reason,
          ),
        ),
      ),
    );
    for (let i = 0; i < tokens.length; i++) {
      expect(outcomes.slice(2 * i, 2 * i + 2).sort(), `ticket ${i}`).toEqual([
        "ALREADY_CHECKED_IN",
        "in",
      ]);
    }
    const stats = await onB.checkin.stats.query({ eventId: event.id });
    expect(stats).toEqual({
      eventId: event.id,
      checkedIn: 20,
      total: 20,
      availableSeats: 80,
      capacity: 100,
    });
  });
});

describe("ticket key settings", () => {
  it("production refuses to start without TICKET_SIGNING_KEY, naming it", () => {
    expect(() => readEnv({ NODE_ENV: "production", DATABASE_URL: "file:/tmp/x.db" })).toThrow(
      /TICKET_SIGNING_KEY: set it in production/,
    );
    const key = generateTicketSigningKey();
    const env = readEnv({
      NODE_ENV: "production",
      DATABASE_URL: "file:/tmp/x.db",
      TICKET_SIGNING_KEY: key.privateKey,
      TICKET_PREVIOUS_PUBLIC_KEYS: ` ${generateTicketSigningKey().publicKey} ,`,
      EMAIL_DELIVERY: "off",
    });
    expect(env.TICKET_PREVIOUS_PUBLIC_KEYS).toHaveLength(1);
  });

  it("a key that is not an Ed25519 key is a clear start-up error", () => {
    expect(() => readEnv({ TICKET_SIGNING_KEY: "not-a-key" })).toThrow(
      /TICKET_SIGNING_KEY: Use an Ed25519 private key/,
    );
    expect(() => readEnv({ TICKET_PREVIOUS_PUBLIC_KEYS: "abc" })).toThrow(
      /TICKET_PREVIOUS_PUBLIC_KEYS/,
    );
  });
});
