import type { AuthRateLimits } from "@boxoffice/auth";
import type { Database, ReadDatabase } from "@boxoffice/db";
import type { Clock, CommandName, Commands } from "../commands/index.ts";
import type { LiveFeed } from "../live/change-feed.ts";
import type { Instruments } from "./instruments.ts";
import type { TicketKeys } from "./ticket-keys.ts";

/**
 * What a request may use, one set per process. Reads go through `db`, which cannot write;
 * every write is one of `commands`, which publish their own changes to the live feed.
 */
export interface Services {
  db: ReadDatabase;
  commands: Commands;
  /** Signs ticket tokens as tickets are read; verifies what doors scan. */
  tickets: TicketKeys;
  /** Committed booking_logs rows, in order, for live subscriptions. */
  feed: LiveFeed;
  /**
   * How many changes back a subscription may resume (LIVE_REPLAY_WINDOW): from further back
   * it is told to reload a snapshot instead, so one request never replays the whole table.
   */
  replayWindow: number;
  limits: AuthRateLimits;
  clock: Clock;
  /** Cookies get `Secure` (production). */
  secureCookies: boolean;
  /** Origins besides the request's own that may send state-changing requests. */
  allowedOrigins: string[];
  /** The time zone of an event created without one (IANA name). */
  defaultTimezone: string;
  /** Where calls, commands and subscriptions are reported (metrics). */
  instruments: Instruments;
}

/** The services as their owner (the server, a script, a test) holds them. */
export interface OwnedServices extends Services {
  /**
   * The database the services opened. Its writer is for test fixtures that need rows no
   * command makes; the API itself only ever sees `Services`.
   */
  database: Database;
  /**
   * Hears of every command this process committed, by name: how the mail sender learns,
   * without polling, that a message may be waiting.
   */
  commits: { subscribe(listener: (name: CommandName) => void): () => void };
  /** Commits queued writes, then closes the feed, Redis and the database, in that order. */
  close(): Promise<void>;
}
