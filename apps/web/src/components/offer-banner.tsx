import { createUniqueId, Show, type JSX } from "solid-js";
import { useNow } from "../lib/clock.ts";
import { errorMessage } from "../lib/errors.ts";
import { formatCountdown, formatDateTime, plural } from "../lib/format.ts";

export interface OfferBannerProps {
  seats: number;
  expiresAt: number;
  /** Where the offer is for, when the banner is not on the event's own page. */
  event?: JSX.Element;
  /** Which button's request is on its way, if any. */
  pending: "claim" | "decline" | null;
  error: unknown;
  onClaim: () => void;
  onDecline: () => void;
}

/**
 * Seats offered from the waiting list: held for this person until the window ends, with a
 * countdown and the two things they can do. It appears live when the offer is made, and
 * says so (role=status) without stealing focus.
 */
export function OfferBanner(props: OfferBannerProps) {
  const id = createUniqueId();
  const now = useNow(1_000);
  const left = () => props.expiresAt - now();
  return (
    <section class="offer-banner" aria-labelledby={id} data-testid="offer-banner">
      <div role="status">
        <h3 class="offer-title" id={id}>
          {plural(props.seats, "seat")} held for you
          <Show when={props.event}> for {props.event}</Show>
        </h3>
        <p>
          Seats came free and you were next in line. They are yours if you claim them by{" "}
          <time datetime={new Date(props.expiresAt).toISOString()}>
            {formatDateTime(props.expiresAt)}
          </time>
          ; after that they go to the next person waiting.
        </p>
      </div>
      <Show
        when={left() > 0}
        fallback={
          <p class="offer-countdown">Time is up: the seats are going to the next person.</p>
        }
      >
        <p class="offer-countdown" role="timer" aria-label="Time left to claim">
          <strong>{formatCountdown(left())}</strong> left
        </p>
      </Show>
      <div class="form-actions">
        <button
          type="button"
          class="button button-primary"
          disabled={props.pending !== null || left() <= 0}
          onClick={() => props.onClaim()}
        >
          {props.pending === "claim" ? "Claiming…" : `Claim ${plural(props.seats, "seat")}`}
        </button>
        <button
          type="button"
          class="button"
          disabled={props.pending !== null}
          onClick={() => props.onDecline()}
        >
          {props.pending === "decline" ? "Declining…" : "Decline"}
        </button>
      </div>
      <Show when={props.error}>
        <p class="notice notice-error" role="alert">
          {errorMessage(props.error)}
        </p>
      </Show>
    </section>
  );
}
