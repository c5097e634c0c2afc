import { useMutation, useQuery, useQueryClient } from "@tanstack/solid-query";
import type { RouterOutputs } from "@boxoffice/api";
import { api, refreshMyBookings } from "../lib/api.ts";
import { newIdempotencyKey } from "../lib/idempotency-key.ts";

export type WaitlistPlace = RouterOutputs["waitlist"]["mine"][number];

/**
 * The signed-in person's places in line and open offers. Cheap to read again, so it is
 * refetched whenever a waiting-list change reaches the live feed (see live-updates.ts).
 */
export function useMyWaitlist(signedIn: () => boolean) {
  return useQuery(() => ({ ...api.waitlist.mine.queryOptions(), enabled: signedIn() }));
}

/**
 * Join, leave, claim and decline. Each refreshes the places in line and the event's seat
 * figures (and what the person holds there); a claim also refreshes "My bookings", where
 * its booking now is.
 */
export function useWaitlistActions() {
  const queryClient = useQueryClient();
  const refresh = (eventId: number | undefined) => {
    void queryClient.invalidateQueries({ queryKey: api.waitlist.mine.pathKey() });
    if (eventId !== undefined) {
      void queryClient.invalidateQueries({ queryKey: api.events.byId.queryKey({ id: eventId }) });
      // Seats offered to the person count towards the per-person limit.
      void queryClient.invalidateQueries({
        queryKey: api.bookings.heldForEvent.queryKey({ eventId }),
      });
    }
  };
  const join = useMutation(() => ({
    ...api.waitlist.join.mutationOptions(),
    onSettled: (_entry, _error, input) => refresh(input.eventId),
  }));
  const leave = useMutation(() => ({
    ...api.waitlist.leave.mutationOptions(),
    onSettled: (_entry, _error, input) => refresh(input.eventId),
  }));
  const claim = useMutation(() => ({
    ...api.waitlist.claim.mutationOptions(),
    onSettled: (result) => {
      refresh(result?.booking.eventId);
      refreshMyBookings(queryClient);
    },
  }));
  const decline = useMutation(() => ({
    ...api.waitlist.decline.mutationOptions(),
    onSettled: (entry) => refresh(entry?.eventId),
  }));
  return {
    join,
    leave,
    claim,
    decline,
    /** One idempotency key per click: a retry of this same request books nothing more. */
    claimOffer: (offerId: number) => claim.mutate({ offerId, idempotencyKey: newIdempotencyKey() }),
  };
}
