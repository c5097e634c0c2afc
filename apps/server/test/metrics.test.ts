import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./harness.ts";
import { book, createEvent } from "./support/fixtures.ts";
import { eventually, liveClient } from "./support/live-client.ts";
import { bearer, clientFor, refusalOf } from "./support/trpc-http.ts";

const token = "metrics-token-for-the-test";

/** One sample's value from Prometheus text, e.g. `boxoffice_bookings_total{outcome="booked"}`. */
function sample(text: string, name: string, labels = ""): number | undefined {
  const line = text
    .split("\n")
    .find((candidate) => candidate.startsWith(`${name}${labels ? `{${labels}` : ""}`));
  return line === undefined ? undefined : Number(line.split(" ").at(-1));
}

describe("GET /metrics", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { METRICS_TOKEN: token } });
  });
  afterAll(async () => {
    await server.destroy();
  });
  const scrape = async () => {
    const response = await fetch(`${server.url}/metrics`, { headers: bearer(token) });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    return response.text();
  };

  it("answers only with the bearer token", async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${server.url}/metrics`, { headers: bearer("x".repeat(26)) });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toContain("Bearer");
  });

  it("counts calls, bookings by outcome, writer batches, sockets, subscriptions and replays", async () => {
    const admin = await server.addUser("admin@metrics.test", "admin");
    const guest = await server.addUser("guest@metrics.test");
    const event = await createEvent(server.services, admin.id, { capacity: 1 });
    const client = clientFor(server.url, guest.token);
    await client.bookings.create.mutate({
      eventId: event.id,
      seats: 1,
      idempotencyKey: "metrics-1",
    });
    const refused = await refusalOf(
      client.bookings.create.mutate({ eventId: event.id, seats: 1, idempotencyKey: "metrics-2" }),
    );
    expect(refused.reason).toBe("SOLD_OUT");
    await book(server.services, admin.id, (await createEvent(server.services, admin.id)).id);

    const watcher = liveClient(server.url);
    let started = 0;
    const subscription = watcher.client.events.onSeats.subscribe(
      { eventIds: [event.id], lastEventId: "0" },
      { onStarted: () => started++ },
    );
    await eventually(() => started === 1, "the subscription");
    const text = await scrape();
    subscription.unsubscribe();
    await watcher.close();

    expect(sample(text, "boxoffice_bookings_total", 'outcome="booked"')).toBe(2);
    expect(sample(text, "boxoffice_bookings_total", 'outcome="SOLD_OUT"')).toBe(1);
    expect(
      sample(
        text,
        "boxoffice_procedure_calls_total",
        'procedure="bookings.create",type="mutation",outcome="ok"',
      ),
    ).toBe(1);
    expect(
      sample(
        text,
        "boxoffice_procedure_calls_total",
        'procedure="bookings.create",type="mutation",outcome="CONFLICT"',
      ),
    ).toBe(1);
    expect(sample(text, "boxoffice_procedure_duration_seconds_count")).toBeGreaterThan(0);
    expect(sample(text, "boxoffice_writer_batch_jobs_count")).toBeGreaterThan(0);
    expect(sample(text, "boxoffice_writer_transaction_seconds_count")).toBeGreaterThan(0);
    expect(sample(text, "boxoffice_writer_queue_jobs")).toBe(0);
    expect(sample(text, "boxoffice_websocket_connections")).toBe(1);
    expect(sample(text, "boxoffice_live_subscriptions")).toBe(1);
    expect(sample(text, "boxoffice_live_replayed_rows_total")).toBeGreaterThanOrEqual(1);
    expect(text).toContain("nodejs_eventloop_lag_seconds");
  });
});

describe("GET /metrics without METRICS_TOKEN", () => {
  it("is off", async () => {
    const server = await startTestServer();
    try {
      const response = await fetch(`${server.url}/metrics`, { headers: bearer(token) });
      expect(response.status).toBe(404);
      expect(await response.text()).toContain("METRICS_TOKEN");
    } finally {
      await server.destroy();
    }
  });
});
