import { createEffect, createMemo, on, onCleanup, onMount } from "solid-js";
import { useQueryClient } from "@tanstack/solid-query";
import { api, refreshMyBookings } from "../lib/api.ts";
import { trpc, type ApiError } from "../lib/trpc.ts";
import { useMe } from "../auth/session.ts";
import { createLiveFeed } from "./live-feed.ts";

/**
 * The app's live feed, mounted once: seat changes for every event go straight into the query
 * cache (lists and detail pages), resuming from the snapshots the pages loaded; the
 * signed-in user's booking changes refresh "My bookings"; their account (a promotion, a
 * demotion) is followed at once, so the header and admin pages never lag behind it; and
 * waiting-list changes refresh the person's places in line: their own (offers made,
 * claimed, declined, expired) and, for an event they wait for, anyone's, since places move
 * when someone ahead leaves or is offered seats.
 */
export function useLiveUpdates(): void {
  const queryClient = useQueryClient();
  const me = useMe();
  const refreshMe = () => void queryClient.invalidateQueries({ queryKey: api.auth.me.queryKey() });
  const refreshWaitlist = () =>
    void queryClient.invalidateQueries({ queryKey: api.waitlist.mine.pathKey() });
  /** Whether the person is in line for (or holds an offer of) the event, as cached. */
  const inLineFor = (eventId: number) =>
    queryClient
      .getQueryData(api.waitlist.mine.queryKey())
      ?.some((place) => place.eventId === eventId) ?? false;

  const feed = createLiveFeed(queryClient, {
    seats: (lastEventId, handlers) => trpc.events.onSeats.subscribe({ lastEventId }, handlers),
    onSeatChange: (change) => {
      if (change.waitlist && inLineFor(change.eventId)) refreshWaitlist();
    },
    mine: (lastEventId, handlers) => trpc.bookings.onMine.subscribe({ lastEventId }, handlers),
    onMineChange: (change: { waitlistEntryId: number | null }) => {
      refreshMyBookings(queryClient);
      if (change.waitlistEntryId !== null) refreshWaitlist();
    },
    // Signed out elsewhere: ask who is signed in now.
    onMineError: (error) => {
      if (error.data?.code === "UNAUTHORIZED") refreshMe();
    },
  });
  onMount(() => onCleanup(feed.attach()));

  // A memo: writing the same user back into the cache must not restart the subscriptions.
  const userId = createMemo(() => (me.isSuccess ? me.data?.id : undefined));
  createEffect(
    on(userId, (userId) => {
      if (userId === undefined) return;
      feed.followMine(true);
      const session = trpc.auth.onSession.subscribe(undefined, {
        // The first answer is who is signed in now: usually what the cache holds already.
        onData: ({ user }) => {
          const cached = queryClient.getQueryData(api.auth.me.queryKey());
          if (JSON.stringify(user) === JSON.stringify(cached)) return;
          if (!user) {
            // Demoted (which signs out) or signed out: private data goes with the session.
            queryClient.removeQueries({ queryKey: api.bookings.pathKey() });
            queryClient.removeQueries({ queryKey: api.admin.pathKey() });
          }
          queryClient.setQueryData(api.auth.me.queryKey(), user);
        },
        onError: (error: ApiError) => {
          if (error.data?.code !== "TOO_MANY_REQUESTS") refreshMe();
        },
      });
      onCleanup(() => {
        session.unsubscribe();
        feed.followMine(false);
      });
    }),
  );
}
