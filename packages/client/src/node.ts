import { WebSocket as NodeWebSocket } from "ws";
import { createClientWith } from "./create-client.ts";
import type { BoxofficeClient, BoxofficeClientOptions, WebSocketClass } from "./types.ts";

export * from "./exports.ts";

/**
 * A typed client for the Boxoffice API: queries and mutations over HTTP (batched),
 * subscriptions over one WebSocket opened on first use, reconnecting and resuming from the
 * last event it saw. On Node without a global WebSocket (Node 20) it uses `ws`.
 */
export function createBoxofficeClient(options: BoxofficeClientOptions): BoxofficeClient {
  return createClientWith(
    options,
    // Node 22+ has a global WebSocket; on Node 20 `ws` provides the browser API tRPC uses.
    () =>
      (globalThis as { WebSocket?: WebSocketClass }).WebSocket ??
      (NodeWebSocket as unknown as WebSocketClass),
  );
}
