import { useMutation, useQueryClient } from "@tanstack/solid-query";
import { api, refreshMyBookings } from "../lib/api.ts";
import { refusalReason } from "../lib/errors.ts";
import { newIdempotencyKey } from "../lib/idempotency-key.ts";
import { cachedSeats, writeSeatChange } from "../live/seat-cache.ts";

/**
 * Books seats with an optimistic seat count: every view drops the seats at once, rolls
 * back if the server refuses, then refetches the event so it shows the server's figure.
 * A sold-out refusal is itself the server's figure (no seats left), so it is written as 0
 * rather than rolled back: the page does not offer the seat again while it refetches.
 */
export function useBookSeats() {
  const queryClient = useQueryClient();
  const booking = useMutation(() => ({
    ...api.bookings.create.mutationOptions(),
    onMutate: async (input) => {
      await queryClient.cancelQueries({
        queryKey: api.events.byId.queryKey({ id: input.eventId }),
      });
      const before = cachedSeats(queryClient, input.eventId);
      if (before) {
        writeSeatChange(queryClient, {
          eventId: input.eventId,
          capacity: before.capacity,
          availableSeats: Math.max(0, before.availableSeats - input.seats),
          deleted: false,
        });
      }
      return { before };
    },
    onError: (error, input, context) => {
      if (context?.before) {
        writeSeatChange(queryClient, {
          eventId: input.eventId,
          capacity: context.before.capacity,
          availableSeats: refusalReason(error) === "SOLD_OUT" ? 0 : context.before.availableSeats,
          deleted: false,
        });
      }
      void queryClient.invalidateQueries({
        queryKey: api.events.byId.queryKey({ id: input.eventId }),
      });
      // Refused for the per-person limit, say: what this page thought they held is stale.
      void queryClient.invalidateQueries({
        queryKey: api.bookings.heldForEvent.queryKey({ eventId: input.eventId }),
      });
    },
    onSuccess: (result, input, context) => {
      const capacity =
        context?.before?.capacity ?? cachedSeats(queryClient, input.eventId)?.capacity;
      if (capacity !== undefined) {
        writeSeatChange(queryClient, {
          eventId: input.eventId,
          capacity,
          availableSeats: result.availableSeats,
          deleted: false,
        });
      }
      refreshMyBookings(queryClient);
    },
  }));
  return {
    booking,
    /** A fresh idempotency key per attempt: a retry of this same call would reuse it. */
    book: (eventId: number, seats: number) =>
      booking.mutate({ eventId, seats, idempotencyKey: newIdempotencyKey() }),
  };
}
