import {
  createTRPCClient,
  createWSClient,
  httpBatchLink,
  splitLink,
  TRPCClientError,
  wsLink,
  type TRPCLink,
  type TRPCWebSocketClient,
} from "@trpc/client";
import { observable } from "@trpc/server/observable";
import type {
  AppRouter,
  BoxofficeClient,
  BoxofficeClientOptions,
  TokenSource,
  WebSocketClass,
} from "./types.ts";
import { keepAlive, retryDelayMs } from "./connection-settings.ts";
import { trpcHttpUrl, trpcWsUrl } from "./urls.ts";

const readToken = (token: TokenSource | undefined) =>
  (typeof token === "function" ? token() : token) || null;

/**
 * A link that creates its inner link on the first operation. Subscriptions go through it,
 * so a client that only queries and mutates never creates a WebSocket client at all.
 */
function lazyLink(create: () => TRPCLink<AppRouter>, isClosed: () => boolean): TRPCLink<AppRouter> {
  return (runtime) => {
    let link: ReturnType<TRPCLink<AppRouter>> | undefined;
    return (operation) => {
      try {
        if (isClosed()) throw new Error("This Boxoffice client has been closed.");
        link ??= create()(runtime);
      } catch (cause) {
        return observable((observer) => observer.error(TRPCClientError.from(asError(cause))));
      }
      return link(operation);
    };
  };
}

const asError = (cause: unknown) => (cause instanceof Error ? cause : new Error(String(cause)));

/**
 * The client behind both entry points; `defaultWebSocket` is what the entry point found in
 * its runtime (the global in browsers, `ws` on Node).
 */
export function createClientWith(
  options: BoxofficeClientOptions,
  defaultWebSocket: () => WebSocketClass | undefined,
): BoxofficeClient {
  let wsClient: TRPCWebSocketClient | undefined;
  let closed = false;

  const subscriptions = lazyLink(
    () => {
      const WebSocket = options.WebSocket ?? defaultWebSocket();
      if (!WebSocket) {
        throw new Error(
          "No WebSocket implementation for subscriptions: pass `WebSocket` to createBoxofficeClient.",
        );
      }
      wsClient = createWSClient({
        url: trpcWsUrl(options.url),
        WebSocket,
        connectionParams: () => {
          const token = readToken(options.token);
          return token ? { token } : null;
        },
        retryDelayMs: options.retryDelayMs ?? retryDelayMs,
        // Opens on the first subscription and closes 1 s after the last one ends, so an idle
        // client holds no socket and a finished Node script exits promptly.
        lazy: { enabled: true, closeMs: 1_000 },
        keepAlive,
      });
      return wsLink<AppRouter>({ client: wsClient });
    },
    () => closed,
  );

  const trpc = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (operation) => operation.type === "subscription",
        true: subscriptions,
        false: httpBatchLink({
          url: trpcHttpUrl(options.url),
          // The server answers at most TRPC_MAX_BATCH (default 20) calls per request.
          maxItems: 20,
          headers: () => {
            const token = readToken(options.token);
            return token ? { authorization: `Bearer ${token}` } : {};
          },
        }),
      }),
    ],
  });

  const close = async () => {
    closed = true;
    await wsClient?.close();
  };

  // The tRPC client is a proxy that treats every property as a router path, so `close`
  // is answered by a proxy in front of it (no router is called `close`).
  return new Proxy(trpc, {
    get: (target, key, receiver) => (key === "close" ? close : Reflect.get(target, key, receiver)),
  }) as BoxofficeClient;
}
