import { createSignal, createUniqueId, Show } from "solid-js";
import { errorMessage } from "../lib/errors.ts";
import { durationInWords, plural } from "../lib/format.ts";

/**
 * Joining a sold-out event's waiting list: how many seats, and how offers work, in plain
 * words, before anyone commits to anything.
 */
export function WaitlistJoin(props: {
  /** The most one request may ask for (per booking, and what the per-person limit leaves). */
  maxSeats: number;
  offerMinutes: number;
  pending: boolean;
  error: unknown;
  onJoin: (seats: number) => void;
}) {
  const id = createUniqueId();
  const [draft, setDraft] = createSignal("1");
  const seats = () => {
    const value = Number(draft());
    return Number.isInteger(value) && value >= 1 && value <= props.maxSeats ? value : null;
  };
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const chosen = seats();
    if (chosen !== null && !props.pending) props.onJoin(chosen);
  };
  return (
    <form class="waitlist-join" onSubmit={submit} novalidate aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Join the waiting list</h3>
      <p class="muted small" id={`${id}-how`}>
        When seats free up, they go at once to the first person in line whose request fits. We hold
        them for you for {durationInWords(props.offerMinutes)}: claim them here or in My bookings
        before then, or they pass to the next person. You can leave the list at any time.
      </p>
      <label for={id}>Seats you want</label>
      <input
        id={id}
        type="number"
        inputmode="numeric"
        min="1"
        max={props.maxSeats}
        step="1"
        value={draft()}
        onInput={(event) => setDraft(event.currentTarget.value)}
        aria-invalid={seats() === null ? true : undefined}
        aria-describedby={`${id}-hint ${id}-how`}
      />
      <p class="field-hint" id={`${id}-hint`}>
        <Show
          when={seats() !== null}
          fallback={<span class="field-error-text">Choose between 1 and {props.maxSeats}.</span>}
        >
          Up to {plural(props.maxSeats, "seat")}.
        </Show>
      </p>
      <button
        type="submit"
        class="button button-primary"
        disabled={props.pending || seats() === null}
      >
        {props.pending ? "Joining…" : "Join the waiting list"}
      </button>
      <Show when={props.error}>
        <p class="notice notice-error" role="alert">
          {errorMessage(props.error)}
        </p>
      </Show>
    </form>
  );
}
