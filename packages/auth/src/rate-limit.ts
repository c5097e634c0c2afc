import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

export interface RateLimitRule {
  /** Attempts allowed per window. */
  points: number;
  durationSeconds: number;
}

export type RateLimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface RateLimiter {
  /** Counts one attempt for `key` and says whether it is within the limit. */
  consume(key: string): Promise<RateLimitResult>;
  /** Forgets `key`'s attempts, e.g. the per-account counter after a successful login. */
  reset(key: string): Promise<void>;
}

/**
 * Fixed-window counters kept in this process's memory. With several server instances
 * each keeps its own count, so the effective limit is per instance.
 */
export function createRateLimiter(rule: RateLimitRule): RateLimiter {
  const limiter = new RateLimiterMemory({ points: rule.points, duration: rule.durationSeconds });
  return {
    async consume(key) {
      try {
        await limiter.consume(key);
        return { ok: true };
      } catch (rejection) {
        // The library rejects with a RateLimiterRes when over the limit, an Error otherwise.
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        return {
          ok: false,
          retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)),
        };
      }
    },
    async reset(key) {
      await limiter.delete(key);
    },
  };
}

export interface AuthRateLimitConfig {
  /** Login attempts from one IP address, whatever the account. */
  loginPerIp: RateLimitRule;
  /** Login attempts on one account (key by normalised email), whatever the IP: slows password guessing spread over many IPs. */
  loginPerAccount: RateLimitRule;
  registerPerIp: RateLimitRule;
  bookingPerUser: RateLimitRule;
  /** "Forgot password" requests and reset attempts from one IP address. */
  passwordResetPerIp: RateLimitRule;
  /** Reset emails to one address (key by normalised email), so nobody's inbox is flooded. */
  passwordResetPerAccount: RateLimitRule;
}

export type AuthRateLimits = { [Name in keyof AuthRateLimitConfig]: RateLimiter };

/** One limiter per rule; the numbers come from the app's env. */
export function createAuthRateLimits(config: AuthRateLimitConfig): AuthRateLimits {
  return {
    loginPerIp: createRateLimiter(config.loginPerIp),
    loginPerAccount: createRateLimiter(config.loginPerAccount),
    registerPerIp: createRateLimiter(config.registerPerIp),
    bookingPerUser: createRateLimiter(config.bookingPerUser),
    passwordResetPerIp: createRateLimiter(config.passwordResetPerIp),
    passwordResetPerAccount: createRateLimiter(config.passwordResetPerAccount),
  };
}
