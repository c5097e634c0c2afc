import type { ServicesConfig } from "@boxoffice/api";
import type { Env } from "./env.ts";
import type { Logger } from "./logger.ts";
import type { Metrics } from "./metrics.ts";

/** The services' settings as env gives them: one mapping for the server and the scripts. */
export function servicesConfigOf(env: Env, logger: Logger, metrics?: Metrics): ServicesConfig {
  return {
    writer: { observer: metrics?.writerObserver },
    instruments: metrics?.instruments,
    database: {
      url: env.DATABASE_URL,
      authToken: env.DATABASE_AUTH_TOKEN,
      driver: env.DATABASE_DRIVER,
    },
    redisUrl: env.REDIS_URL,
    logger,
    livePollMs: env.LIVE_POLL_MS,
    replayWindow: env.LIVE_REPLAY_WINDOW,
    secureCookies: env.NODE_ENV === "production",
    allowedOrigins: env.ALLOWED_ORIGINS,
    defaultTimezone: env.DEFAULT_TIMEZONE,
    tickets: {
      signingKey: env.TICKET_SIGNING_KEY,
      previousPublicKeys: env.TICKET_PREVIOUS_PUBLIC_KEYS,
    },
    rateLimits: {
      loginPerIp: env.RATE_LIMIT_LOGIN_PER_IP,
      loginPerAccount: env.RATE_LIMIT_LOGIN_PER_ACCOUNT,
      registerPerIp: env.RATE_LIMIT_REGISTER_PER_IP,
      bookingPerUser: env.RATE_LIMIT_BOOKINGS_PER_USER,
      passwordResetPerIp: env.RATE_LIMIT_PASSWORD_RESET_PER_IP,
      passwordResetPerAccount: env.RATE_LIMIT_PASSWORD_RESET_PER_ACCOUNT,
    },
  };
}
