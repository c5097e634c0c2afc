import type { Worker } from "node:cluster";
import { AggregatorRegistry } from "prom-client";
import { createMetrics } from "../metrics.ts";
import { isClusterMessage, type ClusterMessage } from "./messages.ts";

/**
 * /metrics for a cluster. Each worker keeps its own figures (calls, bookings, sockets) and
 * the primary those of the writer (batches, commit time, queue); whichever worker is asked
 * for /metrics asks the primary, which collects every worker's registry, adds its own and
 * sums them (prom-client's aggregation: counters and histograms add up, as do the gauges
 * here). Loaded only when METRICS_TOKEN is set.
 */
export function primaryMetrics(workers: () => Worker[]) {
  const metrics = createMetrics();
  let collects = 0;
  const collecting = new Map<number, (metrics: unknown[]) => void>();

  const collect = async (): Promise<string> => {
    const id = ++collects;
    const live = workers().filter((worker) => worker.isConnected());
    const gathered: unknown[][] = [await metrics.registry.getMetricsAsJSON()];
    await new Promise<void>((resolve) => {
      let pending = live.length;
      // A worker that does not answer (starting, stopping) is left out, not waited for.
      const timer = setTimeout(finish, 5_000);
      function finish() {
        clearTimeout(timer);
        collecting.delete(id);
        resolve();
      }
      if (pending === 0) return finish();
      collecting.set(id, (figures) => {
        gathered.push(figures);
        if (--pending === 0) finish();
      });
      for (const worker of live) {
        worker.send({ type: "boxoffice:metrics-collect", id } satisfies ClusterMessage);
      }
    });
    return AggregatorRegistry.aggregate(gathered).metrics();
  };

  return {
    writerObserver: metrics.writerObserver,
    watchWriter: (queued: () => number) =>
      metrics.watch({ writerQueue: queued, webSockets: () => 0 }),
    /** Handles a worker's metrics messages; false for any other message. */
    handle(worker: Worker, message: unknown): boolean {
      if (isClusterMessage(message, "boxoffice:metrics-collected")) {
        collecting.get(message.id)?.(message.metrics);
        return true;
      }
      if (isClusterMessage(message, "boxoffice:metrics-request")) {
        void collect().then(
          (text) =>
            worker.send({
              type: "boxoffice:metrics",
              id: message.id,
              text,
            } satisfies ClusterMessage),
          () =>
            worker.send({
              type: "boxoffice:metrics",
              id: message.id,
              text: "",
            } satisfies ClusterMessage),
        );
        return true;
      }
      return false;
    },
  };
}
