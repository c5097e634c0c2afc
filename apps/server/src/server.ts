import type { AddressInfo } from "node:net";
import { openDatabase, type Database } from "@boxoffice/db";
import { createApp, type App } from "./app.ts";
import type { Env } from "./env.ts";
import type { Logger } from "./logger.ts";

export interface RunningServer extends App {
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
  const app = createApp({ env, database, logger });
  await new Promise<void>((resolve, reject) => {
    app.server.once("error", reject);
    app.server.listen(env.PORT, env.HOST, () => resolve());
  });
  const { port } = app.server.address() as AddressInfo;
  const host = env.HOST.includes(":") ? `[${env.HOST}]` : env.HOST;

  let stopping: Promise<void> | undefined;
  return {
    ...app,
    database,
    url: `http://${host}:${port}`,
    stop() {
      stopping ??= (async () => {
        const closed = new Promise<void>((resolve) => app.server.close(() => resolve()));
        app.server.closeIdleConnections();
        await closed;
        await app.services.writer.close();
        await app.services.bus.close();
        await database.close();
      })();
      return stopping;
    },
  };
}
