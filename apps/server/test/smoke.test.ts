import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppRouter } from "@boxoffice/api";
import { startTestServer, type TestServer } from "./harness.ts";

describe("server", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ seed: true });
  });
  afterAll(async () => {
    await server.destroy();
  });

  it("answers health and readiness", async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ ok: true });
    expect(await (await fetch(`${server.url}/readyz`)).json()).toEqual({ ready: true });
  });

  it("serves the seeded events over tRPC and refuses an anonymous booking", async () => {
    const client = createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: `${server.url}/trpc` })],
    });
    const page = await client.events.list.query({ when: "upcoming" });
    expect(page.items.length).toBeGreaterThan(5);
    const error = await client.bookings.create
      .mutate({ eventId: page.items[0]?.id ?? 0, seats: 1, idempotencyKey: "anon-key-1" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<AppRouter>).data?.code).toBe("UNAUTHORIZED");
  });
});
