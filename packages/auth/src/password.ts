import { hash, verify, type Algorithm, type Options } from "@node-rs/argon2";

/**
 * argon2id with OWASP's minimum recommendation (19 MiB, 2 passes, 1 lane): tens of
 * milliseconds per hash here, off the event loop on libuv's thread pool.
 */
export const passwordHashOptions = {
  // Algorithm.Argon2id; the enum is an ambient const enum, which isolatedModules cannot read.
  algorithm: 2 satisfies Algorithm,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
} as const satisfies Options;

/**
 * A hash of a password nobody knows, made once with `passwordHashOptions`. Verifying
 * against it costs what verifying a real user's hash costs, because argon2's cost lives in
 * the parameters encoded in the hash. A test keeps the two in step.
 */
export const dummyPasswordHash =
  "$argon2id$v=19$m=19456,t=2,p=1$TL/n9//1AGcJU40nvpNYxQ$l2Vot0ol38uc91ecHh04/GNeozGzEBdTNi35mJYejk8";

export function hashPassword(password: string): Promise<string> {
  return hash(password, passwordHashOptions);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password);
}

/**
 * Spends the time a real verification would and always fails. Login runs it for an
 * unknown email, so response time does not reveal which emails have accounts.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  await verify(dummyPasswordHash, password);
  return false;
}
