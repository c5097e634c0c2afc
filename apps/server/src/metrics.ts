import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Instruments } from "@boxoffice/api";
import type { WriterObserver } from "@boxoffice/db";

/**
 * The server's Prometheus metrics (prom-client): requests and latency per procedure and
 * outcome, bookings and refusals by reason, the writer's queue, batches and commit time,
 * WebSocket connections and subscriptions, replayed rows, and Node's own figures (event
 * loop lag among them). Gauges that are cheap to read at scrape time are read then.
 */
export function createMetrics() {
  const registry = new Registry();
  registry.setDefaultLabels({ service: "boxoffice" });
  collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const requests = new Counter({
    name: "boxoffice_procedure_calls_total",
    help: "tRPC calls by procedure, type and outcome (ok or the error code)",
    labelNames: ["procedure", "type", "outcome"] as const,
    registers,
  });
  const latency = new Histogram({
    name: "boxoffice_procedure_duration_seconds",
    help: "Time to answer a tRPC call (to set up, for subscriptions)",
    labelNames: ["procedure", "type"] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers,
  });
  const bookings = new Counter({
    name: "boxoffice_bookings_total",
    help: "Booking attempts by outcome: booked, or the refusal's reason (SOLD_OUT, …)",
    labelNames: ["outcome"] as const,
    registers,
  });
  const commands = new Counter({
    name: "boxoffice_commands_total",
    help: "Commands run, by command and outcome (ok or the refusal's code)",
    labelNames: ["command", "outcome"] as const,
    registers,
  });
  const batchSize = new Histogram({
    name: "boxoffice_writer_batch_jobs",
    help: "Commands committed together in one group transaction",
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512],
    registers,
  });
  const commitTime = new Histogram({
    name: "boxoffice_writer_transaction_seconds",
    help: "From BEGIN to COMMIT of one group transaction",
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers,
  });
  const subscriptions = new Gauge({
    name: "boxoffice_live_subscriptions",
    help: "Live subscriptions open now",
    registers,
  });
  const replayed = new Counter({
    name: "boxoffice_live_replayed_rows_total",
    help: "booking_logs rows read to resume subscriptions",
    registers,
  });

  const instruments: Instruments = {
    procedure(path, type, outcome, seconds) {
      requests.inc({ procedure: path, type, outcome });
      latency.observe({ procedure: path, type }, seconds);
    },
    command(name, outcome) {
      commands.inc({ command: name, outcome });
      if (name === "reserveSeats") bookings.inc({ outcome: outcome === "ok" ? "booked" : outcome });
    },
    replayed: (rows) => replayed.inc(rows),
    subscriptions: (change) => subscriptions.inc(change),
  };
  const writerObserver: WriterObserver = {
    batchCommitted(jobs, transactionMs) {
      batchSize.observe(jobs);
      commitTime.observe(transactionMs / 1000);
    },
  };

  return {
    registry,
    instruments,
    writerObserver,
    /** Gauges read when scraped: the writer's queue, open WebSockets. */
    watch(sources: { writerQueue: () => number; webSockets: () => number }) {
      new Gauge({
        name: "boxoffice_writer_queue_jobs",
        help: "Commands waiting for the next group transaction",
        registers,
        collect() {
          this.set(sources.writerQueue());
        },
      });
      new Gauge({
        name: "boxoffice_websocket_connections",
        help: "WebSocket connections open now",
        registers,
        collect() {
          this.set(sources.webSockets());
        },
      });
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/**
 * `GET /metrics`: off unless METRICS_TOKEN is set, then only with `Authorization: Bearer
 * <token>` (compared in constant time), so figures never leak to the public.
 */
export async function serveMetrics(
  req: IncomingMessage,
  res: ServerResponse,
  metrics: Metrics | undefined,
  token: string | undefined,
  /** In a cluster, the figures of every process, summed (cluster/primary.ts). */
  clusterMetrics?: () => Promise<string>,
) {
  if (!metrics || !token) {
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
    res.end("Metrics are off; set METRICS_TOKEN to turn them on.\n");
    return;
  }
  if (!bearerMatches(req.headers.authorization, token)) {
    res.writeHead(401, {
      "content-type": "text/plain; charset=utf-8",
      "www-authenticate": 'Bearer realm="metrics"',
    });
    res.end("Send Authorization: Bearer <METRICS_TOKEN>.\n");
    return;
  }
  const body = clusterMetrics ? await clusterMetrics() : await metrics.registry.metrics();
  res.writeHead(200, { "content-type": metrics.registry.contentType, "cache-control": "no-store" });
  res.end(req.method === "HEAD" ? undefined : body);
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer\s+(\S+)\s*$/i.exec(header ?? "")?.[1] ?? "");
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
