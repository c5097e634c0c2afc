import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TicketKeys } from "@boxoffice/api";

/**
 * GET /api/tickets/public-key: the ticket verification keys as a JWK Set (RFC 7517), current
 * key first, each with its `kid` (the key id tokens carry). Scanners fetch it while online
 * and verify tokens offline with WebCrypto's Ed25519. Cached for an hour, revalidated by ETag:
 * keys change only with a deployment, and a scanner keeps its own copy anyway.
 */
export function servePublicKeys(
  req: IncomingMessage,
  res: ServerResponse,
  jwks: TicketKeys["jwks"],
): void {
  const body = JSON.stringify(jwks);
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`;
  const headers = {
    "content-type": "application/jwk-set+json",
    "cache-control": "public, max-age=3600, must-revalidate",
    etag,
    "access-control-allow-origin": "*",
  };
  if (req.headers["if-none-match"] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, headers);
  res.end(req.method === "HEAD" ? undefined : body);
}
