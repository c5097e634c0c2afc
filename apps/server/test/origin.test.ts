import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { startTestServer, type TestServer, type TestUser } from "./harness.ts";
import { createEvent } from "./support/fixtures.ts";
import { rawCall } from "./support/trpc-http.ts";

/** The WebSocket upgrade's HTTP status for these headers (101 = accepted). */
function upgradeStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${url.replace(/^http/, "ws")}/trpc`, { headers });
    socket.once("open", () => {
      socket.close();
      resolve(101);
    });
    socket.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    socket.once("error", () => {});
  });
}

/** A cookie-authenticated booking (a mutation, so Origin-checked) with these headers. */
async function bookingStatus(
  server: TestServer,
  user: TestUser,
  eventId: number,
  headers: Record<string, string>,
) {
  const answer = await rawCall(server.url, "bookings.create", {
    method: "POST",
    input: { eventId, seats: 1, idempotencyKey: crypto.randomUUID() },
    headers: { cookie: `boxoffice_session=${user.token}`, ...headers },
  });
  return answer.status;
}

const proxyHeaders = (host: string, proto?: string) => ({
  "x-forwarded-host": host,
  ...(proto ? { "x-forwarded-proto": proto } : {}),
});

describe("Origin checks against the origin a request was sent to", () => {
  let direct: TestServer;
  let proxied: TestServer;
  let users: { direct: TestUser; proxied: TestUser };
  let events: { direct: number; proxied: number };
  beforeAll(async () => {
    [direct, proxied] = await Promise.all([
      startTestServer({ env: { TRUST_PROXY: "false" } }),
      startTestServer({ env: { TRUST_PROXY: "true" } }),
    ]);
    users = {
      direct: await direct.addUser("guest@origin.test"),
      proxied: await proxied.addUser("guest@origin.test"),
    };
    events = {
      direct: (await createEvent(direct.services, users.direct.id)).id,
      proxied: (await createEvent(proxied.services, users.proxied.id)).id,
    };
  });
  afterAll(async () => {
    await Promise.all([direct?.destroy(), proxied?.destroy()]);
  });

  describe("TRUST_PROXY=false", () => {
    const own = () => new URL(direct.url).origin;
    const httpsTwin = () => own().replace(/^http:/, "https:");

    it("accepts a mutation from its own http origin", async () => {
      expect(await bookingStatus(direct, users.direct, events.direct, { origin: own() })).toBe(200);
    });

    it("refuses the same host over another scheme", async () => {
      const status = await bookingStatus(direct, users.direct, events.direct, {
        origin: httpsTwin(),
      });
      expect(status).toBe(403);
    });

    it("ignores X-Forwarded-Host and -Proto, whoever sends them", async () => {
      const status = await bookingStatus(direct, users.direct, events.direct, {
        origin: "https://evil.example",
        ...proxyHeaders("evil.example", "https"),
      });
      expect(status).toBe(403);
      const https = await bookingStatus(direct, users.direct, events.direct, {
        origin: httpsTwin(),
        "x-forwarded-proto": "https",
      });
      expect(https).toBe(403);
    });

    it("applies the same rules to the WebSocket upgrade", async () => {
      expect(await upgradeStatus(direct.url, { origin: own() })).toBe(101);
      expect(await upgradeStatus(direct.url, { origin: httpsTwin() })).toBe(403);
      expect(
        await upgradeStatus(direct.url, {
          origin: "https://evil.example",
          ...proxyHeaders("evil.example", "https"),
        }),
      ).toBe(403);
    });
  });

  describe("TRUST_PROXY=true", () => {
    it("accepts the origin the proxy says the browser used", async () => {
      const status = await bookingStatus(proxied, users.proxied, events.proxied, {
        origin: "https://shop.example.com",
        ...proxyHeaders("shop.example.com", "https"),
      });
      expect(status).toBe(200);
    });

    it("refuses an https Origin when the proxy does not say https", async () => {
      const status = await bookingStatus(proxied, users.proxied, events.proxied, {
        origin: "https://shop.example.com",
        ...proxyHeaders("shop.example.com"),
      });
      expect(status).toBe(403);
    });

    it("refuses another site behind the proxy", async () => {
      const status = await bookingStatus(proxied, users.proxied, events.proxied, {
        origin: "https://evil.example",
        ...proxyHeaders("shop.example.com", "https"),
      });
      expect(status).toBe(403);
    });

    it("applies the same rules to the WebSocket upgrade", async () => {
      expect(
        await upgradeStatus(proxied.url, {
          origin: "https://shop.example.com",
          ...proxyHeaders("shop.example.com", "https"),
        }),
      ).toBe(101);
      expect(
        await upgradeStatus(proxied.url, {
          origin: "https://shop.example.com",
          ...proxyHeaders("shop.example.com", "http"),
        }),
      ).toBe(403);
    });
  });
});
