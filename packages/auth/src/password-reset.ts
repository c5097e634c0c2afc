import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";

/**
 * Password reset links, as pure functions: the token goes in the emailed link, only its
 * SHA-256 is stored (password_resets.id), so a leaked database or backup opens no account.
 */

/** 20 random bytes (160 bits) as 32 base32 characters: unguessable, URL-safe. */
export function generatePasswordResetToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** The stored id of a reset token. */
export function passwordResetIdOf(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}
