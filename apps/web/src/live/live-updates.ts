import { createEffect, on, onCleanup, onMount } from "solid-js";
import { useQueryClient } from "@tanstack/solid-query";
import { api } from "../lib/api.ts";
import { trpc } from "../lib/trpc.ts";
import { useMe } from "../auth/session.ts";
import { writeSeatChange } from "./seat-cache.ts";

const retryDelayMs = (attempt: number) => Math.min(1_000 * 2 ** attempt, 30_000);

/**
 * Keeps a subscription running: the WS client already resumes it across reconnects; this
 * restarts it (from the last event seen) when the server ends it with an error.
 */
function keepSubscribed(
  start: (
    lastEventId: string | undefined,
    onFailure: () => void,
  ) => {
    unsubscribe(): void;
  },
) {
  let lastEventId: string | undefined;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: { unsubscribe(): void } | undefined;
  const run = () => {
    current = start(lastEventId, () => {
      timer = setTimeout(run, retryDelayMs(attempt++));
    });
  };
  run();
  return {
    seen(id: string) {
      lastEventId = id;
      attempt = 0;
    },
    stop() {
      clearTimeout(timer);
      current?.unsubscribe();
    },
  };
}

/**
 * The app's live feed, mounted once: seat changes for every event go straight into the
 * query cache (lists and detail pages), and the signed-in user's booking changes refresh
 * "My bookings". Waiting-list changes refresh the person's places in line: their own
 * (offers made, claimed, declined, expired) and, for an event they wait for, anyone's, since
 * places move when someone ahead leaves or is offered seats.
 */
export function useLiveUpdates(): void {
  const queryClient = useQueryClient();
  const me = useMe();
  const refreshWaitlist = () =>
    void queryClient.invalidateQueries({ queryKey: api.waitlist.mine.pathKey() });
  /** Whether the person is in line for (or holds an offer of) the event, as cached. */
  const inLineFor = (eventId: number) =>
    queryClient
      .getQueryData(api.waitlist.mine.queryKey())
      ?.some((place) => place.eventId === eventId) ?? false;

  onMount(() => {
    const seats = keepSubscribed((lastEventId, onFailure) =>
      trpc.events.onSeats.subscribe(
        { lastEventId },
        {
          onData: ({ id, data }) => {
            seats.seen(id);
            writeSeatChange(queryClient, data);
            if (data.waitlist && inLineFor(data.eventId)) refreshWaitlist();
          },
          onError: onFailure,
        },
      ),
    );
    onCleanup(() => seats.stop());
  });

  createEffect(
    on(
      () => (me.isSuccess ? me.data?.id : undefined),
      (userId) => {
        if (userId === undefined) return;
        const mine = keepSubscribed((lastEventId, onFailure) =>
          trpc.bookings.onMine.subscribe(
            { lastEventId },
            {
              onData: ({ id, data }) => {
                mine.seen(id);
                void queryClient.invalidateQueries({ queryKey: api.bookings.mine.pathKey() });
                if (data.waitlistEntryId !== null) refreshWaitlist();
              },
              onError: onFailure,
            },
          ),
        );
        onCleanup(() => mine.stop());
      },
    ),
  );
}
