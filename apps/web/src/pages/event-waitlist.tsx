import { Match, Show, Switch } from "solid-js";
import { A } from "@solidjs/router";
import type { RouterOutputs } from "@boxoffice/api";
import { plural } from "../lib/format.ts";
import { useMyWaitlist, useWaitlistActions } from "../bookings/waitlist.ts";
import { OfferBanner } from "../components/offer-banner.tsx";
import { WaitlistJoin } from "../components/waitlist-join.tsx";
import { WaitlistPlace } from "../components/waitlist-place.tsx";

type EventDetail = RouterOutputs["events"]["byId"];

/**
 * The waiting-list part of an event's booking panel: seats held for the list, then the
 * person's offer (claim or decline, with a countdown), their place in line, or — sold out —
 * a way to join. Offers and places arrive live (see live-updates.ts).
 */
export function EventWaitlist(props: {
  event: EventDetail;
  signedIn: boolean;
  signInHref: string;
  /** Seats the person already holds for the event: the per-person limit counts them. */
  heldSeats: number;
}) {
  const places = useMyWaitlist(() => props.signedIn);
  const actions = useWaitlistActions();
  const place = () => places.data?.find((entry) => entry.eventId === props.event.id);
  const offer = () => (place()?.status === "offered" ? place() : undefined);
  const waiting = () => (place()?.status === "waiting" ? place() : undefined);
  const soldOut = () => props.event.availableSeats === 0;
  /** The most one request may ask for: per booking, and what is left of the per-person limit. */
  const mostToAsk = () =>
    Math.min(props.event.maxSeatsPerBooking, props.event.maxSeatsPerPerson - props.heldSeats);
  const mine = (offerId: number | undefined) => offerId !== undefined && offerId === offer()?.id;
  const claimed = () =>
    actions.claim.isSuccess && actions.claim.data.booking.eventId === props.event.id
      ? actions.claim.data.booking
      : undefined;
  const joinError = () =>
    actions.join.isError && actions.join.variables?.eventId === props.event.id
      ? actions.join.error
      : null;

  return (
    <div class="event-waitlist">
      <Show when={props.event.heldSeats > 0}>
        <p class="muted small" data-testid="held-seats">
          {plural(props.event.heldSeats, "seat")} being offered to the waiting list.
        </p>
      </Show>
      <Switch>
        <Match when={offer()}>
          {(entry) => (
            <OfferBanner
              seats={entry().seats}
              expiresAt={entry().offerExpiresAt ?? 0}
              pending={
                actions.claim.isPending && mine(actions.claim.variables?.offerId)
                  ? "claim"
                  : actions.decline.isPending && mine(actions.decline.variables?.offerId)
                    ? "decline"
                    : null
              }
              error={
                (actions.claim.isError && mine(actions.claim.variables?.offerId)
                  ? actions.claim.error
                  : null) ??
                (actions.decline.isError && mine(actions.decline.variables?.offerId)
                  ? actions.decline.error
                  : null)
              }
              onClaim={() => actions.claimOffer(entry().id)}
              onDecline={() => actions.decline.mutate({ offerId: entry().id })}
            />
          )}
        </Match>
        <Match when={claimed()}>
          {(booking) => (
            <p class="notice notice-success" role="status" data-testid="offer-claimed">
              Booked {plural(booking().seats, "seat")} from the waiting list.{" "}
              <A href="/bookings">See my bookings</A>
            </p>
          )}
        </Match>
        <Match when={waiting()}>
          {(entry) => (
            <WaitlistPlace
              seats={entry().seats}
              position={entry().position ?? 1}
              leaving={actions.leave.isPending}
              onLeave={() => actions.leave.mutate({ eventId: props.event.id })}
            />
          )}
        </Match>
        <Match when={soldOut() && props.event.waitlistEnabled && !props.signedIn}>
          <p class="notice">
            <A href={props.signInHref}>Sign in</A> to join the waiting list: freed seats go to the
            people on it first.
          </p>
        </Match>
        <Match
          when={soldOut() && props.event.waitlistEnabled && places.isSuccess && mostToAsk() < 1}
        >
          <p class="notice" data-testid="waitlist-at-limit">
            You already hold {plural(props.heldSeats, "seat")}, as many as one person can hold for
            this event, so there is nothing to wait for.
          </p>
        </Match>
        <Match when={soldOut() && props.event.waitlistEnabled && places.isSuccess}>
          <WaitlistJoin
            maxSeats={mostToAsk()}
            offerMinutes={props.event.waitlistOfferMinutes}
            pending={actions.join.isPending}
            error={joinError()}
            onJoin={(seats) => actions.join.mutate({ eventId: props.event.id, seats })}
          />
        </Match>
      </Switch>
    </div>
  );
}
