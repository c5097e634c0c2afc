import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { openServices, type OwnedServices } from "@boxoffice/api";
import { createApp, type AppOptions } from "./app.ts";
import { startBackgroundJobs, type BackgroundJobs } from "./background-jobs.ts";
import type { WorkerLink } from "./cluster/worker-link.ts";
import { createMetrics } from "./metrics.ts";
import { attachWebSocket } from "./websocket.ts";
import type { Env } from "./env.ts";
import type { Logger } from "./logger.ts";
import { servicesConfigOf } from "./services-config.ts";

export interface RunningServer {
  server: Server;
  services: OwnedServices;
  websocket: ReturnType<typeof attachWebSocket>;
  /** Email delivery and other timers (see background-jobs.ts). */
  jobs: BackgroundJobs;
  url: string;
  /** Stops accepting, lets in-flight requests finish, commits queued writes, closes the db. */
  stop(): Promise<void>;
}

/** Opens the services, starts the app on env.HOST:env.PORT (0 = any free port). */
export async function startServer(
  env: Env,
  logger: Logger,
  options: Pick<AppOptions, "directTrpc"> & {
    /** As a cluster worker: commands, live wake-ups and readiness go through the primary. */
    cluster?: WorkerLink | undefined;
  } = {},
): Promise<RunningServer> {
  // Measuring costs a little on every call: only when someone can read the figures.
  const metrics = env.METRICS_TOKEN ? createMetrics() : undefined;
  const { cluster } = options;
  const services = await openServices({
    ...servicesConfigOf(env, logger, metrics),
    peerTransport: cluster?.peerTransport,
    commandChannel: process.env.CLUSTER_WRITER === "workers" ? undefined : cluster?.commandChannel,
  });
  const server = createApp({
    env,
    services,
    logger,
    metrics,
    directTrpc: options.directTrpc,
    clusterReady: cluster?.clusterReady,
    clusterMetrics: cluster?.clusterMetrics,
  });
  if (metrics) cluster?.shareMetrics(metrics.registry);
  const websocket = attachWebSocket({
    server,
    services,
    logger,
    trustProxy: env.TRUST_PROXY,
    maxMessageBytes: env.WS_MAX_MESSAGE_BYTES,
    maxBatchSize: env.TRPC_MAX_BATCH,
    limits: {
      maxSubscriptionsPerConnection: env.WS_MAX_SUBSCRIPTIONS,
      maxConnectionsPerIp: env.WS_MAX_CONNECTIONS_PER_IP,
      maxAnonymousSubscriptionsPerIp: env.WS_MAX_ANONYMOUS_SUBSCRIPTIONS_PER_IP,
      maxBufferedBytes: env.WS_MAX_BUFFERED_BYTES,
      slowClientTimeoutMs: env.WS_SLOW_CLIENT_TIMEOUT_MS,
    },
  });
  metrics?.watch({
    writerQueue: () => services.database.writer.queued(),
    webSockets: () => websocket.wss.clients.size,
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(env.PORT, env.HOST, () => resolve());
  }).catch(async (error: unknown) => {
    await services.close();
    throw error;
  });
  const { port } = server.address() as AddressInfo;
  const host = env.HOST.includes(":") ? `[${env.HOST}]` : env.HOST;
  const url = `http://${host}:${port}`;
  const jobs = startBackgroundJobs({ env, services, logger, url });

  let stopping: Promise<void> | undefined;
  return {
    server,
    services,
    websocket,
    jobs,
    url,
    stop() {
      stopping ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await websocket.close();
        await closed;
        await jobs.stop();
        await services.close();
      })();
      return stopping;
    },
  };
}
