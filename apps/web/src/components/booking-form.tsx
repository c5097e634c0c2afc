import { createEffect, createSignal, createUniqueId, Match, on, Show, Switch } from "solid-js";
import { A } from "@solidjs/router";
import type { RouterOutputs } from "@boxoffice/api";
import { errorMessage, refusalReason } from "../lib/errors.ts";
import type { ApiError } from "../lib/trpc.ts";
import { plural } from "../lib/format.ts";
import { seatStatus } from "./seat-status.ts";

type Bookable = Pick<
  RouterOutputs["events"]["byId"],
  "availableSeats" | "capacity" | "maxSeatsPerBooking" | "maxSeatsPerPerson" | "startsAt" | "status"
> &
  Partial<Pick<RouterOutputs["events"]["byId"], "waitlistEnabled">>;

export interface BookingFormProps {
  event: Bookable;
  now: number;
  signedIn: boolean;
  signInHref: string;
  pending: boolean;
  /** Why the last attempt was refused (the server's message is shown as is). */
  error: ApiError | null;
  /** Seats of the booking just made, for the confirmation. */
  bookedSeats: number | null;
  onBook: (seats: number) => void;
  /**
   * What the person already holds for the event (bookings, and seats the waiting list
   * offers them): both count towards its per-person limit. Unknown while loading.
   */
  held?: { seats: number; offeredSeats: number } | undefined;
}

/**
 * Choose 1…N seats (N = the lowest of the per-booking limit, the seats left and what the
 * per-person limit leaves this person after what they already hold). Each
 * attempt ends in one message (booked, refused, or sold out when the last seats went to
 * someone else first), and focus moves to it so keyboard and screen reader users hear it.
 */
export function BookingForm(props: BookingFormProps) {
  const id = createUniqueId();
  const [draft, setDraft] = createSignal("1");
  let requested = 0;
  let awaitingResult = false;
  let outcome: HTMLElement | undefined;
  const keepOutcome = (element: HTMLElement) => (outcome = element);
  // The page drops the count optimistically while a booking is in flight; the form still
  // counts those seats, so booking the last one does not swap it for "sold out" midway.
  const seatsLeft = () => props.event.availableSeats + (props.pending ? requested : 0);
  const status = () => seatStatus({ ...props.event, availableSeats: seatsLeft() }, props.now);
  const heldSeats = () => (props.held ? props.held.seats + props.held.offeredSeats : 0);
  const personLeft = () => props.event.maxSeatsPerPerson - heldSeats();
  const otherLimit = () => Math.min(props.event.maxSeatsPerBooking, seatsLeft());
  const limit = () => Math.max(0, Math.min(otherLimit(), personLeft()));
  const limitHint = () => {
    const perPerson = props.event.maxSeatsPerPerson;
    if (personLeft() > otherLimit()) return `Up to ${plural(limit(), "seat")} per booking.`;
    return heldSeats() > 0
      ? `You can book ${limit()} more: ${perPerson} per person.`
      : `Up to ${plural(limit(), "seat")}: ${perPerson} per person.`;
  };
  const freedSeats = () =>
    props.event.waitlistEnabled
      ? "seats freed by cancellations go to the waiting list first."
      : "seats freed by cancellations show up here straight away.";
  /** Refused because the last seats just went: said once, in place of the sold-out notice. */
  const lostTheRace = () => refusalReason(props.error) === "SOLD_OUT";
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
    if (chosen === null || props.pending) return;
    requested = chosen;
    awaitingResult = true;
    props.onBook(chosen);
  };
  createEffect(
    on(
      () => props.pending,
      (pending, wasPending) => {
        if (pending || !wasPending || !awaitingResult) return;
        awaitingResult = false;
        // After the message has rendered in place of whatever held focus.
        queueMicrotask(() => outcome?.isConnected && outcome.focus());
      },
    ),
  );

  return (
    <div class="booking">
      <Switch>
        <Match when={status().kind === "past"}>
          <p class="notice" data-testid="booking-closed">
            This event has already started, so it can no longer be booked.
          </p>
        </Match>
        <Match when={status().kind === "sold-out"}>
          <Show
            when={lostTheRace()}
            fallback={
              <p class="notice notice-warning" data-testid="sold-out">
                <strong>Sold out.</strong> Every seat is taken; {freedSeats()}
              </p>
            }
          >
            <p
              class="notice notice-warning"
              role="alert"
              tabindex="-1"
              ref={keepOutcome}
              data-testid="sold-out"
            >
              <strong>Sold out.</strong> The last seats went just before you; {freedSeats()}
            </p>
          </Show>
        </Match>
        <Match when={!props.signedIn}>
          <p class="notice">
            <A href={props.signInHref}>Sign in</A> to book seats.
          </p>
        </Match>
        <Match when={personLeft() <= 0}>
          <p class="notice" data-testid="person-limit-reached">
            That is as many as one person can hold for this event:{" "}
            {plural(props.event.maxSeatsPerPerson, "seat")} per person.
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
                {limitHint()}
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
      <Show when={props.error && !lostTheRace()}>
        <p class="notice notice-error" role="alert" tabindex="-1" ref={keepOutcome}>
          {errorMessage(props.error)}
        </p>
      </Show>
      <Show when={props.bookedSeats}>
        {(booked) => (
          <p class="notice notice-success" role="status" tabindex="-1" ref={keepOutcome}>
            Booked {plural(booked(), "seat")}. <A href="/bookings">See my bookings</A>
          </p>
        )}
      </Show>
    </div>
  );
}
