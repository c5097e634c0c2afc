/**
 * Ticket tokens checked in the browser, for scanning while the connection is down. The
 * format is @boxoffice/auth's ticket-token.ts (the server's signer); a test signs tokens
 * there and verifies them here. Verification is WebCrypto's Ed25519 against the public keys
 * the server publishes at /api/tickets/public-key (cached, see public-keys.ts).
 */
export interface TicketClaims {
  ticketId: number;
  eventId: number;
  seat: number;
}

export interface PublicJwk extends JsonWebKey {
  kid: string;
}

export interface PublicKeySet {
  keys: PublicJwk[];
}

const tokenLength = 116;
const payloadBytes = 23;

function fromBase64Url(text: string): Uint8Array {
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

const hex = (bytes: Uint8Array) =>
  Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");

/** Whether a scanned or typed text is shaped like a ticket token (not a reference or code). */
export const looksLikeToken = (text: string) =>
  text.length === tokenLength && /^[\w-]+$/.test(text);

/** What a token says, unverified, or null when it is not a version-1 ticket token. */
export function parseTicketToken(token: string) {
  if (!looksLikeToken(token)) return null;
  const bytes = fromBase64Url(token);
  if (bytes.length !== payloadBytes + 64 || bytes[0] !== 1) return null;
  const view = new DataView(bytes.buffer);
  const uint48 = (offset: number) => view.getUint16(offset) * 2 ** 32 + view.getUint32(offset + 2);
  return {
    keyId: hex(bytes.subarray(1, 9)),
    ticketId: uint48(9),
    eventId: uint48(15),
    seat: view.getUint16(21),
    payload: bytes.slice(0, payloadBytes),
    signature: bytes.slice(payloadBytes),
  };
}

const imported = new Map<string, Promise<CryptoKey>>();

/** The claims of a token one of `keys` signed, or null (malformed, unknown key, forged). */
export async function verifyTicketToken(
  token: string,
  keys: PublicKeySet,
): Promise<TicketClaims | null> {
  const parsed = parseTicketToken(token);
  if (!parsed) return null;
  const jwk = keys.keys.find((key) => key.kid === parsed.keyId);
  if (!jwk?.x) return null;
  let key = imported.get(jwk.x);
  if (!key) {
    key = crypto.subtle.importKey("jwk", jwk, { name: "Ed25519" }, false, ["verify"]);
    imported.set(jwk.x, key);
  }
  try {
    const valid = await crypto.subtle.verify(
      { name: "Ed25519" },
      await key,
      parsed.signature,
      parsed.payload,
    );
    return valid ? { ticketId: parsed.ticketId, eventId: parsed.eventId, seat: parsed.seat } : null;
  } catch {
    imported.delete(jwk.x);
    return null;
  }
}
