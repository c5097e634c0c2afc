import type { TRPCClient, TRPCClientError, WebSocketClientOptions } from "@trpc/client";
import type { AppRouter } from "@boxoffice/api";

export type {
  AppRouter,
  BookingFailureCode,
  ResyncReason,
  RouterInputs,
  RouterOutputs,
} from "@boxoffice/api";

/** Anything that can come back from the server as an error, with its typed `data`. */
export type BoxofficeClientError = TRPCClientError<AppRouter>;

/** A session token, or a function read before every request (for tokens that change). */
export type TokenSource = string | (() => string | null | undefined);

/** A WebSocket class: the browser's, Node 22's, or `ws`'s on Node 20. */
export type WebSocketClass = NonNullable<WebSocketClientOptions["WebSocket"]>;

export interface BoxofficeClientOptions {
  /** The server's base URL, e.g. `http://127.0.0.1:3000` (no `/trpc`). */
  url: string;
  /** Sent as `Authorization: Bearer …` over HTTP and as `connectionParams.token` over WebSocket. */
  token?: TokenSource;
  /** The WebSocket class for subscriptions; defaults to the runtime's (or `ws` on Node). */
  WebSocket?: WebSocketClass;
  /**
   * Delay before the n-th reconnect of the subscription socket; by default the backoff of
   * `@boxoffice/client/connection-settings`, which the web app uses too.
   */
  retryDelayMs?: (attempt: number) => number;
}

/** The typed tRPC client for the Boxoffice router, plus `close()`. */
export type BoxofficeClient = TRPCClient<AppRouter> & {
  /** Ends subscriptions and closes the WebSocket, if one was ever opened. */
  close(): Promise<void>;
};
