import { parseOptions } from "@node-rs/argon2";
import { describe, expect, it } from "vitest";
import {
  dummyPasswordHash,
  hashPassword,
  passwordHashOptions,
  verifyAgainstDummy,
  verifyPassword,
} from "../src/password.ts";

describe("passwords", () => {
  it("hashes with argon2id and verifies only the right password", async () => {
    const hash = await hashPassword("correct horse battery staple");

    expect(hash.startsWith("$argon2id$")).toBe(true);
    expect(hash).not.toContain("correct horse");
    expect(await verifyPassword(hash, "correct horse battery staple")).toBe(true);
    expect(await verifyPassword(hash, "correct horse battery stapl")).toBe(false);
  });

  it("salts every hash", async () => {
    const [first, second] = await Promise.all([hashPassword("same"), hashPassword("same")]);
    expect(first).not.toBe(second);
  });

  it("uses the configured cost parameters", async () => {
    const options = parseOptions(await hashPassword("anything"));
    expect(options).toMatchObject(passwordHashOptions);
  });

  it("keeps the dummy hash as costly as a real one, so unknown emails take as long", async () => {
    expect(parseOptions(dummyPasswordHash)).toMatchObject(passwordHashOptions);
    expect(await verifyAgainstDummy("password123")).toBe(false);
    expect(await verifyAgainstDummy("")).toBe(false);
  });
});
