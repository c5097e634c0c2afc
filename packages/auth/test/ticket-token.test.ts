import { execFileSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  generateTicketSigningKey,
  parseTicketPublicKey,
  parseTicketSigningKey,
  parseTicketToken,
  signTicket,
  ticketPublicJwk,
  ticketTokenLength,
  verifyTicketToken,
} from "../src/ticket-token.ts";

const claims = { ticketId: 12_345, eventId: 678, seat: 3 };
const keyPair = () => parseTicketSigningKey(generateTicketSigningKey().privateKey);
const verifiersOf = (...keys: ReturnType<typeof keyPair>[]) =>
  new Map(keys.map((key) => [key.keyId, key.publicKey]));

/** The token with one character changed, still valid base64url. */
const flip = (token: string, at: number) =>
  token.slice(0, at) + (token[at] === "A" ? "B" : "A") + token.slice(at + 1);

describe("ticket tokens", () => {
  it("sign and verify: a compact URL-safe token carrying ticket, event and seat", () => {
    const key = keyPair();
    const token = signTicket(claims, key);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(token).toHaveLength(ticketTokenLength);
    expect(verifyTicketToken(token, verifiersOf(key))).toEqual(claims);
    expect(parseTicketToken(token)).toMatchObject({ ...claims, version: 1, keyId: key.keyId });
  });

  it("carries ids up to 2^48 - 1 and seats up to 65535", () => {
    const key = keyPair();
    const big = { ticketId: 2 ** 48 - 1, eventId: 2 ** 40 + 7, seat: 65_535 };
    expect(verifyTicketToken(signTicket(big, key), verifiersOf(key))).toEqual(big);
    expect(() => signTicket({ ...claims, ticketId: 2 ** 48 }, key)).toThrow(RangeError);
    expect(() => signTicket({ ...claims, seat: 0 }, key)).toThrow(RangeError);
  });

  it("refuses an altered token: any byte of payload or signature", () => {
    const key = keyPair();
    const token = signTicket(claims, key);
    for (let at = 0; at < token.length - 1; at += 3) {
      expect(verifyTicketToken(flip(token, at), verifiersOf(key)), `changed at ${at}`).toBeNull();
    }
  });

  it("refuses a token forged with another key, even one claiming the real key id", () => {
    const real = keyPair();
    const forger = keyPair();
    expect(verifyTicketToken(signTicket(claims, forger), verifiersOf(real))).toBeNull();
    const impostor = signTicket(claims, { keyId: real.keyId, privateKey: forger.privateKey });
    expect(parseTicketToken(impostor)?.keyId).toBe(real.keyId);
    expect(verifyTicketToken(impostor, verifiersOf(real))).toBeNull();
  });

  it("verifies a token signed with a previous key while that key is listed", () => {
    const previous = keyPair();
    const current = keyPair();
    const old = signTicket(claims, previous);
    expect(verifyTicketToken(old, verifiersOf(current, previous))).toEqual(claims);
    expect(verifyTicketToken(old, verifiersOf(current))).toBeNull();
  });

  it("parses nothing that is not a version-1 token", () => {
    const token = signTicket(claims, keyPair());
    for (const text of [
      "",
      "BX-7K3QPM",
      "a".repeat(32),
      `${token}A`,
      token.slice(1),
      "é".repeat(116),
    ]) {
      expect(parseTicketToken(text), text).toBeNull();
    }
    const bytes = Buffer.from(token, "base64url");
    bytes[0] = 2;
    expect(parseTicketToken(bytes.toString("base64url"))).toBeNull();
  });

  it("reads signing keys as PEM or base64 DER, and public keys as base64url or PEM", () => {
    const generated = generateTicketSigningKey();
    const fromDer = parseTicketSigningKey(generated.privateKey);
    const pem = fromDer.privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    expect(parseTicketSigningKey(pem).keyId).toBe(generated.keyId);
    // A PEM pasted into one env line with literal \n.
    expect(parseTicketSigningKey(pem.replace(/\n/g, "\\n")).keyId).toBe(generated.keyId);
    expect(parseTicketPublicKey(generated.publicKey).keyId).toBe(generated.keyId);
    const spki = fromDer.publicKey.export({ format: "pem", type: "spki" }).toString();
    expect(parseTicketPublicKey(spki).keyId).toBe(generated.keyId);
    expect(ticketPublicJwk(fromDer.publicKey)).toEqual({
      kty: "OKP",
      crv: "Ed25519",
      x: generated.publicKey,
      kid: generated.keyId,
      alg: "EdDSA",
      use: "sig",
    });
  });

  it("reads the key openssl makes", () => {
    let pem: string;
    try {
      pem = execFileSync("openssl", ["genpkey", "-algorithm", "ed25519"], { encoding: "utf8" });
    } catch {
      pem = generateKeyPairSync("ed25519")
        .privateKey.export({ format: "pem", type: "pkcs8" })
        .toString();
    }
    expect(parseTicketSigningKey(pem).keyId).toMatch(/^[0-9a-f]{16}$/);
  });

  it("refuses keys that are not Ed25519 with a message", () => {
    const rsa = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const pem = rsa.privateKey.export({ format: "pem", type: "pkcs8" }).toString();
    expect(() => parseTicketSigningKey(pem)).toThrow(/not an Ed25519 key/);
    expect(() => parseTicketSigningKey("not a key")).toThrow(/PKCS#8/);
    expect(() => parseTicketPublicKey("short")).toThrow(/Ed25519 public key/);
  });
});
