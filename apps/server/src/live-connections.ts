import { TRPCError } from "@trpc/server";
import { WebSocket } from "ws";
import type { LiveConnection, SlotPool } from "@boxoffice/api";
import type { Logger } from "./logger.ts";

export interface LiveLimits {
  /** WS_MAX_SUBSCRIPTIONS: live subscriptions on one socket. */
  maxSubscriptionsPerConnection: number;
  /** WS_MAX_CONNECTIONS_PER_IP: sockets open from one client address. */
  maxConnectionsPerIp: number;
  /** WS_MAX_ANONYMOUS_SUBSCRIPTIONS_PER_IP: subscriptions without a session, per address. */
  maxAnonymousSubscriptionsPerIp: number;
  /** WS_MAX_BUFFERED_BYTES: what one socket may hold unsent before it counts as full. */
  maxBufferedBytes: number;
  /** WS_SLOW_CLIENT_TIMEOUT_MS: how long a socket may stay full before it is closed. */
  slowClientTimeoutMs: number;
}

/** The close a socket gets when it does not read what it is sent (1008: policy violation). */
export const slowClientClose = {
  code: 1008,
  reason: "Too slow: the server's send buffer for this connection stayed full",
} as const;

interface Address {
  connections: number;
  anonymousSubscriptions: SlotPool;
}

/** How often a full socket is looked at again while subscriptions wait for it to drain. */
const drainCheckMs = 25;
/** A socket closed as too slow gets this long to take its close frame before it is cut. */
const closeGraceMs = 1_000;

/**
 * Per-socket and per-address bookkeeping for the live WebSocket: how many sockets an address
 * holds, how many subscriptions anonymous sockets of an address hold, and each socket's send
 * buffer. tRPC's adapter sends every result the moment it has it, without waiting for the
 * socket to drain, so the wait happens one step earlier: a subscription asks
 * `whenWritable()` before each change, and a socket whose buffer stays full is closed.
 */
export function createLiveConnections(limits: LiveLimits, logger: Logger) {
  const addresses = new Map<string, Address>();

  function addressOf(clientIp: string): Address {
    let address = addresses.get(clientIp);
    if (!address) {
      address = {
        connections: 0,
        anonymousSubscriptions: { used: 0, max: limits.maxAnonymousSubscriptionsPerIp },
      };
      addresses.set(clientIp, address);
    }
    return address;
  }

  return {
    /** Whether an address may open one more socket (asked at the upgrade). */
    admits(clientIp: string): boolean {
      return (addresses.get(clientIp)?.connections ?? 0) < limits.maxConnectionsPerIp;
    },

    /** Bookkeeping for a socket that just opened, undone when it closes. */
    open(ws: WebSocket, clientIp: string): Omit<LiveConnection, "sessionToken"> {
      const address = addressOf(clientIp);
      address.connections++;
      let closedAsSlow = false;
      const closeAsSlow = (bufferedBytes: number) => {
        if (closedAsSlow || ws.readyState !== WebSocket.OPEN) return;
        closedAsSlow = true;
        logger.warn(
          { clientIp, bufferedBytes, limit: limits.maxBufferedBytes },
          "websocket client too slow to read; connection closed",
        );
        ws.close(slowClientClose.code, slowClientClose.reason);
        // A client that reads nothing never takes the close frame either: cut it, which
        // frees what is buffered for it.
        setTimeout(() => ws.terminate(), closeGraceMs).unref();
      };
      const gone = () =>
        new TRPCError({ code: "CLIENT_CLOSED_REQUEST", message: "The connection has closed." });

      // Subscriptions wait at the limit, but every request gets its answer: a client that
      // keeps asking without reading is closed once its buffer reaches twice the limit.
      ws.on("message", () => {
        if (ws.bufferedAmount > 2 * limits.maxBufferedBytes) closeAsSlow(ws.bufferedAmount);
      });
      ws.once("close", () => {
        // Subscriptions still ending release into the old pool, which nothing else holds.
        if (--address.connections === 0) addresses.delete(clientIp);
      });

      let draining: Promise<void> | null = null;
      const waitForRoom = () =>
        new Promise<void>((resolve, reject) => {
          const fullSince = Date.now();
          const timer = setInterval(() => {
            if (ws.readyState !== WebSocket.OPEN) {
              clearInterval(timer);
              reject(gone());
            } else if (ws.bufferedAmount < limits.maxBufferedBytes) {
              clearInterval(timer);
              resolve();
            } else if (Date.now() - fullSince >= limits.slowClientTimeoutMs) {
              clearInterval(timer);
              closeAsSlow(ws.bufferedAmount);
              reject(gone());
            }
          }, drainCheckMs);
        }).finally(() => {
          draining = null;
        });

      return {
        subscriptions: { used: 0, max: limits.maxSubscriptionsPerConnection },
        anonymousSubscriptions: address.anonymousSubscriptions,
        whenWritable() {
          if (ws.readyState !== WebSocket.OPEN) return Promise.reject(gone());
          if (ws.bufferedAmount < limits.maxBufferedBytes) return undefined;
          // Every subscription of the socket waits on the same check.
          draining ??= waitForRoom();
          return draining;
        },
      };
    },
  };
}
