/** Methods that must not change state, so need no cross-site request forgery check. */
const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

export interface OriginHeaders {
  origin?: string | undefined;
  host?: string | undefined;
  /** Set by a reverse proxy to the host the browser asked for; may be a list. */
  "x-forwarded-host"?: string | string[] | undefined;
  /** Set by a reverse proxy to the scheme the browser used (`https` in front of TLS). */
  "x-forwarded-proto"?: string | string[] | undefined;
}

/** Where a request arrived, as far as the server can tell. */
export interface OriginTarget {
  headers: OriginHeaders;
  /**
   * The request came through a reverse proxy we were told to trust (TRUST_PROXY): only then
   * do X-Forwarded-Host and X-Forwarded-Proto say where the browser sent it. Absent = false.
   */
  trustProxy?: boolean | undefined;
  /** The connection itself is TLS (the server listens with https). Absent = false. */
  encrypted?: boolean | undefined;
}

export interface OriginCheckRequest extends OriginTarget {
  method?: string | undefined;
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
  return isAllowedOrigin(request, allowedOrigins);
}

/**
 * The Origin part of `isSameOrigin`, whatever the method. The WebSocket upgrade is a GET
 * but carries the session cookie into a long-lived channel, so it is checked with this.
 *
 * An Origin is accepted when it is the origin the request was sent to (scheme, host and
 * port: `https://shop.example` is not `http://shop.example`), or one of `allowedOrigins`
 * (full origins such as `https://app.example.com`, for a web app served from another host).
 * The X-Forwarded headers count only behind a trusted proxy: without one, any client can
 * send them, and a page that got a victim's browser to send them would pass.
 */
export function isAllowedOrigin(target: OriginTarget, allowedOrigins: string[]): boolean {
  const { headers } = target;
  if (headers.origin === undefined) return true;
  const origin = parseOrigin(headers.origin);
  // "null" (sandboxed frames, some redirects) and garbage are never ours.
  if (!origin) return false;

  if (origin.origin === requestOrigin(target)) return true;
  return allowedOrigins.some((allowed) => parseOrigin(allowed)?.origin === origin.origin);
}

/** `https://shop.example.com` for a request the browser sent there; null when unknown. */
export function requestOrigin(target: OriginTarget): string | null {
  const { headers } = target;
  const forwardedProto = target.trustProxy ? firstOf(headers["x-forwarded-proto"]) : undefined;
  const forwardedHost = target.trustProxy ? firstOf(headers["x-forwarded-host"]) : undefined;
  const scheme = forwardedProto?.toLowerCase() ?? (target.encrypted ? "https" : "http");
  const host = forwardedHost ?? headers.host;
  if (!host || !hostPattern.test(host) || (scheme !== "http" && scheme !== "https")) return null;
  return parseOrigin(`${scheme}://${host}`)?.origin ?? null;
}

/** A host name or address with an optional port; nothing a URL would read as more. */
const hostPattern = /^(?:[\w.-]+|\[[\da-f:.]+\])(?::\d{1,5})?$/i;

function parseOrigin(value: string): URL | null {
  if (!URL.canParse(value)) return null;
  const url = new URL(value);
  return url.protocol === "http:" || url.protocol === "https:" ? url : null;
}

/** The first entry of a header a chain of proxies may have made a list. */
function firstOf(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first?.split(",")[0]?.trim() || undefined;
}
