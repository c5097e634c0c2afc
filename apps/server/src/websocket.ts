import type { Server } from "node:http";
import type { Duplex } from "node:stream";
import { applyWSSHandler } from "@trpc/server/adapters/ws";
import { WebSocketServer, type WebSocket } from "ws";
import {
  appRouter,
  createRequestContext,
  type LiveConnection,
  type Services,
} from "@boxoffice/api";
import { isAllowedOrigin } from "@boxoffice/auth";
import { frameEncoder } from "./frame-encoder.ts";
import { createLiveConnections, type LiveLimits } from "./live-connections.ts";
import type { Logger } from "./logger.ts";
import { clientIpOf, originTargetOf, requestIdOf } from "./request-info.ts";
import { defaultMaxBatch } from "./request-limits.ts";

/** How long a shutdown waits for clients to answer the close handshake. */
const closeHandshakeMs = 1_000;

export interface WebSocketOptions {
  server: Server;
  services: Services;
  logger: Logger;
  trustProxy: boolean;
  maxMessageBytes: number;
  limits: LiveLimits;
  /** TRPC_MAX_BATCH: a message may batch this many calls beside its subscriptions. */
  maxBatchSize?: number;
}

/**
 * A protocol error ws raised about what the client sent (a bad frame, a message over
 * maxPayload, invalid UTF-8): its codes all start WS_ERR_.
 */
function clientFrameErrorOf(cause: unknown): { code: string; reason: string } | null {
  if (!(cause instanceof Error)) return null;
  const code = (cause as { code?: unknown }).code;
  return typeof code === "string" && code.startsWith("WS_ERR_")
    ? { code, reason: cause.message }
    : null;
}

function refuseUpgrade(socket: Duplex, status: number, reason: string) {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * tRPC over WebSocket on the HTTP server's own port, at /trpc. The upgrade is where a
 * browser's cross-site attempt is stopped (Origin), where an address over its share of
 * sockets is refused, and where the caller's session token is taken: the session cookie
 * for browsers, `connectionParams.token` for other clients. Each operation then resolves
 * that token anew (see withCurrentSession), so a sign-out or role change applies at once.
 */
export function attachWebSocket(options: WebSocketOptions) {
  const { server, services, logger } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes });
  const connections = createLiveConnections(options.limits, logger);
  const bookkeeping = new WeakMap<WebSocket, Omit<LiveConnection, "sessionToken">>();

  const handler = applyWSSHandler({
    wss,
    router: appRouter,
    keepAlive: { enabled: true, pingMs: 30_000, pongWaitMs: 5_000 },
    experimental_encoder: frameEncoder,
    // wsLink sends whatever is pending as one message, and on reconnect resubscribes every
    // subscription at once: room for all of them beside an HTTP-sized batch of calls.
    maxBatchSize:
      options.limits.maxSubscriptionsPerConnection + (options.maxBatchSize ?? defaultMaxBatch),
    createContext: ({ req, res, info }) => {
      const connection = bookkeeping.get(res);
      if (!connection) throw new Error("a WebSocket without bookkeeping");
      const token = info.connectionParams?.token;
      const headers =
        typeof token === "string"
          ? { ...req.headers, authorization: `Bearer ${token}` }
          : req.headers;
      return createRequestContext(
        services,
        {
          method: "GET",
          headers,
          clientIp: clientIpOf(req, options.trustProxy),
          requestId: requestIdOf(req),
        },
        connection,
      );
    },
    onError({ error, path, req }) {
      if (error.code !== "INTERNAL_SERVER_ERROR") return;
      const frameError = clientFrameErrorOf(error.cause);
      if (frameError) {
        // The client's fault, not ours: ws has already closed the socket with the reason.
        logger.warn(
          { ...frameError, clientIp: clientIpOf(req, options.trustProxy) },
          "websocket client sent a bad frame; connection closed",
        );
        return;
      }
      logger.error({ err: error.cause ?? error, path }, "websocket procedure failed");
    },
  });

  server.on("upgrade", (req, socket, head) => {
    const { pathname } = new URL(req.url ?? "/", "http://boxoffice.invalid");
    if (pathname !== "/trpc") return refuseUpgrade(socket, 404, "Not Found");
    // Browsers always send Origin on a WebSocket upgrade; other clients may omit it.
    if (
      req.headers.origin !== undefined &&
      !isAllowedOrigin(originTargetOf(req, options.trustProxy), services.allowedOrigins)
    ) {
      logger.warn({ origin: req.headers.origin }, "cross-site WebSocket upgrade refused");
      return refuseUpgrade(socket, 403, "Forbidden");
    }
    const clientIp = clientIpOf(req, options.trustProxy);
    if (!connections.admits(clientIp)) {
      logger.warn({ clientIp }, "WebSocket upgrade refused: too many connections from one address");
      return refuseUpgrade(socket, 429, "Too Many Requests");
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      bookkeeping.set(ws, connections.open(ws, clientIp));
      wss.emit("connection", ws, req);
    });
  });

  return {
    wss,
    /** Tells clients to reconnect (to another instance), then closes every socket. */
    async close() {
      handler.broadcastReconnectNotification();
      // Let the notification flush before the sockets go.
      await new Promise((resolve) => setTimeout(resolve, 100));
      for (const client of wss.clients) client.close(1012, "Server restarting");
      // ws waits up to 30 s for each client's answer to the close; a client that does not
      // answer at once (a busy or vanished page) is cut off rather than hold up the shutdown.
      const cutOff = setTimeout(() => {
        for (const client of wss.clients) client.terminate();
      }, closeHandshakeMs);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      clearTimeout(cutOff);
    },
  };
}
