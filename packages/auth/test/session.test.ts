import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";
import { describe, expect, it } from "vitest";
import {
  generateSessionToken,
  sessionFreshness,
  sessionIdOf,
  sessionLifetimeMs,
  sessionRenewalWindowMs,
} from "../src/session.ts";

const dayMs = 24 * 60 * 60 * 1000;

describe("session tokens", () => {
  it("makes 160-bit base32 tokens that do not repeat", () => {
    const tokens = new Set(Array.from({ length: 1000 }, generateSessionToken));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) expect(token).toMatch(/^[a-z2-7]{32}$/);
  });

  it("identifies a session by the hex SHA-256 of its token", () => {
    const token = generateSessionToken();
    const id = sessionIdOf(token);
    expect(id).toBe(encodeHexLowerCase(sha256(new TextEncoder().encode(token))));
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    expect(id).not.toContain(token);
  });

  it("uses a 30-day lifetime renewed in the last 15 days", () => {
    expect(sessionLifetimeMs).toBe(30 * dayMs);
    expect(sessionRenewalWindowMs).toBe(15 * dayMs);
  });

  it("says whether a session is valid, due for renewal or expired", () => {
    const now = Date.UTC(2026, 0, 1);
    expect(sessionFreshness(now + 20 * dayMs, now)).toBe("valid");
    expect(sessionFreshness(now + 15 * dayMs + 1, now)).toBe("valid");
    expect(sessionFreshness(now + 15 * dayMs, now)).toBe("renew");
    expect(sessionFreshness(now + 1, now)).toBe("renew");
    expect(sessionFreshness(now, now)).toBe("expired");
    expect(sessionFreshness(now - 1, now)).toBe("expired");
  });
});
