import { For, Show } from "solid-js";
import { A } from "@solidjs/router";
import type { RouterOutputs } from "@boxoffice/api";
import { plural } from "../lib/format.ts";

type Held = RouterOutputs["bookings"]["heldForEvent"];

/** "You hold 2 seats for this event", with the way to each booking's tickets. */
export function HeldSeats(props: { held: Held }) {
  return (
    <Show when={props.held.seats > 0}>
      <div class="notice held-seats" data-testid="held-seats">
        <p>
          You hold <strong>{plural(props.held.seats, "seat")}</strong> for this event.{" "}
          <A href="/bookings">See them in My bookings</A>
        </p>
        <ul class="held-bookings" aria-label="Your bookings for this event">
          <For each={props.held.bookings}>
            {(booking) => (
              <li>
                <A href={`/bookings/${booking.id}/tickets`}>
                  Tickets for <span class="reference">{booking.reference}</span>
                </A>{" "}
                <span class="muted">({plural(booking.seats, "seat")})</span>
              </li>
            )}
          </For>
        </ul>
      </div>
    </Show>
  );
}
