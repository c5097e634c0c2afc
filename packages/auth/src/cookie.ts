import { parse, serialize, type SerializeOptions } from "cookie";

export const sessionCookieName = "boxoffice_session";

export interface SessionCookieOptions {
  /** True in production (HTTPS); false lets the cookie work on http://localhost in development. */
  secure: boolean;
}

/**
 * HttpOnly keeps the token away from page scripts; SameSite=Lax keeps it off cross-site
 * subrequests and form POSTs while top-level navigation still carries it.
 */
function baseAttributes(options: SessionCookieOptions): SerializeOptions {
  return { httpOnly: true, sameSite: "lax", path: "/", secure: options.secure };
}

/** A Set-Cookie value carrying the token until the session's expiry (ms since epoch). */
export function serializeSessionCookie(
  token: string,
  expiresAt: number,
  options: SessionCookieOptions,
): string {
  return serialize(sessionCookieName, token, {
    ...baseAttributes(options),
    // Max-Age wins where supported; Expires is for clients that only know the old attribute.
    maxAge: Math.max(0, Math.floor((expiresAt - Date.now()) / 1000)),
    expires: new Date(expiresAt),
  });
}

/** A Set-Cookie value that makes the browser drop the session cookie (sign-out). */
export function serializeBlankSessionCookie(options: SessionCookieOptions): string {
  return serialize(sessionCookieName, "", {
    ...baseAttributes(options),
    maxAge: 0,
    expires: new Date(0),
  });
}

export interface CredentialHeaders {
  cookie?: string | undefined;
  authorization?: string | undefined;
}

const bearerPattern = /^Bearer\s+(\S+)\s*$/i;

/**
 * The session token a request carries. An explicit `Authorization: Bearer` (API clients)
 * wins over the cookie, so a script that sends a token is never silently acting as
 * whoever is signed in to the browser it runs beside.
 */
export function readSessionToken(headers: CredentialHeaders): string | null {
  const bearer = headers.authorization?.match(bearerPattern)?.[1];
  if (bearer) return bearer;
  if (!headers.cookie) return null;
  return parse(headers.cookie)[sessionCookieName] || null;
}
