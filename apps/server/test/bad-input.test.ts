import fc from "fast-check";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkInvariant } from "@boxoffice/api/commands";
import { bookings, type Event } from "@boxoffice/db";
import { startTestServer, type TestServer } from "./harness.ts";
import { fingerprintOf, snapshotOf, type Snapshot } from "./support/db-snapshot.ts";
import { book, createEvent, day } from "./support/fixtures.ts";
import { anyString, hostileString } from "./support/hostile-inputs.ts";
import { specs, validEvent, type World } from "./support/refused-inputs.ts";
import { bearer, RawBody, rawCall, type RawAnswer } from "./support/trpc-http.ts";

/** Ways to send any procedure a request its transport refuses: wrong method or body type. */
const wrongTransport = fc.oneof(
  fc.record({ method: fc.constant("wrong-method" as const), input: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({
    method: fc.constant("wrong-content-type" as const),
    contentType: fc.constantFrom(
      "text/plain",
      "application/x-www-form-urlencoded",
      "text/html",
      "application/xml",
    ),
    body: fc.oneof(
      anyString,
      fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v) ?? ""),
    ),
  }),
);

/** A 4xx with tRPC's JSON error: a code, a message, and nothing internal. */
function expectRefusal(answer: RawAnswer) {
  const body = answer.body as {
    error?: { message?: unknown; data?: { code?: unknown; httpStatus?: unknown; stack?: unknown } };
  } | null;
  const detail = JSON.stringify(answer.body);
  expect(answer.status, detail).toBeGreaterThanOrEqual(400);
  expect(answer.status, detail).toBeLessThan(500);
  expect(body?.error?.data?.code, detail).toMatch(/^[A-Z_]+$/);
  expect(body?.error?.data?.httpStatus, detail).toBe(answer.status);
  expect(body?.error?.message, detail).toEqual(expect.stringMatching(/\S/));
  expect(body?.error?.data?.stack, detail).toBeUndefined();
  expect(detail).not.toMatch(/sqlite|libsql|drizzle|node_modules|\.ts:\d+/i);
}

describe("bad input is refused with a 4xx and changes nothing", () => {
  let server: TestServer;
  let world: World;
  let baseline: Snapshot;
  let fingerprint: Awaited<ReturnType<typeof fingerprintOf>>;
  /** Cheap after every request; exact once a property is done. */
  const expectUnchanged = async () =>
    expect(await fingerprintOf(server.services.db)).toEqual(fingerprint);

  beforeAll(async () => {
    server = await startTestServer();
    const { services } = server;
    const [admin, holder] = await Promise.all([
      server.addUser("admin@example.com", "admin"),
      server.addUser("holder@example.com"),
    ]);
    const open = await createEvent(services, admin.id, {
      title: "Open",
      capacity: 100,
      // Text for hostile searches to find: they must match it literally, nothing more.
      description: `100% fun; "quoted" it's snake_case \\ back, =SUM(A1) +1 -2 @cmd`,
      location: "Rue de l'Église",
    });
    const past = await createEvent(services, admin.id, {
      title: "Past",
      startsAt: Date.now() - day,
    });
    const soldOut = await createEvent(services, admin.id, { title: "Sold out", capacity: 1 });
    const nearlyFull = await createEvent(services, admin.id, { title: "Nearly", capacity: 5 });
    await book(services, holder.id, open.id, 5);
    await book(services, holder.id, soldOut.id, 1);
    await book(services, holder.id, nearlyFull.id, 3);
    const adminKey = "admin-key-0001";
    await book(services, admin.id, open.id, 1, adminKey);
    const cancelled = await book(services, holder.id, open.id, 1);
    await services.commands.cancelBooking({ bookingId: cancelled.id, actorId: holder.id });
    world = {
      admin,
      holder,
      open,
      past,
      soldOut,
      nearlyFull,
      adminKey,
      cancelledBookingId: cancelled.id,
    };
    baseline = await snapshotOf(services.db);
    fingerprint = await fingerprintOf(services.db);
    expect(baseline.bookings.filter((b) => b.status === "confirmed")).toHaveLength(4);
  });

  afterAll(async () => {
    await server.destroy();
  });

  for (const spec of specs) {
    it(spec.path, async () => {
      const headers = bearer(world.admin.token);
      const method = spec.type === "query" ? "GET" : "POST";
      if (spec.inputs) {
        await fc.assert(
          fc.asyncProperty(spec.inputs(world), async (input) => {
            expectRefusal(await rawCall(server.url, spec.path, { method, input, headers }));
            await expectUnchanged();
          }),
          { numRuns: 100 },
        );
      }
      await fc.assert(
        fc.asyncProperty(wrongTransport, async (wrong) => {
          const answer =
            wrong.method === "wrong-method"
              ? await rawCall(server.url, spec.path, {
                  method: method === "GET" ? "POST" : "GET",
                  input: wrong.input,
                  headers,
                })
              : await rawCall(server.url, spec.path, {
                  method: "POST",
                  input: new RawBody(wrong.body),
                  headers: { ...headers, "content-type": wrong.contentType },
                });
          expectRefusal(answer);
          await expectUnchanged();
        }),
        // Without input, the transport is all a caller can get wrong.
        { numRuns: spec.inputs ? 15 : 40 },
      );
      expect(await snapshotOf(server.services.db)).toEqual(baseline);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    });
  }

  it("malformed JSON, non-finite numbers and unknown paths are 4xx too", async () => {
    const headers = bearer(world.admin.token);
    const answers = await Promise.all([
      rawCall(server.url, "events.create", {
        method: "POST",
        input: new RawBody("{not json"),
        headers,
      }),
      rawCall(server.url, "events.byId", { input: new RawBody('{"id":1e400}'), headers }),
      rawCall(server.url, "events.byId", { input: new RawBody("{"), headers }),
      rawCall(server.url, "bookings.create", {
        method: "POST",
        input: new RawBody('{"eventId":1,"seats":NaN,"idempotencyKey":"abcdefgh"}'),
        headers,
      }),
      rawCall(server.url, "no.such.procedure", { headers }),
      rawCall(server.url, "events.byId,events.create", { input: new RawBody("[1,2]"), headers }),
    ]);
    for (const answer of answers) expectRefusal(answer);
    expect(await snapshotOf(server.services.db)).toEqual(baseline);
  });

  it("an oversized body (413) or URL (431) is refused and the server stays up", async () => {
    const body = await rawCall(server.url, "events.create", {
      method: "POST",
      input: { ...validEvent, description: "x".repeat(2_000_000) },
      headers: bearer(world.admin.token),
    });
    expect(body.status).toBe(413);
    const url = await fetch(`${server.url}/trpc/events.list?input=${"x".repeat(40_000)}`);
    expect(url.status).toBe(431);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(await snapshotOf(server.services.db)).toEqual(baseline);
  });

  it("hostile search text is matched literally and changes nothing", async () => {
    const search = async (text: string) => {
      const answer = await rawCall(server.url, "events.list", {
        input: { search: text, when: "all", limit: 100 },
        headers: bearer(world.admin.token),
      });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      const { items } = (answer.body as { result: { data: { items: Event[] } } }).result.data;
      return items.map((event) => event.id).sort();
    };
    const containing = (text: string) =>
      baseline.events
        .filter((event) =>
          [event.title, event.description, event.location].some((field) =>
            field.toLowerCase().includes(text.trim().toLowerCase()),
          ),
        )
        .map((event) => event.id)
        .sort();

    // ASCII: exactly the events whose text contains it, ignoring case.
    const ascii = fc.oneof(
      hostileString,
      fc.string({ maxLength: 12 }),
      fc.string({ maxLength: 3 }),
    );
    await fc.assert(
      fc.asyncProperty(
        ascii.filter((text) => /^[\x20-\x7e\t\r\n]*$/.test(text)),
        async (text) => {
          expect(await search(text)).toEqual(containing(text));
        },
      ),
      { numRuns: 100 },
    );
    // Any other text (control characters are refused in every field): never an event that
    // does not contain it.
    await fc.assert(
      fc.asyncProperty(
        fc
          .string({ unit: "binary", maxLength: 12 })
          // eslint-disable-next-line no-control-regex -- the characters every input refuses
          .filter((text) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text)),
        async (text) => {
          const expected = containing(text);
          for (const id of await search(text)) expect(expected).toContain(id);
        },
      ),
      { numRuns: 50 },
    );
    expect(await snapshotOf(server.services.db)).toEqual(baseline);
    expect(await checkInvariant(server.services.db)).toEqual([]);
    const confirmed = await server.services.db
      .select()
      .from(bookings)
      .where(eq(bookings.status, "confirmed"));
    expect(confirmed).toHaveLength(4);
  });
});
