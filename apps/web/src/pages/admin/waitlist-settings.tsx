import { createSignal, createUniqueId, Show } from "solid-js";
import { useMutation, useQueryClient } from "@tanstack/solid-query";
import type { RouterOutputs } from "@boxoffice/api";
import { api } from "../../lib/api.ts";
import { errorMessage } from "../../lib/errors.ts";

type Event = RouterOutputs["events"]["byId"];

/**
 * The organiser's two settings for an event's waiting list: on or off, and how long an
 * offer holds its seats. Turning it off takes the people still waiting off the list (they
 * are told); offers already made stand until claimed, declined or expired.
 */
export function WaitlistSettings(props: { event: Event }) {
  const id = createUniqueId();
  const queryClient = useQueryClient();
  const [enabled, setEnabled] = createSignal(props.event.waitlistEnabled);
  const [minutes, setMinutes] = createSignal(String(props.event.waitlistOfferMinutes));
  const validMinutes = () => {
    const value = Number(minutes());
    return Number.isInteger(value) && value >= 1 && value <= 10_080 ? value : null;
  };
  const save = useMutation(() => ({
    ...api.events.update.mutationOptions(),
    onSuccess: (event) => {
      // Read again rather than written: the page's copy carries the feed position it shows.
      void queryClient.invalidateQueries({ queryKey: api.events.byId.queryKey({ id: event.id }) });
      void queryClient.invalidateQueries({ queryKey: api.waitlist.forEvent.pathKey() });
    },
  }));
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const offerMinutes = validMinutes();
    if (offerMinutes === null) return;
    save.mutate({
      id: props.event.id,
      changes: { waitlistEnabled: enabled(), waitlistOfferMinutes: offerMinutes },
    });
  };
  return (
    <form class="waitlist-settings" onSubmit={submit} novalidate aria-label="Waiting list settings">
      <div class="field field-checkbox">
        <input
          id={`${id}-on`}
          type="checkbox"
          checked={enabled()}
          onChange={(event) => setEnabled(event.currentTarget.checked)}
          aria-describedby={`${id}-on-hint`}
        />
        <label for={`${id}-on`}>Waiting list on</label>
        <p class="field-hint" id={`${id}-on-hint`}>
          When sold out, people can join; freed seats are offered to them first, in order. Turning
          it off takes everyone still waiting off the list.
        </p>
      </div>
      <div class="field">
        <label for={`${id}-minutes`}>Offer window (minutes)</label>
        <input
          id={`${id}-minutes`}
          type="number"
          inputmode="numeric"
          min="1"
          max="10080"
          value={minutes()}
          onInput={(event) => setMinutes(event.currentTarget.value)}
          aria-invalid={validMinutes() === null ? true : undefined}
          aria-describedby={`${id}-minutes-hint`}
        />
        <p class="field-hint" id={`${id}-minutes-hint`}>
          <Show
            when={validMinutes() !== null}
            fallback={
              <span class="field-error-text">Use a whole number from 1 to 10,080 (a week).</span>
            }
          >
            How long offered seats are held for the person offered them (1 to 10,080).
          </Show>
        </p>
      </div>
      <div class="form-actions">
        <button
          type="submit"
          class="button button-primary"
          disabled={save.isPending || validMinutes() === null}
        >
          {save.isPending ? "Saving…" : "Save waiting-list settings"}
        </button>
      </div>
      <Show when={save.isError}>
        <p class="notice notice-error" role="alert">
          {errorMessage(save.error)}
        </p>
      </Show>
      <Show when={save.isSuccess}>
        <p class="notice notice-success" role="status">
          Saved.
        </p>
      </Show>
    </form>
  );
}
