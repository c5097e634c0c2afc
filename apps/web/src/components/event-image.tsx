import { createEffect, createSignal, on, Show } from "solid-js";
import type { RouterOutputs } from "@boxoffice/api";
import { formatDay } from "../lib/format.ts";

type Pictured = Pick<RouterOutputs["events"]["byId"], "id" | "imageUrl" | "startsAt" | "timezone">;

/**
 * The event's image, or (without one, or when it fails to load) a colour drawn from its id
 * with the date on it.
 */
export function EventImage(props: { event: Pictured; class: string; alt?: string }) {
  const hue = () => (props.event.id * 47) % 360;
  const [broken, setBroken] = createSignal(false);
  // A new address gets a new chance.
  createEffect(
    on(
      () => props.event.imageUrl,
      () => setBroken(false),
      { defer: true },
    ),
  );
  return (
    <Show
      when={!broken() && props.event.imageUrl}
      fallback={
        <div
          class={`${props.class} event-image-placeholder`}
          style={{ "--hue": String(hue()) }}
          aria-hidden="true"
          data-testid="image-placeholder"
        >
          <span class="event-image-date">
            {formatDay(props.event.startsAt, props.event.timezone)}
          </span>
        </div>
      }
    >
      {(url) => (
        <img
          class={props.class}
          src={url()}
          alt={props.alt ?? ""}
          loading="lazy"
          decoding="async"
          onError={() => setBroken(true)}
        />
      )}
    </Show>
  );
}
