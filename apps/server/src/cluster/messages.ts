/**
 * What the cluster primary and its workers tell each other over node:cluster's IPC, besides
 * the commands (remote-commands.ts in @boxoffice/api).
 */
export interface ClusterState {
  /** Workers that are serving (database open, listening). */
  ready: number;
  workers: number;
  /** The primary's writer is open: commands can commit. */
  writer: boolean;
  /** Shutting down: readiness says no, so balancers stop sending new work. */
  stopping: boolean;
}

export type ClusterMessage =
  /** Worker → primary → every other worker: booking_logs grew (a ChangeTransport wake-up). */
  | { type: "boxoffice:feed"; lastLogId: number }
  /** Worker → primary: serving at `url`. */
  | { type: "boxoffice:ready"; url: string }
  /** Primary → workers, whenever it changes. */
  | { type: "boxoffice:cluster"; state: ClusterState }
  /** Worker → primary: /metrics was asked for; the answer covers every process. */
  | { type: "boxoffice:metrics-request"; id: number }
  /** Primary → worker: the cluster's metrics, in Prometheus text. */
  | { type: "boxoffice:metrics"; id: number; text: string }
  /** Primary → every worker: send your registry (prom-client's JSON form). */
  | { type: "boxoffice:metrics-collect"; id: number }
  | { type: "boxoffice:metrics-collected"; id: number; metrics: unknown[] };

export function isClusterMessage<T extends ClusterMessage["type"]>(
  message: unknown,
  type: T,
): message is Extract<ClusterMessage, { type: T }> {
  return (
    typeof message === "object" && message !== null && (message as { type?: unknown }).type === type
  );
}

/** Set by the primary for each worker it forks: 0 … WORKERS-1, kept by a replacement. */
export const workerIndexVariable = "BOXOFFICE_WORKER_INDEX";
