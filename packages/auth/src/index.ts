export { normalizeEmail } from "./email.ts";
export {
  generateSessionToken,
  sessionFreshness,
  sessionIdOf,
  sessionLifetimeMs,
  sessionRenewalWindowMs,
  type SessionUser,
} from "./session.ts";
export { hashPassword, verifyAgainstDummy, verifyPassword } from "./password.ts";
export { generatePasswordResetToken, passwordResetIdOf } from "./password-reset.ts";
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
  requestOrigin,
  type OriginCheckRequest,
  type OriginHeaders,
  type OriginTarget,
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
export {
  generateTicketSigningKey,
  parseTicketPublicKey,
  parseTicketSigningKey,
  parseTicketToken,
  signTicket,
  ticketKeyIdOf,
  ticketPublicJwk,
  ticketTokenLength,
  verifyTicketToken,
  type ParsedTicketToken,
  type TicketClaims,
  type TicketPublicJwk,
  type TicketSigner,
  type TicketVerifiers,
} from "./ticket-token.ts";
