import type { ChangeTransport } from "@boxoffice/api";
import type { CommandChannel } from "@boxoffice/api/commands";
import { isClusterMessage, type ClusterMessage, type ClusterState } from "./messages.ts";

/**
 * A cluster worker's side of the IPC link to the primary: commands go to the primary's
 * writer, commits are announced to the other workers (and theirs wake this one's change
 * feed), and the primary's view of the whole cluster answers /readyz.
 */
export function workerLink(index: number) {
  const send = (message: unknown) => {
    if (process.connected) process.send?.(message);
  };
  let state: ClusterState = { ready: 0, workers: 1, writer: false, stopping: false };
  process.on("message", (message: unknown) => {
    if (isClusterMessage(message, "boxoffice:cluster")) state = message.state;
  });

  const commandChannel: CommandChannel = {
    send,
    onMessage(listener) {
      process.on("message", listener);
      return () => void process.off("message", listener);
    },
    onClose(listener) {
      process.once("disconnect", listener);
    },
  };

  /** Wakes every other worker's feed in about the time a message takes: no polling. */
  const peerTransport: ChangeTransport = {
    announce(lastLogId) {
      send({ type: "boxoffice:feed", lastLogId } satisfies ClusterMessage);
    },
    start(wake) {
      process.on("message", (message: unknown) => {
        if (isClusterMessage(message, "boxoffice:feed")) wake();
      });
    },
    async close() {},
  };

  let metricsRequests = 0;
  const metricsWaiting = new Map<number, (text: string) => void>();
  process.on("message", (message: unknown) => {
    if (!isClusterMessage(message, "boxoffice:metrics")) return;
    metricsWaiting.get(message.id)?.(message.text);
    metricsWaiting.delete(message.id);
  });

  return {
    index,
    commandChannel,
    peerTransport,
    /** Every process's metrics, summed by the primary (metrics exist with METRICS_TOKEN only). */
    clusterMetrics(): Promise<string> {
      const id = ++metricsRequests;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          metricsWaiting.delete(id);
          reject(new Error("The cluster primary did not send metrics within 10 s"));
        }, 10_000);
        metricsWaiting.set(id, (text) => {
          clearTimeout(timer);
          resolve(text);
        });
        send({ type: "boxoffice:metrics-request", id } satisfies ClusterMessage);
      });
    },
    /** Lets the primary collect this worker's figures for the cluster's /metrics. */
    shareMetrics(registry: { getMetricsAsJSON(): Promise<unknown[]> }) {
      process.on("message", (message: unknown) => {
        if (!isClusterMessage(message, "boxoffice:metrics-collect")) return;
        void registry.getMetricsAsJSON().then((metrics) =>
          send({
            type: "boxoffice:metrics-collected",
            id: message.id,
            metrics,
          } satisfies ClusterMessage),
        );
      });
    },
    /** Whether every worker and the writer are up and nothing is shutting down. */
    clusterReady(): { ready: boolean; workers: ClusterState } {
      return {
        ready: state.writer && !state.stopping && state.ready >= state.workers,
        workers: state,
      };
    },
    ready(url: string) {
      send({ type: "boxoffice:ready", url } satisfies ClusterMessage);
    },
  };
}

export type WorkerLink = ReturnType<typeof workerLink>;
