import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import type { ReadDatabase } from "./database.ts";
import { migrationsFolder } from "./migrations.ts";

const journal = JSON.parse(
  readFileSync(join(migrationsFolder, "meta", "_journal.json"), "utf8"),
) as {
  entries: unknown[];
};

/** Whether the database answers and holds every migration this build ships. */
export async function isReady(db: ReadDatabase): Promise<{ ready: boolean; reason?: string }> {
  try {
    const [row] = await db.all<{ applied: number }>(
      sql`SELECT COUNT(*) AS applied FROM __drizzle_migrations`,
    );
    const applied = row?.applied ?? 0;
    return applied >= journal.entries.length
      ? { ready: true }
      : { ready: false, reason: `${applied} of ${journal.entries.length} migrations applied` };
  } catch (error) {
    return { ready: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
