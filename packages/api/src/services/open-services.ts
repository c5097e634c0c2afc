import { createAuthRateLimits, type AuthRateLimitConfig } from "@boxoffice/auth";
import { openDatabase, type DatabaseConfig, type WriterOptions } from "@boxoffice/db";
import {
  bindCommands,
  systemClock,
  writerExecutor,
  type Clock,
  type CommandName,
  type Commands,
} from "../commands/index.ts";
import { remoteExecutor, type CommandChannel } from "../commands/remote-commands.ts";
import { createChangeFeed, type ChangeTransport } from "../live/change-feed.ts";
import { combineTransports } from "../live/combined-transport.ts";
import type { TransportLogger } from "../live/redis-transport.ts";
import { defaultReplayWindow } from "../live/replay-window.ts";
import { unmeasured, type Instruments } from "./instruments.ts";
import type { OwnedServices } from "./services.ts";
import { loadTicketKeys, type TicketKeyConfig } from "./ticket-keys.ts";

/** Everything the services are built from; the server reads it from env, tests write it. */
export interface ServicesConfig {
  database: DatabaseConfig;
  writer?: Omit<WriterOptions, "busyTimeoutMs">;
  /** Fan-out of live changes across instances; none for a single instance. */
  redisUrl?: string | undefined;
  /**
   * Another way commits are announced beside Redis: between the server's own worker
   * processes (node:cluster IPC).
   */
  peerTransport?: ChangeTransport | undefined;
  /**
   * Run commands on another process's writer (the cluster primary's) instead of this one's.
   * Prechecks, reads and publishing to the live feed stay in this process.
   */
  commandChannel?: CommandChannel | undefined;
  logger: TransportLogger;
  /** See ChangeFeedOptions.pollMs. */
  livePollMs?: number;
  /** See Services.replayWindow (default 10,000 changes). */
  replayWindow?: number;
  rateLimits: AuthRateLimitConfig;
  secureCookies?: boolean;
  allowedOrigins?: string[];
  /** For events created without a zone; the server's own zone when unset. */
  defaultTimezone?: string | undefined;
  /** Ticket signing keys; none = a development key kept in the database. */
  tickets?: TicketKeyConfig;
  clock?: Clock;
  instruments?: Instruments;
}

/**
 * The one place the process's services are wired: database and writer, change feed (with
 * Redis when configured), commands bound to both, rate limits. The server, the scripts and
 * the tests all open them here.
 */
export async function openServices(config: ServicesConfig): Promise<OwnedServices> {
  const clock = config.clock ?? systemClock;
  const database = await openDatabase(config.database, config.writer);
  // ioredis is loaded only when there is a Redis to talk to.
  const redis = config.redisUrl
    ? (await import("../live/redis-transport.ts")).createRedisTransport(
        config.redisUrl,
        config.logger,
      )
    : undefined;
  const transport = combineTransports([redis, config.peerTransport]);
  const feed = createChangeFeed(database.db, { transport, pollMs: config.livePollMs });
  const instruments = config.instruments ?? unmeasured;
  const remote = config.commandChannel ? remoteExecutor(config.commandChannel) : undefined;
  const execute = remote ?? writerExecutor(database.writer, clock);
  const commitListeners = new Set<(name: CommandName) => void>();
  const commands = bindCommands(execute, feed, clock, {
    instruments,
    reader: database.db,
    afterCommit: (name) => {
      for (const listener of commitListeners) listener(name);
    },
  });
  await foldPendingSearchText(commands);
  const tickets = await loadTicketKeys(config.tickets ?? {}, {
    commands,
    db: database.db,
    logger: config.logger,
  }).catch(async (error: unknown) => {
    await database.writer.close();
    await feed.close();
    await database.close();
    throw error;
  });
  let closing: Promise<void> | undefined;
  return {
    db: database.db,
    commands,
    tickets,
    commits: {
      subscribe(listener) {
        commitListeners.add(listener);
        return () => commitListeners.delete(listener);
      },
    },
    feed,
    replayWindow: config.replayWindow ?? defaultReplayWindow,
    limits: createAuthRateLimits(config.rateLimits),
    clock,
    secureCookies: config.secureCookies ?? false,
    allowedOrigins: config.allowedOrigins ?? [],
    defaultTimezone:
      config.defaultTimezone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? "UTC",
    instruments,
    database,
    close() {
      closing ??= (async () => {
        // Queued commands commit (and publish) first, then the feed delivers and stops,
        // then the connections go.
        await database.writer.close();
        remote?.close();
        await feed.close();
        await database.close();
      })();
      return closing;
    },
  };
}

/** Events written before search folded accents get their search text once, at start. */
async function foldPendingSearchText(commands: Commands) {
  const batch = 500;
  for (;;) {
    const outcome = await commands.foldSearchText({ batch });
    if (!outcome.ok || outcome.folded < batch) return;
  }
}
