import { eq, sql } from "drizzle-orm";
import type { SessionUser } from "@boxoffice/auth";
import { sessions, users, type ReadDatabase, type Session } from "@boxoffice/db";
import { preparedOnce } from "../prepared-once.ts";

/**
 * The lookup behind every signed-in request, built once per database: building this join
 * with drizzle costs several times what SQLite takes to answer it.
 */
function prepareLookup(db: ReadDatabase) {
  return db
    .select({
      session: sessions,
      user: { id: users.id, email: users.email, name: users.name, role: users.role },
    })
    .from(sessions)
    .innerJoin(users, eq(sessions.userId, users.id))
    .where(eq(sessions.id, sql.placeholder("sessionId")))
    .prepare();
}

const lookupFor = preparedOnce(prepareLookup);

/** The stored session with this id (the hash of a token) and its user, whatever its expiry. */
export async function findSession(
  db: ReadDatabase,
  sessionId: string,
): Promise<{ session: Session; user: SessionUser } | undefined> {
  const [row] = await lookupFor(db).all({ sessionId });
  return row;
}
