import { request } from "node:http";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { AppRouter } from "@boxoffice/api";
import { startTestServer, type TestServer } from "./harness.ts";
import { bearer, rawCall } from "./support/trpc-http.ts";

/** Any method, even the ones fetch() refuses to send (TRACE, CONNECT). */
function send(
  baseUrl: string,
  method: string,
  path: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}${path}`, { method }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("what the HTTP side refuses before any procedure runs", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { TRPC_MAX_BATCH: "20" } });
  });
  afterAll(async () => {
    await server.destroy();
  });

  it.each([
    ["TRACE", "/trpc/events.list", "GET, HEAD, POST"],
    ["PROPFIND", "/trpc/events.list", "GET, HEAD, POST"],
    ["DELETE", "/trpc/bookings.cancel", "GET, HEAD, POST"],
    ["TRACE", "/healthz", "GET, HEAD"],
    ["POST", "/healthz", "GET, HEAD"],
    ["DELETE", "/readyz", "GET, HEAD"],
    ["POST", "/api/events/1/bookings.csv", "GET, HEAD"],
    ["PUT", "/", "GET, HEAD"],
    ["TRACE", "/events/1", "GET, HEAD"],
  ])("%s %s is 405 with Allow: %s", async (method, path, allow) => {
    const answer = await send(server.url, method, path);
    expect(answer.status, answer.body).toBe(405);
    expect(answer.headers.allow).toBe(allow);
    expect(answer.body).toContain(method);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("answers an unknown method on /trpc in tRPC's error shape", async () => {
    const answer = await send(server.url, "TRACE", "/trpc/events.list");
    expect(JSON.parse(answer.body)).toMatchObject({
      error: { data: { code: "METHOD_NOT_SUPPORTED", httpStatus: 405 } },
    });
  });

  it("still answers GET and HEAD on the plain routes", async () => {
    expect((await send(server.url, "GET", "/healthz")).status).toBe(200);
    expect((await send(server.url, "HEAD", "/healthz")).status).toBe(200);
    expect((await send(server.url, "HEAD", "/readyz")).status).toBe(200);
  });

  it("says how large a body may be when one is too large", async () => {
    const admin = await server.addUser("admin@limits.test", "admin");
    const answer = await rawCall(server.url, "events.create", {
      method: "POST",
      input: { title: "Too long", description: "x".repeat(2_000_000) },
      headers: bearer(admin.token),
    });
    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({
      error: { data: { code: "PAYLOAD_TOO_LARGE", httpStatus: 413 } },
    });
    const { message } = (answer.body as { error: { message: string } }).error;
    expect(message).toMatch(/1000 KB/);
    expect(message).not.toBe("PAYLOAD_TOO_LARGE");
  });

  it("says the same for a body sent without a Content-Length (chunked)", async () => {
    const status = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        `${server.url}/trpc/auth.login`,
        { method: "POST", headers: { "content-type": "application/json" } },
        (res) => {
          let body = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => (body += chunk));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on("error", reject);
      // Several writes make Node send it chunked, with no length up front.
      for (let i = 0; i < 20; i++) req.write(`"${"y".repeat(100_000)}"`);
      req.end();
    });
    expect(status.status).toBe(413);
    expect(status.body).toMatch(/1000 KB/);
  });

  it("refuses a batch of more calls than TRPC_MAX_BATCH, before running any", async () => {
    // ~16 KB of URL, no input: each call lists events with the defaults.
    const paths = Array.from({ length: 1300 }, () => "events.list").join(",");
    const started = performance.now();
    const answer = await fetch(`${server.url}/trpc/${paths}?batch=1`);
    const body = (await answer.json()) as { error: { message: string; data: { code: string } } };
    expect(answer.status).toBe(400);
    expect(body.error.data.code).toBe("BAD_REQUEST");
    expect(body.error.message).toMatch(/1300 calls/);
    expect(body.error.message).toMatch(/at most 20/);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("answers a batch at the limit, and the client sees the refusal of one over it", async () => {
    const client = createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: `${server.url}/trpc` })],
    });
    const twenty = await Promise.all(
      Array.from({ length: 20 }, () => client.events.list.query({ when: "all" })),
    );
    expect(twenty).toHaveLength(20);
    const results = await Promise.allSettled(
      Array.from({ length: 21 }, () => client.events.list.query({ when: "all" })),
    );
    for (const result of results) {
      expect(result.status).toBe("rejected");
      const error = (result as PromiseRejectedResult).reason as TRPCClientError<AppRouter>;
      expect(error).toBeInstanceOf(TRPCClientError);
      expect(error.data?.code).toBe("BAD_REQUEST");
      expect(error.message).toMatch(/at most 20/);
    }
  });

  it("refuses a WebSocket message that batches more calls than subscriptions + 20", async () => {
    const socket = new WebSocket(`${server.url.replace(/^http/, "ws")}/trpc`);
    await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
    const answers: { id: number; error?: { data?: { code?: string } } }[] = [];
    socket.on("message", (data) => {
      const message = JSON.parse(String(data));
      for (const answer of Array.isArray(message) ? message : [message]) answers.push(answer);
    });
    const batch = (size: number, from: number) =>
      Array.from({ length: size }, (_, i) => ({
        id: from + i,
        method: "query",
        params: { path: "events.list", input: {} },
      }));
    // WS_MAX_SUBSCRIPTIONS (20) + TRPC_MAX_BATCH (20) = 40 calls in one message.
    socket.send(JSON.stringify(batch(41, 100)));
    socket.send(JSON.stringify(batch(40, 200)));
    const deadline = Date.now() + 5_000;
    while (answers.length < 81 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    socket.close();
    const over = answers.filter((a) => a.id < 200);
    expect(over).toHaveLength(41);
    for (const answer of over) expect(answer.error?.data?.code).toBe("BAD_REQUEST");
    const within = answers.filter((a) => a.id >= 200);
    expect(within).toHaveLength(40);
    for (const answer of within) expect(answer.error).toBeUndefined();
  });
});
