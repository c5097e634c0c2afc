import {
  generateTicketSigningKey,
  parseTicketPublicKey,
  parseTicketSigningKey,
  signTicket,
  ticketPublicJwk,
  verifyTicketToken,
  type TicketClaims,
  type TicketPublicJwk,
  type TicketSigner,
} from "@boxoffice/auth";
import { signingKeys, type ReadDatabase } from "@boxoffice/db";
import type { KeyObject } from "node:crypto";
import type { Commands } from "../commands/index.ts";
import type { TransportLogger } from "../live/redis-transport.ts";

/** Where ticket keys come from; the server reads them from TICKET_* env variables. */
export interface TicketKeyConfig {
  /** The Ed25519 private key tickets are signed with (PKCS#8 PEM or base64 DER). */
  signingKey?: string | undefined;
  /** Public keys of earlier signing keys, so tickets they signed keep verifying. */
  previousPublicKeys?: string[] | undefined;
}

/** Signs tokens for tickets as they are read, and verifies what a door scans. */
export interface TicketKeys {
  keyId: string;
  sign(claims: TicketClaims): string;
  /** The claims of a token one of our keys signed, or null. */
  verify(token: string): TicketClaims | null;
  /** The current and previous public keys, as /api/tickets/public-key serves them. */
  jwks: { keys: TicketPublicJwk[] };
}

/**
 * The process's ticket keys. With a configured key, that key and the listed previous public
 * keys. Without one (development and tests), a key pair kept in the database: generated here,
 * adopted by a command that keeps the first one any process stored, and every key the
 * database holds still verifies.
 */
export async function loadTicketKeys(
  config: TicketKeyConfig,
  deps: { commands: Commands; db: ReadDatabase; logger: TransportLogger },
): Promise<TicketKeys> {
  const verifiers = new Map<string, KeyObject>();
  let signer: TicketSigner;
  if (config.signingKey) {
    const configured = parseTicketSigningKey(config.signingKey);
    signer = configured;
    verifiers.set(configured.keyId, configured.publicKey);
  } else {
    const fresh = generateTicketSigningKey();
    const outcome = await deps.commands.adoptSigningKey({
      id: fresh.keyId,
      publicKey: fresh.publicKey,
      privateKey: fresh.privateKey,
    });
    if (!outcome.ok || !outcome.key.privateKey) throw new Error("no ticket signing key adopted");
    const adopted = parseTicketSigningKey(outcome.key.privateKey);
    signer = adopted;
    deps.logger.info(
      { keyId: signer.keyId },
      outcome.created
        ? "TICKET_SIGNING_KEY is not set: generated a ticket signing key and stored it in the database (development only; set TICKET_SIGNING_KEY in production)"
        : "TICKET_SIGNING_KEY is not set: signing tickets with the development key stored in the database",
    );
    verifiers.set(adopted.keyId, adopted.publicKey);
    for (const row of await deps.db.select().from(signingKeys)) {
      try {
        const { keyId, publicKey } = parseTicketPublicKey(row.publicKey);
        if (!verifiers.has(keyId)) verifiers.set(keyId, publicKey);
      } catch {
        deps.logger.warn(
          { keyId: row.id },
          "ignoring a signing_keys row that holds no Ed25519 key",
        );
      }
    }
  }
  for (const text of config.previousPublicKeys ?? []) {
    const { keyId, publicKey } = parseTicketPublicKey(text);
    if (!verifiers.has(keyId)) verifiers.set(keyId, publicKey);
  }

  // The current key first: scanners sign nothing, but people reading the set look for it.
  const jwks = { keys: [...verifiers.values()].map(ticketPublicJwk) };
  return {
    keyId: signer.keyId,
    sign: (claims) => signTicket(claims, signer),
    verify: (token) => verifyTicketToken(token, verifiers),
    jwks,
  };
}
