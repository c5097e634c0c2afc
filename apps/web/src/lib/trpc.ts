import {
  createTRPCClient,
  createWSClient,
  httpBatchLink,
  splitLink,
  wsLink,
  type TRPCClientError,
} from "@trpc/client";
import type { AppRouter } from "@boxoffice/api";
import { keepAlive, retryDelayMs } from "@boxoffice/client/connection-settings";

/** The WebSocket endpoint on the page's own host, so the session cookie rides along. */
export function liveUrl(location: Pick<Location, "protocol" | "host"> = window.location): string {
  return `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/trpc`;
}

/**
 * The one WebSocket: subscriptions only. It reconnects by itself and resumes each
 * subscription from the last event it saw; backoff and keep-alive are the ones every
 * Boxoffice client shares. Lazy: nothing connects until the first subscription, so importing
 * this module (in tests, say) opens no socket. It stays open 30 s after the last
 * subscription ends (the typed client closes after 1 s so scripts can exit): a tab that
 * briefly has nothing to watch, such as during a sign-in, keeps its socket.
 */
export const wsClient = createWSClient({
  url: () => liveUrl(),
  lazy: { enabled: true, closeMs: 30_000 },
  retryDelayMs,
  keepAlive,
});

/** The one tRPC client: queries and mutations over batched HTTP, subscriptions over WS. */
export const trpc = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      condition: (op) => op.type === "subscription",
      true: wsLink({ client: wsClient }),
      // The server answers at most TRPC_MAX_BATCH (20) calls per request.
      false: httpBatchLink({ url: "/trpc", maxURLLength: 2_000, maxItems: 20 }),
    }),
  ],
});

/**
 * The server reads the session cookie when the socket opens, so after signing in or out
 * the socket is replaced: closing it makes the client reconnect (with the new cookie)
 * and resubscribe.
 */
export function reopenLiveConnection(): void {
  const connection = wsClient.connection;
  if (connection?.state === "open") connection.ws.close();
}

export type ApiError = TRPCClientError<AppRouter>;
