import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from "node:crypto";

/**
 * Signed ticket tokens: what a ticket's QR code carries. Pure functions over node:crypto's
 * Ed25519 (no crypto of our own). A token is base64url of 87 bytes:
 *
 *   [0]      format version (1)
 *   [1..9)   key id: the first 8 bytes of SHA-256 of the signer's raw public key
 *   [9..15)  ticket id, unsigned 48-bit big-endian
 *   [15..21) event id, unsigned 48-bit big-endian
 *   [21..23) seat, unsigned 16-bit big-endian
 *   [23..87) Ed25519 signature of bytes [0..23)
 *
 * 116 characters of [A-Za-z0-9_-]: URL-safe and small enough for a QR code a phone camera
 * reads at arm's length. Scanners verify it offline with the public key (a JWK Set served at
 * /api/tickets/public-key); the key id says which key, so tokens signed before a key
 * rotation keep verifying while the old public key is listed.
 */
export const ticketTokenVersion = 1;
const payloadBytes = 23;
const signatureBytes = 64;
export const ticketTokenBytes = payloadBytes + signatureBytes;
export const ticketTokenLength = Math.ceil((ticketTokenBytes * 4) / 3);
const maxId = 2 ** 48 - 1;

export interface TicketClaims {
  ticketId: number;
  eventId: number;
  seat: number;
}

export interface ParsedTicketToken extends TicketClaims {
  version: number;
  /** 16 lower-case hex characters. */
  keyId: string;
  payload: Uint8Array;
  signature: Uint8Array;
}

export interface TicketSigner {
  keyId: string;
  privateKey: KeyObject;
}

/** A public key a token may name: `keyId` → key. */
export type TicketVerifiers = ReadonlyMap<string, KeyObject>;

/** An Ed25519 public key as a JSON Web Key (RFC 8037), as WebCrypto imports it. */
export interface TicketPublicJwk {
  kty: "OKP";
  crv: "Ed25519";
  /** The raw 32-byte public key, base64url. */
  x: string;
  kid: string;
  alg: "EdDSA";
  use: "sig";
}

const writeUint48 = (view: DataView, offset: number, value: number) => {
  view.setUint16(offset, Math.floor(value / 2 ** 32));
  view.setUint32(offset + 2, value % 2 ** 32);
};
const readUint48 = (view: DataView, offset: number) =>
  view.getUint16(offset) * 2 ** 32 + view.getUint32(offset + 2);

const inRange = (n: number, max: number) => Number.isSafeInteger(n) && n >= 1 && n <= max;

/** The token for a ticket, signed with `signer`. */
export function signTicket(claims: TicketClaims, signer: TicketSigner): string {
  if (!inRange(claims.ticketId, maxId) || !inRange(claims.eventId, maxId)) {
    throw new RangeError("Ticket and event ids must be between 1 and 2^48 - 1.");
  }
  if (!inRange(claims.seat, 0xffff)) throw new RangeError("Seat must be between 1 and 65535.");
  const bytes = new Uint8Array(ticketTokenBytes);
  const view = new DataView(bytes.buffer);
  bytes[0] = ticketTokenVersion;
  bytes.set(Buffer.from(signer.keyId, "hex"), 1);
  writeUint48(view, 9, claims.ticketId);
  writeUint48(view, 15, claims.eventId);
  view.setUint16(21, claims.seat);
  const payload = bytes.subarray(0, payloadBytes);
  bytes.set(sign(null, payload, signer.privateKey), payloadBytes);
  return Buffer.from(bytes).toString("base64url");
}

/** What a token says, unverified; null when it is not a version-1 ticket token at all. */
export function parseTicketToken(token: string): ParsedTicketToken | null {
  if (token.length !== ticketTokenLength || !/^[A-Za-z0-9_-]+$/.test(token)) return null;
  const bytes = new Uint8Array(Buffer.from(token, "base64url"));
  if (bytes.length !== ticketTokenBytes || bytes[0] !== ticketTokenVersion) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parsed: ParsedTicketToken = {
    version: ticketTokenVersion,
    keyId: Buffer.from(bytes.subarray(1, 9)).toString("hex"),
    ticketId: readUint48(view, 9),
    eventId: readUint48(view, 15),
    seat: view.getUint16(21),
    payload: bytes.subarray(0, payloadBytes),
    signature: bytes.subarray(payloadBytes),
  };
  return parsed.ticketId > 0 && parsed.eventId > 0 && parsed.seat > 0 ? parsed : null;
}

/**
 * The claims of a token signed by one of `verifiers`, or null: malformed, signed with a
 * key nobody lists, altered, or forged.
 */
export function verifyTicketToken(token: string, verifiers: TicketVerifiers): TicketClaims | null {
  const parsed = parseTicketToken(token);
  if (!parsed) return null;
  const key = verifiers.get(parsed.keyId);
  if (!key || !verify(null, parsed.payload, key, parsed.signature)) return null;
  return { ticketId: parsed.ticketId, eventId: parsed.eventId, seat: parsed.seat };
}

/** A key's id: the first 8 bytes of SHA-256 of its raw public key, as hex. */
export function ticketKeyIdOf(key: KeyObject): string {
  const publicKey = key.type === "private" ? createPublicKey(key) : key;
  return createHash("sha256").update(rawPublicKey(publicKey)).digest("hex").slice(0, 16);
}

function rawPublicKey(publicKey: KeyObject): Buffer {
  const { x } = publicKey.export({ format: "jwk" });
  if (!x) throw new Error("not an Ed25519 public key");
  return Buffer.from(x, "base64url");
}

const isEd25519 = (key: KeyObject) => key.asymmetricKeyType === "ed25519";

/**
 * A signing key from its text: a PKCS#8 PEM (`openssl genpkey -algorithm ed25519`), or the
 * same key as base64 DER on one line (what `pnpm tickets:keygen` prints). Throws a message
 * fit for a person when it is neither, or not Ed25519.
 */
export function parseTicketSigningKey(text: string): TicketSigner & { publicKey: KeyObject } {
  const trimmed = text.trim();
  let privateKey: KeyObject;
  try {
    privateKey = trimmed.startsWith("-----BEGIN")
      ? createPrivateKey(trimmed.replace(/\\n/g, "\n"))
      : createPrivateKey({ key: Buffer.from(trimmed, "base64"), format: "der", type: "pkcs8" });
  } catch {
    throw new Error("not a PKCS#8 private key (PEM, or base64 DER on one line)");
  }
  if (!isEd25519(privateKey)) throw new Error("the key is not an Ed25519 key");
  const publicKey = createPublicKey(privateKey);
  return { keyId: ticketKeyIdOf(publicKey), privateKey, publicKey };
}

/**
 * A public key from its text: the raw 32-byte key as base64url (a JWK's `x`, as
 * /api/tickets/public-key and `pnpm tickets:keygen` show it), or an SPKI PEM.
 */
export function parseTicketPublicKey(text: string): { keyId: string; publicKey: KeyObject } {
  const trimmed = text.trim();
  let publicKey: KeyObject;
  try {
    publicKey = trimmed.startsWith("-----BEGIN")
      ? createPublicKey(trimmed.replace(/\\n/g, "\n"))
      : createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: trimmed }, format: "jwk" });
  } catch {
    throw new Error("not an Ed25519 public key (base64url raw key, or SPKI PEM)");
  }
  if (!isEd25519(publicKey) || rawPublicKey(publicKey).length !== 32) {
    throw new Error("the key is not an Ed25519 public key");
  }
  return { keyId: ticketKeyIdOf(publicKey), publicKey };
}

/** A fresh key pair as text: the private key as base64 PKCS#8 DER, the public key as base64url. */
export function generateTicketSigningKey(): {
  keyId: string;
  privateKey: string;
  publicKey: string;
} {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return {
    keyId: ticketKeyIdOf(publicKey),
    privateKey: privateKey.export({ format: "der", type: "pkcs8" }).toString("base64"),
    publicKey: rawPublicKey(publicKey).toString("base64url"),
  };
}

/** The JWK a scanner imports with WebCrypto to verify tokens signed by this key. */
export function ticketPublicJwk(publicKey: KeyObject): TicketPublicJwk {
  return {
    kty: "OKP",
    crv: "Ed25519",
    x: rawPublicKey(publicKey).toString("base64url"),
    kid: ticketKeyIdOf(publicKey),
    alg: "EdDSA",
    use: "sig",
  };
}
