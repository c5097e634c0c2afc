import { describe, expect, it } from "vitest";
import {
  isAllowedOrigin,
  isSameOrigin,
  requestOrigin,
  type OriginHeaders,
  type OriginTarget,
} from "../src/origin.ts";

const allowed = ["https://app.example.com", "http://localhost:5173"];

/** A request that came straight to the server over plain http (no proxy, no TLS). */
const direct = (headers: OriginHeaders): OriginTarget => ({ headers });
/** A request through a reverse proxy the server trusts (TRUST_PROXY=true). */
const proxied = (headers: OriginHeaders): OriginTarget => ({ headers, trustProxy: true });

describe("isSameOrigin", () => {
  it.each([
    ["GET", { origin: "https://evil.example", host: "api.example.com" }],
    ["HEAD", { origin: "https://evil.example", host: "api.example.com" }],
    ["OPTIONS", { origin: "https://evil.example", host: "api.example.com" }],
    ["get", { origin: "https://evil.example", host: "api.example.com" }],
  ] satisfies Array<[string, OriginHeaders]>)(
    "lets safe method %s through whatever the Origin",
    (method, headers) => {
      expect(isSameOrigin({ method, headers }, allowed)).toBe(true);
    },
  );

  it.each<[string, OriginTarget, boolean]>([
    ["no Origin (non-browser client)", direct({ host: "api.example.com" }), true],
    [
      "Origin equals the http origin it was sent to",
      direct({ origin: "http://api.example.com", host: "api.example.com" }),
      true,
    ],
    [
      "Host differs only in case",
      direct({ origin: "http://api.example.com", host: "API.example.com" }),
      true,
    ],
    [
      "same host and port",
      direct({ origin: "http://localhost:3000", host: "localhost:3000" }),
      true,
    ],
    [
      "default port written out",
      direct({ origin: "http://localhost", host: "localhost:80" }),
      true,
    ],
    [
      "same host, other port",
      direct({ origin: "http://localhost:5174", host: "localhost:3000" }),
      false,
    ],
    [
      "same host, other scheme (https page, http server)",
      direct({ origin: "https://api.example.com", host: "api.example.com" }),
      false,
    ],
    [
      "https Origin on a TLS connection",
      { headers: { origin: "https://api.example.com", host: "api.example.com" }, encrypted: true },
      true,
    ],
    [
      "http Origin on a TLS connection",
      { headers: { origin: "http://api.example.com", host: "api.example.com" }, encrypted: true },
      false,
    ],
    [
      "listed allowed origin",
      direct({ origin: "https://app.example.com", host: "api.example.com" }),
      true,
    ],
    [
      "allowed origin, other scheme",
      direct({ origin: "http://app.example.com", host: "api.example.com" }),
      false,
    ],
    [
      "listed dev origin",
      direct({ origin: "http://localhost:5173", host: "localhost:3000" }),
      true,
    ],
    ["foreign origin", direct({ origin: "https://evil.example", host: "api.example.com" }), false],
    [
      "look-alike suffix",
      direct({ origin: "http://api.example.com.evil.example", host: "api.example.com" }),
      false,
    ],
    ["Origin null", direct({ origin: "null", host: "api.example.com" }), false],
    ["garbage Origin", direct({ origin: "not a url", host: "api.example.com" }), false],
    [
      "non-http scheme",
      direct({ origin: "file://api.example.com", host: "api.example.com" }),
      false,
    ],
    ["no Host and foreign Origin", direct({ origin: "https://evil.example" }), false],
    [
      "a Host a URL would read as user@host",
      direct({ origin: "http://evil.example", host: "api.example.com@evil.example" }),
      false,
    ],
    [
      "not trusting the proxy: X-Forwarded-Host is ignored",
      direct({
        origin: "https://evil.example",
        host: "api.example.com",
        "x-forwarded-host": "evil.example",
        "x-forwarded-proto": "https",
      }),
      false,
    ],
    [
      "not trusting the proxy: X-Forwarded-Proto is ignored",
      direct({
        origin: "https://api.example.com",
        host: "api.example.com",
        "x-forwarded-proto": "https",
      }),
      false,
    ],
    [
      "trusted proxy: Origin equals X-Forwarded-Proto + X-Forwarded-Host",
      proxied({
        origin: "https://shop.example.com",
        host: "10.0.0.5:3000",
        "x-forwarded-host": "shop.example.com",
        "x-forwarded-proto": "https",
      }),
      true,
    ],
    [
      "trusted proxy that keeps Host and says https",
      proxied({
        origin: "https://shop.example.com",
        host: "shop.example.com",
        "x-forwarded-proto": "https",
      }),
      true,
    ],
    [
      "trusted proxy without X-Forwarded-Proto: the connection's scheme",
      proxied({
        origin: "https://shop.example.com",
        host: "10.0.0.5:3000",
        "x-forwarded-host": "shop.example.com",
      }),
      false,
    ],
    [
      "trusted proxy, http Origin for an https front",
      proxied({
        origin: "http://shop.example.com",
        host: "internal",
        "x-forwarded-host": "shop.example.com",
        "x-forwarded-proto": "https",
      }),
      false,
    ],
    [
      "X-Forwarded lists: the first entries count",
      proxied({
        origin: "https://shop.example.com",
        host: "internal",
        "x-forwarded-host": "shop.example.com, proxy",
        "x-forwarded-proto": "HTTPS, http",
      }),
      true,
    ],
    [
      "X-Forwarded headers as arrays",
      proxied({
        origin: "https://shop.example.com",
        host: "internal",
        "x-forwarded-host": ["shop.example.com"],
        "x-forwarded-proto": ["https"],
      }),
      true,
    ],
    [
      "foreign Origin behind a trusted proxy",
      proxied({
        origin: "https://evil.example",
        host: "internal",
        "x-forwarded-host": "shop.example.com",
        "x-forwarded-proto": "https",
      }),
      false,
    ],
    [
      "trusted proxy naming a scheme that is not http(s)",
      proxied({
        origin: "http://shop.example.com",
        host: "shop.example.com",
        "x-forwarded-proto": "ftp",
      }),
      false,
    ],
  ])("POST with %s → %s", (_case, target, expected) => {
    expect(isSameOrigin({ ...target, method: "POST" }, allowed)).toBe(expected);
  });

  it("checks every state-changing method, and a request without a method", () => {
    const headers = { origin: "https://evil.example", host: "api.example.com" };
    for (const method of ["POST", "PUT", "PATCH", "DELETE", undefined]) {
      expect(isSameOrigin({ method, headers }, allowed)).toBe(false);
    }
  });

  it("checks the WebSocket upgrade (a GET) through isAllowedOrigin", () => {
    expect(
      isAllowedOrigin(direct({ origin: "https://evil.example", host: "api.example.com" }), allowed),
    ).toBe(false);
    expect(
      isAllowedOrigin(
        direct({ origin: "https://app.example.com", host: "api.example.com" }),
        allowed,
      ),
    ).toBe(true);
  });
});

describe("requestOrigin", () => {
  it("is the scheme and host the request was sent to, normalised like an Origin", () => {
    expect(requestOrigin(direct({ host: "Shop.Example.com:80" }))).toBe("http://shop.example.com");
    expect(requestOrigin({ headers: { host: "[::1]:3000" }, encrypted: true })).toBe(
      "https://[::1]:3000",
    );
    expect(requestOrigin(direct({}))).toBeNull();
    expect(requestOrigin(direct({ host: "a/b" }))).toBeNull();
  });
});
