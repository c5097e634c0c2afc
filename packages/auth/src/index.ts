export {
  authenticate,
  changePassword,
  normalizeEmail,
  registerUser,
  type RegisterResult,
  type Registration,
} from "./users.ts";
export {
  createSession,
  generateSessionToken,
  invalidateSession,
  invalidateUserSessions,
  isSessionLive,
  sessionIdOf,
  sessionLifetimeMs,
  sessionRenewalWindowMs,
  validateSessionToken,
  type SessionUser,
  type SessionValidation,
} from "./session.ts";
export { hashPassword, verifyAgainstDummy, verifyPassword } from "./password.ts";
export {
  readSessionToken,
  serializeBlankSessionCookie,
  serializeSessionCookie,
  sessionCookieName,
  type CredentialHeaders,
  type SessionCookieOptions,
} from "./cookie.ts";
export {
  isAllowedOrigin,
  isSameOrigin,
  type OriginCheckRequest,
  type OriginHeaders,
} from "./origin.ts";
export {
  createAuthRateLimits,
  createRateLimiter,
  type AuthRateLimitConfig,
  type AuthRateLimits,
  type RateLimiter,
  type RateLimitResult,
  type RateLimitRule,
} from "./rate-limit.ts";
export { isUniqueViolation } from "./unique-violation.ts";
