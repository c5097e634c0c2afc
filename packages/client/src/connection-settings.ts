/**
 * How a Boxoffice client keeps its subscription WebSocket alive: the web app and
 * `@boxoffice/client` both pass these to tRPC's `createWSClient`, so every client reconnects
 * and notices a dead socket the same way. Only the lazy close delay differs per client.
 */

/**
 * Delay before reconnect attempt `attempt` (0, 1, 2, …): about 0.5 s, 1 s, 2 s, … capped at
 * 10 s, each scaled by a random 50–100 %. A blip heals in well under the 1.5 s before the web
 * app says "Reconnecting…"; a server that stays down is tried at most every 10 s. The jitter
 * spreads out the reconnects of every open client when a server restarts (SIGTERM tells
 * them all to reconnect at once), so the new instance is not hit by one wave.
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(500 * 2 ** attempt, 10_000);
  return Math.round(ceiling * (0.5 + random() / 2));
}

/**
 * A ping every 10 s, and a socket that has not answered within 5 s is replaced: a connection
 * that died without a close (a laptop lid, a switch of mobile network) is noticed within
 * 15 s, and the traffic keeps proxies with an idle timeout (commonly 60 s) from cutting it.
 * The server's own pings (every 30 s) are a backstop for clients that send none.
 */
export const keepAlive = { enabled: true, intervalMs: 10_000, pongTimeoutMs: 5_000 } as const;
