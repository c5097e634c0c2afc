import { describe, expect, it } from "vitest";
import {
  generateTicketSigningKey,
  parseTicketSigningKey,
  signTicket,
  ticketPublicJwk,
} from "@boxoffice/auth";
import { looksLikeToken, parseTicketToken, verifyTicketToken } from "./ticket-token.ts";

/** Keys as the server makes them and /api/tickets/public-key serves them. */
function serverKey() {
  const signer = parseTicketSigningKey(generateTicketSigningKey().privateKey);
  return { signer, jwk: ticketPublicJwk(signer.publicKey) };
}

describe("ticket tokens in the browser (offline verification)", () => {
  const claims = { ticketId: 4_321, eventId: 77, seat: 2 };

  it("reads what the server's signer wrote and verifies it with WebCrypto", async () => {
    const { signer, jwk } = serverKey();
    const token = signTicket(claims, signer);
    expect(looksLikeToken(token)).toBe(true);
    expect(parseTicketToken(token)).toMatchObject({ ...claims, keyId: signer.keyId });
    expect(await verifyTicketToken(token, { keys: [jwk] })).toEqual(claims);
  });

  it("verifies tokens of a previous key listed in the set, and nothing else", async () => {
    const previous = serverKey();
    const current = serverKey();
    const old = signTicket(claims, previous.signer);
    expect(await verifyTicketToken(old, { keys: [current.jwk, previous.jwk] })).toEqual(claims);
    expect(await verifyTicketToken(old, { keys: [current.jwk] })).toBeNull();
    const forged = signTicket(claims, {
      keyId: current.signer.keyId,
      privateKey: previous.signer.privateKey,
    });
    expect(await verifyTicketToken(forged, { keys: [current.jwk] })).toBeNull();
  });

  it("refuses an altered token, and text that is a reference or a code", async () => {
    const { signer, jwk } = serverKey();
    const token = signTicket(claims, signer);
    const altered = `${token.slice(0, 20)}${token[20] === "A" ? "B" : "A"}${token.slice(21)}`;
    expect(await verifyTicketToken(altered, { keys: [jwk] })).toBeNull();
    for (const text of ["BX-7K3QPM", "0".repeat(32), ""]) {
      expect(looksLikeToken(text)).toBe(false);
      expect(await verifyTicketToken(text, { keys: [jwk] })).toBeNull();
    }
  });
});
