import { and, asc, isNotNull, isNull, sql } from "drizzle-orm";
import { signingKeys, type AppDatabase, type SigningKey } from "@boxoffice/db";
import { succeed, type Outcome } from "./outcome.ts";

const active = and(isNotNull(signingKeys.privateKey), isNull(signingKeys.retiredAt));

/**
 * Development without TICKET_SIGNING_KEY: keeps the key pair the caller generated unless the
 * database already has an active one, and returns whichever is active. Insert-if-absent then
 * read, in one transaction, so processes starting together all end up with the same key.
 */
export async function adoptSigningKey(
  tx: AppDatabase,
  input: { id: string; publicKey: string; privateKey: string },
  now: number,
): Promise<Outcome<{ key: SigningKey; created: boolean }>> {
  await tx.run(sql`
    INSERT INTO ${signingKeys} (id, public_key, private_key, created_at)
    SELECT ${input.id}, ${input.publicKey}, ${input.privateKey}, ${now}
    WHERE NOT EXISTS (SELECT 1 FROM ${signingKeys} WHERE private_key IS NOT NULL AND retired_at IS NULL)`);
  const [key] = await tx
    .select()
    .from(signingKeys)
    .where(active)
    .orderBy(asc(signingKeys.createdAt), asc(signingKeys.id))
    .limit(1);
  if (!key) throw new Error("no active signing key after inserting one");
  return succeed({ key, created: key.id === input.id });
}
