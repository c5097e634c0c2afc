import { describe, expect, it } from "vitest";
import { isAllowedOrigin, isSameOrigin, type OriginHeaders } from "../src/origin.ts";

const allowed = ["https://app.example.com", "http://localhost:5173"];

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

  it.each<[string, OriginHeaders, boolean]>([
    ["no Origin (non-browser client)", { host: "api.example.com" }, true],
    [
      "Origin host equals Host",
      { origin: "https://api.example.com", host: "api.example.com" },
      true,
    ],
    [
      "Host differs only in case",
      { origin: "https://api.example.com", host: "API.example.com" },
      true,
    ],
    ["same host and port", { origin: "http://localhost:3000", host: "localhost:3000" }, true],
    ["same host, other port", { origin: "http://localhost:5174", host: "localhost:3000" }, false],
    ["listed allowed origin", { origin: "https://app.example.com", host: "api.example.com" }, true],
    [
      "allowed origin, other scheme",
      { origin: "http://app.example.com", host: "api.example.com" },
      false,
    ],
    ["listed dev origin", { origin: "http://localhost:5173", host: "localhost:3000" }, true],
    ["foreign origin", { origin: "https://evil.example", host: "api.example.com" }, false],
    [
      "look-alike suffix",
      { origin: "https://api.example.com.evil.example", host: "api.example.com" },
      false,
    ],
    ["Origin null", { origin: "null", host: "api.example.com" }, false],
    ["garbage Origin", { origin: "not a url", host: "api.example.com" }, false],
    ["non-http scheme", { origin: "file://api.example.com", host: "api.example.com" }, false],
    ["no Host and foreign Origin", { origin: "https://evil.example" }, false],
    [
      "behind a proxy: Origin equals X-Forwarded-Host",
      {
        origin: "https://shop.example.com",
        host: "10.0.0.5:3000",
        "x-forwarded-host": "shop.example.com",
      },
      true,
    ],
    [
      "X-Forwarded-Host list: first entry counts",
      {
        origin: "https://shop.example.com",
        host: "internal",
        "x-forwarded-host": "shop.example.com, proxy",
      },
      true,
    ],
    [
      "X-Forwarded-Host as array",
      {
        origin: "https://shop.example.com",
        host: "internal",
        "x-forwarded-host": ["shop.example.com"],
      },
      true,
    ],
    [
      "foreign Origin behind a proxy",
      { origin: "https://evil.example", host: "internal", "x-forwarded-host": "shop.example.com" },
      false,
    ],
  ])("POST with %s → %s", (_case, headers, expected) => {
    expect(isSameOrigin({ method: "POST", headers }, allowed)).toBe(expected);
  });

  it("checks every state-changing method, and a request without a method", () => {
    const headers = { origin: "https://evil.example", host: "api.example.com" };
    for (const method of ["POST", "PUT", "PATCH", "DELETE", undefined]) {
      expect(isSameOrigin({ method, headers }, allowed)).toBe(false);
    }
  });

  it("checks the WebSocket upgrade (a GET) through isAllowedOrigin", () => {
    expect(
      isAllowedOrigin({ origin: "https://evil.example", host: "api.example.com" }, allowed),
    ).toBe(false);
    expect(
      isAllowedOrigin({ origin: "https://app.example.com", host: "api.example.com" }, allowed),
    ).toBe(true);
  });
});
