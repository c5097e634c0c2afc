import {
  createTRPCClient,
  createWSClient,
  httpBatchLink,
  splitLink,
  wsLink,
  type TRPCClientError,
} from "@trpc/client";
import type { AppRouter } from "@boxoffice/api";

/** The WebSocket endpoint on the page's own host, so the session cookie rides along. */
export function liveUrl(location: Pick<Location, "protocol" | "host"> = window.location): string {
  return `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/trpc`;
}

/**
 * The one WebSocket: subscriptions only. It reconnects by itself (backoff capped at 10 s)
 * and resumes each subscription from the last event it saw. Lazy: nothing connects until
 * the first subscription, so importing this module (in tests, say) opens no socket.
 */
export const wsClient = createWSClient({
  url: () => liveUrl(),
  lazy: { enabled: true, closeMs: 30_000 },
  retryDelayMs: (attempt) => Math.min(500 * 2 ** attempt, 10_000),
  keepAlive: { enabled: true, intervalMs: 20_000, pongTimeoutMs: 5_000 },
});

/** The one tRPC client: queries and mutations over batched HTTP, subscriptions over WS. */
export const trpc = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      condition: (op) => op.type === "subscription",
      true: wsLink({ client: wsClient }),
      false: httpBatchLink({ url: "/trpc", maxURLLength: 2_000 }),
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
