import { createClientWith } from "./create-client.ts";
import type { BoxofficeClient, BoxofficeClientOptions, WebSocketClass } from "./types.ts";

export * from "./exports.ts";

/**
 * A typed client for the Boxoffice API: queries and mutations over HTTP (batched),
 * subscriptions over one WebSocket opened on first use, reconnecting and resuming from the
 * last event it saw. This entry uses the runtime's global WebSocket (browsers, Node 22+);
 * Node resolves `@boxoffice/client` to the entry that falls back to `ws`.
 */
export function createBoxofficeClient(options: BoxofficeClientOptions): BoxofficeClient {
  return createClientWith(options, () => (globalThis as { WebSocket?: WebSocketClass }).WebSocket);
}
