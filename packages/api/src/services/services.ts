import { createWriter, type Database, type Writer } from "@boxoffice/db";
import {
  createAuthRateLimits,
  type AuthRateLimitConfig,
  type AuthRateLimits,
} from "@boxoffice/auth";
import { createBookingCore, systemClock, type BookingCore, type Clock } from "../core/index.ts";
import { createChangeFeed, type ChangeFeed, type ChangeTransport } from "../live/change-feed.ts";

/** Everything a request needs that outlives it: one per process. */
export interface Services {
  db: Database["db"];
  writer: Writer;
  core: BookingCore;
  /** Committed booking_logs rows, in order, for live subscriptions. */
  feed: ChangeFeed;
  limits: AuthRateLimits;
  clock: Clock;
  /** Cookies get `Secure` (production). */
  secureCookies: boolean;
  /** Origins besides the request's own that may send state-changing requests. */
  allowedOrigins: string[];
}

export interface ServicesOptions {
  database: Database;
  rateLimits: AuthRateLimitConfig;
  secureCookies?: boolean;
  allowedOrigins?: string[];
  /** How instances wake each other's feeds (Redis); none for a single instance. */
  transport?: ChangeTransport;
  /** See ChangeFeedOptions.pollMs. */
  livePollMs?: number;
  clock?: Clock;
}

export function createServices(options: ServicesOptions): Services {
  const clock = options.clock ?? systemClock;
  const writer = createWriter(options.database.connection);
  return {
    db: options.database.db,
    writer,
    core: createBookingCore(writer, clock),
    feed: createChangeFeed(options.database.db, {
      transport: options.transport,
      pollMs: options.livePollMs,
    }),
    limits: createAuthRateLimits(options.rateLimits),
    clock,
    secureCookies: options.secureCookies ?? false,
    allowedOrigins: options.allowedOrigins ?? [],
  };
}
