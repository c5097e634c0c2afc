import { describe, expect, it } from "vitest";
import { keepAlive, retryDelayMs } from "@boxoffice/client/connection-settings";

describe("the shared WebSocket connection settings", () => {
  it("backs off from about half a second to at most 10 s, with jitter", () => {
    const slowest = (attempt: number) => retryDelayMs(attempt, () => 1);
    const quickest = (attempt: number) => retryDelayMs(attempt, () => 0);
    expect([0, 1, 2, 3, 4, 5, 10].map(slowest)).toEqual([
      500, 1_000, 2_000, 4_000, 8_000, 10_000, 10_000,
    ]);
    expect([0, 1, 5].map(quickest)).toEqual([250, 500, 5_000]);
    for (let i = 0; i < 50; i++) {
      const delay = retryDelayMs(3);
      expect(delay).toBeGreaterThanOrEqual(2_000);
      expect(delay).toBeLessThanOrEqual(4_000);
    }
  });

  it("pings often enough to notice a dead socket within 15 s", () => {
    expect(keepAlive.enabled).toBe(true);
    expect(keepAlive.intervalMs + keepAlive.pongTimeoutMs).toBeLessThanOrEqual(15_000);
  });
});
