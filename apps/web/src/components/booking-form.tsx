import { createEffect, createSignal, createUniqueId, Match, Show, Switch } from "solid-js";
import { A } from "@solidjs/router";
import type { RouterOutputs } from "@boxoffice/api";
import { errorMessage } from "../lib/errors.ts";
import { plural } from "../lib/format.ts";
import { seatStatus } from "./seat-status.ts";

type Bookable = Pick<
  RouterOutputs["events"]["byId"],
  "availableSeats" | "capacity" | "maxSeatsPerBooking" | "startsAt"
>;

export interface BookingFormProps {
  event: Bookable;
  now: number;
  signedIn: boolean;
  signInHref: string;
  pending: boolean;
  /** Why the last attempt was refused (the server's message is shown as is). */
  error: unknown;
  /** Seats of the booking just made, for the confirmation. */
  bookedSeats: number | null;
  onBook: (seats: number) => void;
}

/** Choose 1…N seats (N = the per-booking limit or the seats left, whichever is lower). */
export function BookingForm(props: BookingFormProps) {
  const id = createUniqueId();
  const [draft, setDraft] = createSignal("1");
  const status = () => seatStatus(props.event, props.now);
  const limit = () =>
    Math.max(0, Math.min(props.event.maxSeatsPerBooking, props.event.availableSeats));
  const seats = () => {
    const value = Number(draft());
    return Number.isInteger(value) && value >= 1 && value <= limit() ? value : null;
  };
  // Seats can vanish live while the form is open: keep the choice within what is left.
  createEffect(() => {
    const chosen = Number(draft());
    if (limit() >= 1 && Number.isInteger(chosen) && chosen > limit()) setDraft(String(limit()));
  });
  const step = (by: number) => {
    const current = seats() ?? 1;
    setDraft(String(Math.min(limit(), Math.max(1, current + by))));
  };
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const chosen = seats();
    if (chosen !== null && !props.pending) props.onBook(chosen);
  };

  return (
    <div class="booking">
      <Switch>
        <Match when={status().kind === "past"}>
          <p class="notice" data-testid="booking-closed">
            This event has already started, so it can no longer be booked.
          </p>
        </Match>
        <Match when={status().kind === "sold-out"}>
          <p class="notice notice-warning" data-testid="sold-out">
            <strong>Sold out.</strong> Every seat is taken; seats freed by cancellations show up
            here straight away.
          </p>
        </Match>
        <Match when={!props.signedIn}>
          <p class="notice">
            <A href={props.signInHref}>Sign in</A> to book seats.
          </p>
        </Match>
        <Match when={true}>
          <form class="booking-form" onSubmit={submit} novalidate>
            <label for={id}>Seats</label>
            <div class="stepper">
              <button
                type="button"
                class="stepper-button"
                aria-label="One seat fewer"
                disabled={(seats() ?? 1) <= 1}
                onClick={() => step(-1)}
              >
                −
              </button>
              <input
                id={id}
                type="number"
                inputmode="numeric"
                min="1"
                max={limit()}
                step="1"
                value={draft()}
                onInput={(event) => setDraft(event.currentTarget.value)}
                aria-invalid={seats() === null ? true : undefined}
                aria-describedby={`${id}-hint`}
              />
              <button
                type="button"
                class="stepper-button"
                aria-label="One seat more"
                disabled={(seats() ?? limit()) >= limit()}
                onClick={() => step(1)}
              >
                +
              </button>
            </div>
            <p class="field-hint" id={`${id}-hint`}>
              <Show
                when={seats() !== null}
                fallback={<span class="field-error-text">Choose between 1 and {limit()}.</span>}
              >
                Up to {plural(limit(), "seat")} per booking.
              </Show>
            </p>
            <button
              type="submit"
              class="button button-primary"
              disabled={props.pending || seats() === null}
            >
              {props.pending
                ? "Booking…"
                : `Book ${seats() === null ? "seats" : plural(seats() ?? 0, "seat")}`}
            </button>
          </form>
        </Match>
      </Switch>
      <Show when={props.error}>
        <p class="notice notice-error" role="alert">
          {errorMessage(props.error)}
        </p>
      </Show>
      <Show when={props.bookedSeats}>
        {(booked) => (
          <p class="notice notice-success" role="status">
            Booked {plural(booked(), "seat")}. <A href="/bookings">See my bookings</A>
          </p>
        )}
      </Show>
    </div>
  );
}
