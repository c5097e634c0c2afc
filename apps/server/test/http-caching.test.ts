/**
 * Public reads (events.list, events.byId) asked for without a session may be kept by
 * browsers and proxies: an ETag, a short Cache-Control with stale-while-revalidate, and a
 * 304 exactly when the client's copy is still what the server would send. Nothing else is
 * ever kept: answers to a session, errors, mutations, batches with anything personal.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer, type TestUser } from "./harness.ts";
import { book, createEvent } from "./support/fixtures.ts";

const input = (value: unknown) => `input=${encodeURIComponent(JSON.stringify(value))}`;

describe("caching of public reads", () => {
  let server: TestServer;
  let admin: TestUser;
  let eventId: number;
  const get = (target: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/trpc/${target}`, { headers });

  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.addUser("admin@example.com", "admin");
    eventId = (await createEvent(server.services, admin.id, { capacity: 50 })).id;
  });
  afterAll(async () => {
    await server.destroy();
  });

  const pages = [
    ["events.list", () => `events.list?${input({ limit: 5 })}`],
    ["events.byId", () => `events.byId?${input({ id: eventId })}`],
    ["a batch of both", () => `events.list,events.byId?batch=1&${input({ 1: { id: eventId } })}`],
  ] as const;

  it.each(pages)(
    "%s: 304 while the content is unchanged, the new content once it changes",
    async (_, target) => {
      const first = await get(target());
      expect(first.status).toBe(200);
      expect(first.headers.get("cache-control")).toBe(
        "public, max-age=5, stale-while-revalidate=30",
      );
      const etag = first.headers.get("etag") ?? "";
      expect(etag).toMatch(/^"[\w-]+"$/);
      const body = await first.text();

      const revalidated = await get(target(), { "if-none-match": etag });
      expect(revalidated.status).toBe(304);
      expect(await revalidated.text()).toBe("");
      expect(revalidated.headers.get("etag")).toBe(etag);
      expect((await get(target(), { "if-none-match": `"other", W/${etag}` })).status).toBe(304);
      expect((await get(target(), { "if-none-match": '"something-else"' })).status).toBe(200);

      // A booking changes the seat count on the page: the old copy is no longer current.
      await book(server.services, admin.id, eventId);
      const changed = await get(target(), { "if-none-match": etag });
      expect(changed.status).toBe(200);
      const newEtag = changed.headers.get("etag") ?? "";
      expect(newEtag).not.toBe(etag);
      const newBody = await changed.text();
      expect(newBody).not.toBe(body);
      expect((await get(target(), { "if-none-match": newEtag })).status).toBe(304);
      expect(await (await get(target())).text()).toBe(newBody);
    },
  );

  it("never lets an answer to a session, an error or a personal batch be kept", async () => {
    const withSession: Record<string, string>[] = [
      { authorization: `Bearer ${admin.token}` },
      { cookie: `boxoffice_session=${admin.token}` },
    ];
    for (const headers of withSession) {
      const answer = await get(`events.list?${input({ limit: 5 })}`, headers);
      expect(answer.status).toBe(200);
      expect(answer.headers.get("cache-control")).toBe("no-store");
      expect(answer.headers.get("etag")).toBeNull();
    }
    const missing = await get(`events.byId?${input({ id: 999_999 })}`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("cache-control")).toBe("no-store");
    const personal = await get(`events.list,auth.me?batch=1`);
    expect(personal.status).toBe(200);
    expect(personal.headers.get("cache-control")).toBe("no-store");
    expect(personal.headers.get("etag")).toBeNull();
    const mutation = await fetch(`${server.url}/trpc/auth.logout`, {
      method: "POST",
      headers: { "content-type": "application/json" },
    });
    expect(mutation.headers.get("cache-control")).toBe("no-store");
  });
});
