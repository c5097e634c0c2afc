/**
 * Prints a new Ed25519 key pair for signing tickets:
 *
 *   pnpm tickets:keygen
 *
 * Put the private key in TICKET_SIGNING_KEY. When you later replace it, add this key's
 * public key to TICKET_PREVIOUS_PUBLIC_KEYS so the tickets it signed keep scanning.
 */
import { generateTicketSigningKey } from "@boxoffice/auth";

const key = generateTicketSigningKey();
console.log(`# Ticket signing key ${key.keyId} (keep the private key secret)
TICKET_SIGNING_KEY=${key.privateKey}

# After a rotation, list the old public key so its tickets still verify:
# TICKET_PREVIOUS_PUBLIC_KEYS=${key.publicKey}`);
