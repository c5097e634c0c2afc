import { isUniqueViolation } from "@boxoffice/db";

/** Letters and digits nobody misreads at a door: no I, L, O, 0 or 1. */
const alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/** The largest multiple of 31 a byte can hold: bytes above it would favour some letters. */
const unbiasedBelow = 256 - (256 % alphabet.length);

/** `BX-7K3QPM`: 31^6 ≈ 887 million references, short enough to read out at a door. */
export function newBookingReference(): string {
  let reference = "BX-";
  while (reference.length < 9) {
    for (const byte of crypto.getRandomValues(new Uint8Array(8))) {
      if (byte < unbiasedBelow && reference.length < 9)
        reference += alphabet[byte % alphabet.length];
    }
  }
  return reference;
}

/**
 * Runs `insert` with a fresh reference until one is free. A clash is rare (one in millions
 * while there are fewer than a thousand bookings), and the failed INSERT undoes only itself.
 */
export async function withUniqueReference<T>(
  insert: (reference: string) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await insert(newBookingReference());
    } catch (error) {
      if (attempt >= 5 || !isUniqueViolation(error, "bookings.reference")) throw error;
    }
  }
}
