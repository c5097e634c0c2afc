import { createTRPCClient, createWSClient, httpBatchLink, splitLink, wsLink } from "@trpc/client";
import WebSocket from "ws";
import type { AppRouter } from "@boxoffice/api";

/** A real tRPC client over HTTP + WebSocket, as another TypeScript app would build one. */
export function liveClient(
  baseUrl: string,
  options: { token?: string; retryDelayMs?: number } = {},
) {
  const wsClient = createWSClient({
    url: `${baseUrl.replace(/^http/, "ws")}/trpc`,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
    retryDelayMs: () => options.retryDelayMs ?? 100,
    connectionParams: options.token ? { token: options.token } : undefined,
  });
  const headers = options.token ? { authorization: `Bearer ${options.token}` } : undefined;
  const client = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: wsLink({ client: wsClient }),
        false: httpBatchLink({ url: `${baseUrl}/trpc`, headers }),
      }),
    ],
  });
  return { client, wsClient, close: () => wsClient.close() };
}

/** Resolves when `predicate` holds, polling; fails with `what` after `timeoutMs`. */
export async function eventually(predicate: () => boolean, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
