import { and, eq, gt, isNull } from "drizzle-orm";
import { passwordResets, type ReadDatabase } from "@boxoffice/db";

/** Whether a reset link (by its token's hash) is unused and unexpired. */
export async function isResetLinkUsable(
  db: ReadDatabase,
  resetId: string,
  now: number,
): Promise<boolean> {
  const [row] = await db
    .select({ id: passwordResets.id })
    .from(passwordResets)
    .where(
      and(
        eq(passwordResets.id, resetId),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, now),
      ),
    )
    .limit(1);
  return row !== undefined;
}
