import { For, Match, Show, Switch } from "solid-js";
import { A } from "@solidjs/router";
import { formatDateRange } from "../lib/format.ts";
import { useMyWaitlist, useWaitlistActions } from "../bookings/waitlist.ts";
import { OfferBanner } from "../components/offer-banner.tsx";
import { WaitlistPlace } from "../components/waitlist-place.tsx";

/**
 * "My bookings" lists offers (to claim or decline) and places in line above the bookings,
 * live: an offer shows up here the moment it is made.
 */
export function MyWaitlist() {
  const places = useMyWaitlist(() => true);
  const actions = useWaitlistActions();
  const busy = (variables: { offerId: number } | undefined, id: number) =>
    variables?.offerId === id;
  return (
    <Show when={(places.data?.length ?? 0) > 0}>
      <section class="my-waitlist" aria-labelledby="waitlist-heading">
        <h2 id="waitlist-heading">Waiting lists</h2>
        <ul class="booking-list" aria-label="Waiting lists">
          <For each={places.data}>
            {(place) => {
              const event = <A href={`/events/${place.event.id}`}>{place.event.title}</A>;
              return (
                <li
                  class="booking-row waitlist-row"
                  data-testid="waitlist-entry"
                  data-status={place.status}
                >
                  <div class="booking-row-main">
                    <p class="muted small">
                      {formatDateRange(
                        place.event.startsAt,
                        place.event.endsAt,
                        place.event.timezone,
                      )}
                    </p>
                    <Switch>
                      <Match when={place.status === "offered"}>
                        <OfferBanner
                          seats={place.seats}
                          expiresAt={place.offerExpiresAt ?? 0}
                          event={event}
                          pending={
                            actions.claim.isPending && busy(actions.claim.variables, place.id)
                              ? "claim"
                              : actions.decline.isPending &&
                                  busy(actions.decline.variables, place.id)
                                ? "decline"
                                : null
                          }
                          error={
                            (actions.claim.isError && busy(actions.claim.variables, place.id)
                              ? actions.claim.error
                              : null) ??
                            (actions.decline.isError && busy(actions.decline.variables, place.id)
                              ? actions.decline.error
                              : null)
                          }
                          onClaim={() => actions.claimOffer(place.id)}
                          onDecline={() => actions.decline.mutate({ offerId: place.id })}
                        />
                      </Match>
                      <Match when={place.status === "waiting"}>
                        <WaitlistPlace
                          seats={place.seats}
                          position={place.position ?? 1}
                          event={event}
                          leaving={
                            actions.leave.isPending &&
                            actions.leave.variables?.eventId === place.eventId
                          }
                          onLeave={() => actions.leave.mutate({ eventId: place.eventId })}
                        />
                      </Match>
                    </Switch>
                  </div>
                </li>
              );
            }}
          </For>
        </ul>
      </section>
    </Show>
  );
}
