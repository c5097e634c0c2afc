/** Methods that must not change state, so need no cross-site request forgery check. */
const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

export interface OriginHeaders {
  origin?: string | undefined;
  host?: string | undefined;
  /** Set by a reverse proxy to the host the browser asked for; may be a list. */
  "x-forwarded-host"?: string | string[] | undefined;
}

export interface OriginCheckRequest {
  method?: string | undefined;
  headers: OriginHeaders;
}

/**
 * Cross-site request forgery check for a request that may change state (the Lucia guide's
 * Origin check; SameSite=Lax cookies are the second layer).
 *
 * A request without an Origin header is allowed. Browsers send Origin on every cross-origin
 * POST/PUT/DELETE (and on every WebSocket upgrade), so its absence means a non-browser
 * client, which authenticates with a bearer token it holds itself and cannot be tricked
 * into sending someone else's cookie.
 */
export function isSameOrigin(request: OriginCheckRequest, allowedOrigins: string[]): boolean {
  if (safeMethods.has((request.method ?? "").toUpperCase())) return true;
  return isAllowedOrigin(request.headers, allowedOrigins);
}

/**
 * The Origin part of `isSameOrigin`, whatever the method. The WebSocket upgrade is a GET
 * but carries the session cookie into a long-lived channel, so it is checked with this.
 *
 * An Origin is accepted when its host equals the Host (or X-Forwarded-Host) the request was
 * sent to, or when it is one of `allowedOrigins` (full origins such as
 * `https://app.example.com`, for a web app served from another host). X-Forwarded-Host is
 * not a header a cross-site page can set without a CORS preflight, so trusting it here
 * lets an attacker nothing the browser would not already refuse.
 */
export function isAllowedOrigin(headers: OriginHeaders, allowedOrigins: string[]): boolean {
  if (headers.origin === undefined) return true;
  const origin = parseOrigin(headers.origin);
  // "null" (sandboxed frames, some redirects) and garbage are never ours.
  if (!origin) return false;

  const hosts = [firstForwardedHost(headers["x-forwarded-host"]), headers.host];
  if (hosts.some((host) => host !== undefined && host.toLowerCase() === origin.host)) return true;
  return allowedOrigins.some((allowed) => parseOrigin(allowed)?.origin === origin.origin);
}

function parseOrigin(value: string): URL | null {
  if (!URL.canParse(value)) return null;
  const url = new URL(value);
  return url.protocol === "http:" || url.protocol === "https:" ? url : null;
}

function firstForwardedHost(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first?.split(",")[0]?.trim() || undefined;
}
