import { For, Show } from "solid-js";
import { A } from "@solidjs/router";
import type { RouterOutputs } from "@boxoffice/api";
import { formatDateTime } from "../lib/format.ts";
import { SeatsBadge } from "./seats-badge.tsx";
import { seatStatus } from "./seat-status.ts";
import { EventImage } from "./event-image.tsx";

export type EventSummary = RouterOutputs["events"]["list"]["items"][number];

/** One event in a list: when, where, tags and seats left (kept live by the cache). */
export function EventCard(props: {
  event: EventSummary;
  now: number;
  onTag?: (tag: string) => void;
}) {
  const status = () => seatStatus(props.event, props.now);
  return (
    <article class="event-card" aria-labelledby={`event-${props.event.id}-title`}>
      <EventImage event={props.event} class="event-card-image" />
      <div class="event-card-body">
        <h2 class="event-card-title" id={`event-${props.event.id}-title`}>
          <A href={`/events/${props.event.id}`} class="stretched-link">
            {props.event.title}
          </A>
        </h2>
        <p class="event-card-meta">
          <time datetime={new Date(props.event.startsAt).toISOString()}>
            {formatDateTime(props.event.startsAt, props.event.timezone)}
          </time>
          <Show when={props.event.location}>
            <span class="event-card-location">{props.event.location}</span>
          </Show>
        </p>
        <div class="event-card-footer">
          <SeatsBadge status={status()} />
          <Show when={props.event.tags.length > 0}>
            <ul class="tags" aria-label="Tags">
              <For each={props.event.tags}>
                {(tag) => (
                  <li>
                    <Show when={props.onTag} fallback={<span class="tag">{tag}</span>}>
                      {(onTag) => (
                        <button
                          type="button"
                          class="tag tag-button"
                          aria-label={`Show ${tag} events`}
                          onClick={() => onTag()(tag)}
                        >
                          {tag}
                        </button>
                      )}
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </div>
      </div>
    </article>
  );
}
