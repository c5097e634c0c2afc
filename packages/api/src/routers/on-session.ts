import type { SessionUser } from "@boxoffice/auth";
import type { Context } from "../context.ts";
import { feedIterator } from "../live/feed-iterator.ts";
import { findSession } from "../queries/sessions.ts";
import { publicProcedure } from "../trpc.ts";
import { holdSubscriptionSlot } from "./live.ts";

/** Account changes an open page must follow at once. */
const accountActions = new Set(["role_changed"]);

/** The session's user as the database has it now; null once it was signed out or expired. */
async function currentUser(ctx: Context): Promise<SessionUser | null> {
  if (!ctx.session) return null;
  const found = await findSession(ctx.services.db, ctx.session.id);
  return found && found.session.expiresAt > ctx.services.clock() ? found.user : null;
}

/**
 * Who is signed in (what `auth.me` answers), first as it is now, then again after each
 * change to the account: a promotion shows at once, and a demotion (which signs the user
 * out) sends `null` and ends the subscription. Nothing to resume: every (re)subscription
 * starts with the current state, so a reconnect cannot miss a change.
 */
async function* followSession(
  ctx: Context,
  signal: AbortSignal | undefined,
): AsyncGenerator<{ user: SessionUser | null }, void, unknown> {
  const release = holdSubscriptionSlot(ctx);
  ctx.services.instruments.subscriptions(1);
  const userId = ctx.user?.id;
  const changes =
    userId === undefined
      ? null
      : feedIterator(
          ctx.services.feed,
          (log) => log.userId === userId && accountActions.has(log.action),
          signal,
        );
  try {
    let user: SessionUser | null = ctx.user && (await currentUser(ctx));
    yield { user };
    if (!changes || !user) return;
    for await (const _change of changes) {
      user = await currentUser(ctx);
      yield { user };
      if (!user) return;
    }
  } finally {
    await changes?.return?.();
    release();
    ctx.services.instruments.subscriptions(-1);
  }
}

export const onSession = publicProcedure.subscription(({ ctx, signal }) =>
  followSession(ctx, signal),
);
