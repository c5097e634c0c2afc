import { describe, expect, it } from "vitest";
import {
  readSessionToken,
  serializeBlankSessionCookie,
  serializeSessionCookie,
  sessionCookieName,
} from "../src/cookie.ts";

/** Splits a Set-Cookie value into name, value and attributes (keys lower-cased), independently of the code under test. */
function parseSetCookie(header: string) {
  const [pair = "", ...parts] = header.split(";").map((part) => part.trim());
  const separator = pair.indexOf("=");
  const attributes = new Map<string, string | true>();
  for (const part of parts) {
    const at = part.indexOf("=");
    if (at === -1) attributes.set(part.toLowerCase(), true);
    else attributes.set(part.slice(0, at).toLowerCase(), part.slice(at + 1));
  }
  return { name: pair.slice(0, separator), value: pair.slice(separator + 1), attributes };
}

const dayMs = 24 * 60 * 60 * 1000;

describe("session cookie", () => {
  it("carries the token HttpOnly, SameSite=Lax, on every path, until the session expires", () => {
    const expiresAt = Date.now() + 30 * dayMs;
    const cookie = parseSetCookie(serializeSessionCookie("token123", expiresAt, { secure: true }));

    expect(cookie.name).toBe("boxoffice_session");
    expect(cookie.name).toBe(sessionCookieName);
    expect(cookie.value).toBe("token123");
    expect(cookie.attributes.get("httponly")).toBe(true);
    expect(cookie.attributes.get("samesite")).toBe("Lax");
    expect(cookie.attributes.get("path")).toBe("/");
    expect(cookie.attributes.get("secure")).toBe(true);
    expect(cookie.attributes.get("expires")).toBe(new Date(expiresAt).toUTCString());
    const maxAge = Number(cookie.attributes.get("max-age"));
    expect(maxAge).toBeGreaterThan(30 * 24 * 3600 - 5);
    expect(maxAge).toBeLessThanOrEqual(30 * 24 * 3600);
  });

  it("omits Secure when not secure (http://localhost in development)", () => {
    const header = serializeSessionCookie("token123", Date.now() + dayMs, { secure: false });
    const cookie = parseSetCookie(header);
    expect(cookie.attributes.has("secure")).toBe(false);
    expect(cookie.attributes.get("httponly")).toBe(true);
  });

  it("blanks the cookie so the browser drops it", () => {
    for (const secure of [true, false]) {
      const cookie = parseSetCookie(serializeBlankSessionCookie({ secure }));
      expect(cookie.name).toBe("boxoffice_session");
      expect(cookie.value).toBe("");
      expect(cookie.attributes.get("max-age")).toBe("0");
      expect(cookie.attributes.get("expires")).toBe(new Date(0).toUTCString());
      expect(cookie.attributes.get("httponly")).toBe(true);
      expect(cookie.attributes.get("samesite")).toBe("Lax");
      expect(cookie.attributes.get("path")).toBe("/");
      expect(cookie.attributes.has("secure")).toBe(secure);
    }
  });
});

describe("readSessionToken", () => {
  const cookie = `theme=dark; ${sessionCookieName}=fromcookie; other=1`;

  it("prefers a bearer token over the cookie", () => {
    expect(readSessionToken({ cookie, authorization: "Bearer frombearer" })).toBe("frombearer");
  });

  it("accepts the scheme in any case", () => {
    expect(readSessionToken({ authorization: "bearer frombearer" })).toBe("frombearer");
    expect(readSessionToken({ authorization: "BEARER  frombearer " })).toBe("frombearer");
  });

  it("reads the cookie when there is no bearer token", () => {
    expect(readSessionToken({ cookie })).toBe("fromcookie");
    expect(readSessionToken({ cookie, authorization: "Basic dXNlcjpwYXNz" })).toBe("fromcookie");
    expect(readSessionToken({ cookie, authorization: "Bearer " })).toBe("fromcookie");
  });

  it("finds nothing when neither carries a token", () => {
    expect(readSessionToken({})).toBeNull();
    expect(readSessionToken({ cookie: "theme=dark" })).toBeNull();
    expect(readSessionToken({ cookie: `${sessionCookieName}=` })).toBeNull();
    expect(readSessionToken({ authorization: "Bearer two words" })).toBeNull();
  });

  it("round-trips the cookie it serialised", () => {
    const header = serializeSessionCookie("abc234", Date.now() + dayMs, { secure: true });
    const pair = header.split(";")[0];
    expect(readSessionToken({ cookie: pair })).toBe("abc234");
  });
});
