import type { AddressInfo } from "node:net";
import { openDatabase, type Database } from "@boxoffice/db";
import { createRedisTransport } from "@boxoffice/api";
import { createApp, type App } from "./app.ts";
import { attachWebSocket } from "./websocket.ts";
import type { Env } from "./env.ts";
import type { Logger } from "./logger.ts";

export interface RunningServer extends App {
  websocket: ReturnType<typeof attachWebSocket>;
  url: string;
  database: Database;
  /** Stops accepting, lets in-flight requests finish, commits queued writes, closes the db. */
  stop(): Promise<void>;
}

/** Opens the database, starts the app on env.HOST:env.PORT (0 = any free port). */
export async function startServer(env: Env, logger: Logger): Promise<RunningServer> {
  const database = await openDatabase({
    url: env.DATABASE_URL,
    authToken: env.DATABASE_AUTH_TOKEN,
    driver: env.DATABASE_DRIVER,
  });
  const transport = env.REDIS_URL ? createRedisTransport(env.REDIS_URL, logger) : undefined;
  const app = createApp({ env, database, logger, transport });
  const websocket = attachWebSocket({
    server: app.server,
    services: app.services,
    logger,
    trustProxy: env.TRUST_PROXY,
    maxSubscriptionsPerConnection: env.WS_MAX_SUBSCRIPTIONS,
    maxMessageBytes: env.WS_MAX_MESSAGE_BYTES,
  });
  await new Promise<void>((resolve, reject) => {
    app.server.once("error", reject);
    app.server.listen(env.PORT, env.HOST, () => resolve());
  });
  const { port } = app.server.address() as AddressInfo;
  const host = env.HOST.includes(":") ? `[${env.HOST}]` : env.HOST;

  let stopping: Promise<void> | undefined;
  return {
    ...app,
    websocket,
    database,
    url: `http://${host}:${port}`,
    stop() {
      stopping ??= (async () => {
        const closed = new Promise<void>((resolve) => app.server.close(() => resolve()));
        app.server.closeIdleConnections();
        await websocket.close();
        await closed;
        await app.services.writer.close();
        await app.services.feed.close();
        await database.close();
      })();
      return stopping;
    },
  };
}
