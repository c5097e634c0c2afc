import { afterEach, describe, expect, it, vi } from "vitest";
import { createAuthRateLimits, createRateLimiter } from "../src/rate-limit.ts";

describe("createRateLimiter", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("allows N attempts per window, then refuses with a retry delay", async () => {
    const limiter = createRateLimiter({ points: 3, durationSeconds: 60 });

    for (let attempt = 0; attempt < 3; attempt++) {
      expect(await limiter.consume("1.2.3.4")).toEqual({ ok: true });
    }
    const refused = await limiter.consume("1.2.3.4");

    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(59);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it("counts keys separately", async () => {
    const limiter = createRateLimiter({ points: 1, durationSeconds: 60 });
    expect(await limiter.consume("a")).toEqual({ ok: true });
    expect((await limiter.consume("a")).ok).toBe(false);
    expect(await limiter.consume("b")).toEqual({ ok: true });
  });

  it("allows again once the window has passed", async () => {
    vi.useFakeTimers();
    const limiter = createRateLimiter({ points: 1, durationSeconds: 10 });
    expect(await limiter.consume("a")).toEqual({ ok: true });

    vi.advanceTimersByTime(4_000);
    expect(await limiter.consume("a")).toEqual({ ok: false, retryAfterSeconds: 6 });

    vi.advanceTimersByTime(6_001);
    expect(await limiter.consume("a")).toEqual({ ok: true });
  });

  it("forgets a key on reset", async () => {
    const limiter = createRateLimiter({ points: 1, durationSeconds: 60 });
    await limiter.consume("alice@example.com");
    expect((await limiter.consume("alice@example.com")).ok).toBe(false);

    await limiter.reset("alice@example.com");
    expect(await limiter.consume("alice@example.com")).toEqual({ ok: true });
  });
});

describe("createAuthRateLimits", () => {
  it("gives each rule its own limiter and numbers", async () => {
    const limits = createAuthRateLimits({
      loginPerIp: { points: 1, durationSeconds: 60 },
      loginPerAccount: { points: 2, durationSeconds: 60 },
      registerPerIp: { points: 3, durationSeconds: 60 },
      bookingPerUser: { points: 4, durationSeconds: 60 },
      passwordResetPerIp: { points: 5, durationSeconds: 60 },
      passwordResetPerAccount: { points: 6, durationSeconds: 60 },
    });
    const allowedBeforeRefusal = async (limiter: (typeof limits)[keyof typeof limits]) => {
      let allowed = 0;
      while ((await limiter.consume("same-key")).ok) allowed++;
      return allowed;
    };

    expect(await allowedBeforeRefusal(limits.loginPerIp)).toBe(1);
    expect(await allowedBeforeRefusal(limits.loginPerAccount)).toBe(2);
    expect(await allowedBeforeRefusal(limits.registerPerIp)).toBe(3);
    expect(await allowedBeforeRefusal(limits.bookingPerUser)).toBe(4);
    expect(await allowedBeforeRefusal(limits.passwordResetPerIp)).toBe(5);
    expect(await allowedBeforeRefusal(limits.passwordResetPerAccount)).toBe(6);
  });
});
