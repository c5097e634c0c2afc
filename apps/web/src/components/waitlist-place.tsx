import type { JSX } from "solid-js";
import { ordinal, plural } from "../lib/format.ts";
import { ConfirmButton } from "./confirm-button.tsx";

/** A place in line: where the person stands, live, and a way out. */
export function WaitlistPlace(props: {
  seats: number;
  position: number;
  /** Where the place is, when not on the event's own page. */
  event?: JSX.Element;
  leaving: boolean;
  onLeave: () => void;
}) {
  return (
    <div class="waitlist-place" data-testid="waitlist-place">
      <p role="status">
        You are <strong data-testid="waitlist-position">{ordinal(props.position)}</strong> in line
        for {plural(props.seats, "seat")}
        {props.event ? <> for {props.event}</> : null}. If seats free up, they are held for you here
        straight away.
      </p>
      <ConfirmButton
        label="Leave the waiting list"
        question="Give up your place in line?"
        confirmLabel="Yes, leave"
        cancelLabel="Stay in line"
        pending={props.leaving}
        onConfirm={props.onLeave}
      />
    </div>
  );
}
