import { Show } from "solid-js";
import type { RouterOutputs } from "@boxoffice/api";
import { formatDay } from "../lib/format.ts";

type Pictured = Pick<RouterOutputs["events"]["byId"], "id" | "imageUrl" | "startsAt">;

/** The event's image, or (without one) a colour drawn from its id with the date on it. */
export function EventImage(props: { event: Pictured; class: string; alt?: string }) {
  const hue = () => (props.event.id * 47) % 360;
  return (
    <Show
      when={props.event.imageUrl}
      fallback={
        <div
          class={`${props.class} event-image-placeholder`}
          style={{ "--hue": String(hue()) }}
          aria-hidden="true"
        >
          <span>{formatDay(props.event.startsAt)}</span>
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
        />
      )}
    </Show>
  );
}
