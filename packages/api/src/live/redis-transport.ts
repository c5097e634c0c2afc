import { Redis, type RedisOptions } from "ioredis";
import type { ChangeTransport } from "./change-feed.ts";

export interface TransportLogger {
  warn(details: object, message: string): void;
  info(details: object, message: string): void;
}

const channel = "boxoffice:booking-logs";

/**
 * Fan-out across server instances through Redis pub/sub. Each instance announces its
 * commits; every instance wakes its change feed, which reads the rows from the database.
 * Redis is never on the booking path: while it is down, announcements are dropped (not
 * queued), bookings go on, local subscribers stay live, and on reconnect every feed wakes
 * and catches up from booking_logs.
 */
export function createRedisTransport(url: string, logger: TransportLogger): ChangeTransport {
  const options: RedisOptions = {
    retryStrategy: (attempt) => Math.min(100 * attempt, 2_000),
    // Fail publishes at once while disconnected instead of buffering them in memory.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
  };
  const publisher = new Redis(url, options);
  const subscriber = new Redis(url, {
    ...options,
    enableOfflineQueue: true,
    maxRetriesPerRequest: null,
  });

  let down = false;
  /** The last commit announced while the publisher was down: sent once it is back. */
  let unannounced: number | null = null;
  const onError = (error: Error) => {
    if (down) return;
    down = true;
    logger.warn(
      { err: error.message },
      "Redis unreachable; live updates from other instances paused",
    );
  };
  publisher.on("error", onError);
  // Other instances missed what this one committed while it could not publish: one
  // announcement wakes them to read it all from booking_logs.
  publisher.on("ready", () => {
    if (unannounced === null) return;
    const lastLogId = unannounced;
    unannounced = null;
    publisher.publish(channel, String(lastLogId)).catch(onError);
  });
  subscriber.on("error", onError);

  return {
    start(wake) {
      subscriber.on("message", () => wake());
      subscriber.on("ready", () => {
        if (down) logger.info({}, "Redis reconnected; catching up from booking_logs");
        down = false;
        wake();
      });
      // Wake once subscribed too: a commit announced before that moment was not heard.
      subscriber.subscribe(channel).then(wake, onError);
    },
    announce(lastLogId) {
      if (publisher.status !== "ready") {
        unannounced = lastLogId;
        return;
      }
      publisher.publish(channel, String(lastLogId)).catch((error: Error) => {
        unannounced = lastLogId;
        onError(error);
      });
    },
    async close() {
      await Promise.all(
        [publisher, subscriber].map((client) =>
          client.status === "ready"
            ? client.quit().catch(() => client.disconnect())
            : client.disconnect(),
        ),
      );
    },
  };
}
