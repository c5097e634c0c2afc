import { sessionFreshness, sessionIdOf, type SessionUser } from "@boxoffice/auth";
import type { Session } from "@boxoffice/db";
import { findSession } from "./queries/sessions.ts";
import type { Services } from "./services/services.ts";

export interface ResolvedSession {
  session: Session;
  user: SessionUser;
}

/**
 * The session and user a token stands for, or null. Reads on the reader and writes only
 * when something changes: an expired session is ended, and one close to expiry is extended,
 * so an active user stays signed in while an idle one is signed out.
 */
export async function resolveSession(
  services: Pick<Services, "db" | "commands" | "clock">,
  token: string,
): Promise<ResolvedSession | null> {
  const sessionId = sessionIdOf(token);
  const found = await findSession(services.db, sessionId);
  if (!found) return null;

  switch (sessionFreshness(found.session.expiresAt, services.clock())) {
    case "valid":
      return found;
    case "expired":
      await services.commands.endSession({ sessionId });
      return null;
    case "renew": {
      const extended = await services.commands.extendSession({ sessionId });
      if (!extended.ok) return null;
      return { session: { ...found.session, expiresAt: extended.expiresAt }, user: found.user };
    }
  }
}
