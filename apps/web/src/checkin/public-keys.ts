import type { PublicKeySet } from "./ticket-token.ts";

const storageKey = "boxoffice.ticket-keys";

/** The public keys last fetched, kept so a scanner that goes offline can still verify. */
export function cachedPublicKeys(): PublicKeySet | null {
  try {
    const stored = localStorage.getItem(storageKey);
    const parsed = stored ? (JSON.parse(stored) as PublicKeySet) : null;
    return parsed && Array.isArray(parsed.keys) ? parsed : null;
  } catch {
    return null;
  }
}

/** Fetches the server's ticket keys (a JWK Set) and keeps them; the cached set when offline. */
export async function loadPublicKeys(): Promise<PublicKeySet | null> {
  try {
    const response = await fetch("/api/tickets/public-key", { cache: "no-cache" });
    if (!response.ok) return cachedPublicKeys();
    const keys = (await response.json()) as PublicKeySet;
    localStorage.setItem(storageKey, JSON.stringify(keys));
    return keys;
  } catch {
    return cachedPublicKeys();
  }
}
