import type { ChangeTransport } from "./change-feed.ts";

/**
 * Several transports as one: announcements go out on each, and a wake-up from any wakes
 * the feed. The server uses it for node:cluster's IPC (its own workers) beside Redis (other
 * machines).
 */
export function combineTransports(
  transports: readonly (ChangeTransport | undefined)[],
): ChangeTransport | undefined {
  const present = transports.filter((transport) => transport !== undefined);
  if (present.length <= 1) return present[0];
  return {
    announce(lastLogId) {
      for (const transport of present) transport.announce(lastLogId);
    },
    start(wake) {
      for (const transport of present) transport.start(wake);
    },
    async close() {
      await Promise.all(present.map((transport) => transport.close()));
    },
  };
}
