import { openDatabase } from "@boxoffice/db";
import { createServices } from "@boxoffice/api";
import { readEnv, type Env } from "../env.ts";

/** The same database and services the server would use, for one-off scripts. */
export async function openForScript() {
  const env: Env = readEnv();
  const database = await openDatabase({
    url: env.DATABASE_URL,
    authToken: env.DATABASE_AUTH_TOKEN,
    driver: env.DATABASE_DRIVER,
  });
  const services = createServices({
    database,
    rateLimits: {
      loginPerIp: env.RATE_LIMIT_LOGIN_PER_IP,
      loginPerAccount: env.RATE_LIMIT_LOGIN_PER_ACCOUNT,
      registerPerIp: env.RATE_LIMIT_REGISTER_PER_IP,
      bookingPerUser: env.RATE_LIMIT_BOOKINGS_PER_USER,
    },
  });
  return {
    env,
    services,
    async close() {
      await services.writer.close();
      await database.close();
    },
  };
}
