import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import type { User } from "@boxoffice/db";

/**
 * Session tokens per the Lucia guide, as pure functions. Storing, extending and deleting
 * sessions are commands in @boxoffice/api; this module only makes and hashes tokens and
 * decides what a session's expiry means.
 */

const dayMs = 24 * 60 * 60 * 1000;

/** How long a session lives after it is created or last extended. */
export const sessionLifetimeMs = 30 * dayMs;
/** A session used within this long of expiring is extended by a full lifetime (sliding expiry). */
export const sessionRenewalWindowMs = 15 * dayMs;

/** What a valid session says about its holder; never the password hash. */
export type SessionUser = Pick<User, "id" | "email" | "name" | "role">;

/** 20 random bytes (160 bits) as 32 base32 characters: unguessable and cookie-safe. */
export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/**
 * Only this hash is stored, so a leaked database (or backup) holds no usable tokens.
 * SHA-256 without salt is enough: the token already carries 160 bits of randomness.
 */
export function sessionIdOf(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/**
 * What to do with a session found for a request: use it, extend it first (it is within the
 * renewal window, so an active user stays signed in), or end it (expired).
 */
export function sessionFreshness(expiresAt: number, now: number): "valid" | "renew" | "expired" {
  if (now >= expiresAt) return "expired";
  if (now >= expiresAt - sessionRenewalWindowMs) return "renew";
  return "valid";
}
