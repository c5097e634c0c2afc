/**
 * The server answers plain tRPC queries and mutations itself (src/trpc-direct.ts) instead of
 * through tRPC's fetch-based handler. A client must not be able to tell: two servers over
 * one database, one each way, get the same requests and must give the same status, the same
 * body and the same tRPC headers, for successes, refusals, bad input and malformed requests,
 * single and batched.
 */
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer, type TestUser } from "./harness.ts";
import { createEvent } from "./support/fixtures.ts";

interface Exchange {
  method?: "GET" | "POST" | "PUT";
  /** Path and query after /trpc/. */
  target: string;
  headers?: Record<string, string>;
  body?: string;
}

const json = { "content-type": "application/json" };

async function send(base: string, exchange: Exchange) {
  const response = await fetch(`${base}/trpc/${exchange.target}`, {
    method: exchange.method ?? "GET",
    headers: exchange.headers,
    body: exchange.body,
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // compared as text
  }
  return {
    status: response.status,
    contentType: response.headers.get("content-type"),
    vary: response.headers.get("vary"),
    allow: response.headers.get("allow"),
    body,
  };
}

const input = (value: unknown) => `input=${encodeURIComponent(JSON.stringify(value))}`;

describe("tRPC answered directly on node:http", () => {
  let direct: TestServer;
  let viaTrpc: TestServer;
  let user: TestUser;
  let eventId: number;

  beforeAll(async () => {
    direct = await startTestServer();
    viaTrpc = await startTestServer({
      dir: dirname(fileURLToPath(direct.fileUrl)),
      directTrpc: false,
    });
    const admin = await direct.addUser("admin@example.com", "admin");
    user = await direct.addUser("user@example.com");
    eventId = (await createEvent(direct.services, admin.id, { capacity: 1 })).id;
  });
  afterAll(async () => {
    await viaTrpc.stop();
    await direct.destroy();
  });

  const signedIn = () => ({ authorization: `Bearer ${user.token}` });
  const cases: [string, () => Exchange][] = [
    ["a query without input", () => ({ target: "events.list" })],
    ["a query with input", () => ({ target: `events.list?${input({ limit: 1 })}` })],
    ["a query's zod error", () => ({ target: `events.list?${input({ limit: -1 })}` })],
    ["a query whose input is not JSON", () => ({ target: "events.list?input=%7Bnope" })],
    ["a missing event", () => ({ target: `events.byId?${input({ id: 999_999 })}` })],
    ["an event", () => ({ target: `events.byId?${input({ id: eventId })}` })],
    ["no such procedure", () => ({ target: "events.nothing" })],
    ["a query sent as POST", () => ({ method: "POST", target: "events.list", headers: json })],
    ["a mutation sent as GET", () => ({ target: "bookings.create" })],
    ["auth.me signed in", () => ({ target: "auth.me", headers: signedIn() })],
    [
      "auth.me with a stale token",
      () => ({ target: "auth.me", headers: { authorization: "Bearer nope" } }),
    ],
    [
      "a mutation without a session",
      () => ({
        method: "POST",
        target: "bookings.create",
        headers: json,
        body: JSON.stringify({ eventId, seats: 1, idempotencyKey: "k-anonymous-1" }),
      }),
    ],
    [
      "a refused mutation",
      () => ({
        method: "POST",
        target: "bookings.create",
        headers: { ...json, ...signedIn() },
        body: JSON.stringify({ eventId: 999_999, seats: 1, idempotencyKey: "k-missing-1" }),
      }),
    ],
    [
      "a mutation with a body that is not JSON",
      () => ({
        method: "POST",
        target: "bookings.create",
        headers: { "content-type": "application/json; charset=utf-8", ...signedIn() },
        body: "{",
      }),
    ],
    [
      "a cross-site mutation",
      () => ({
        method: "POST",
        target: "auth.logout",
        headers: { ...json, origin: "https://evil.example" },
      }),
    ],
    [
      "control characters in an input",
      () => ({ target: `events.list?${input({ search: "a\u0007b" })}` }),
    ],
    [
      "a batch of queries",
      () => ({
        target: `events.list,events.byId,auth.me?batch=1&${input({ 0: { limit: 1 }, 1: { id: eventId } })}`,
      }),
    ],
    [
      "a batch with one failure (207)",
      () => ({
        target: `events.byId,events.byId?batch=1&${input({ 0: { id: eventId }, 1: { id: 999_999 } })}`,
      }),
    ],
    [
      "a batch whose input is not an object",
      () => ({ target: `events.list,events.list?batch=1&${input([1, 2])}` }),
    ],
    [
      "a batch of mutations",
      () => ({
        method: "POST",
        target: "bookings.create,bookings.cancel?batch=1",
        headers: { ...json, ...signedIn() },
        body: JSON.stringify({
          0: { eventId: 999_999, seats: 1, idempotencyKey: "k-missing-2" },
          1: { id: 999_999 },
        }),
      }),
    ],
    ["an unknown path in a batch", () => ({ target: "events.list,nope?batch=1" })],
    ["a trailing slash", () => ({ target: "events.list/" })],
    ["a percent-encoded path", () => ({ target: "events%2Elist" })],
  ];

  it.each(cases)("%s", async (_, exchange) => {
    const theirs = await send(viaTrpc.url, exchange());
    const ours = await send(direct.url, exchange());
    expect(ours).toEqual(theirs);
  });

  it("books the same way: the same answer shape and the same seat counts", async () => {
    const booking = (key: string) => ({
      method: "POST" as const,
      target: "bookings.create",
      headers: { ...json, ...signedIn() },
      body: JSON.stringify({ eventId, seats: 1, idempotencyKey: key }),
    });
    const first = await send(direct.url, booking("key-first"));
    expect(first.status).toBe(200);
    // The same key again, through each handler: the same replayed booking.
    const replayOurs = await send(direct.url, booking("key-first"));
    const replayTheirs = await send(viaTrpc.url, booking("key-first"));
    expect(replayOurs).toEqual(replayTheirs);
    expect(replayOurs.body).toMatchObject({ result: { data: { replayed: true } } });
    // Sold out now (one seat): the same refusal from both.
    expect(await send(direct.url, booking("key-second"))).toEqual(
      await send(viaTrpc.url, booking("key-third")),
    );
  });
});
