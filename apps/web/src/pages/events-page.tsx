import { For, Show } from "solid-js";
import { useSearchParams } from "@solidjs/router";
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/solid-query";
import { api } from "../lib/api.ts";
import { useNow } from "../lib/clock.ts";
import { useTextParam } from "../lib/text-param.ts";
import { usePageTitle } from "../lib/page-title.ts";
import { EventCard } from "../components/event-card.tsx";
import { EmptyState, ErrorState, QueryView } from "../components/query-states.tsx";
import { eventsListQuery } from "./events-query.ts";
import { ShowMore } from "../components/show-more.tsx";
import { pageItems } from "../lib/pages.ts";

type When = "upcoming" | "past";

/** Search, tag and time filters live in the URL, so a filtered list can be shared. */
export default function EventsPage() {
  const [params, setParams] = useSearchParams<{
    q?: string;
    tag?: string;
    when?: string;
    from?: string;
    to?: string;
  }>();
  const when = (): When => (params.when === "past" ? "past" : "upcoming");
  const now = useNow();
  usePageTitle(() => (when() === "past" ? "Past events" : "Upcoming events"));
  const [search, setSearch] = useTextParam("q");
  const backwards = () => !!params.from && !!params.to && params.to < params.from;

  const events = useInfiniteQuery(() => ({
    ...eventsListQuery(params),
    placeholderData: keepPreviousData,
  }));
  const items = () => pageItems(events.data);
  // Every tag in use, from the server, so a shared link's tag is always offered.
  const tags = useQuery(() => ({
    ...api.events.tags.queryOptions({ when: when() }),
    placeholderData: keepPreviousData,
  }));
  const tagOptions = () => {
    const inUse = tags.data ?? [];
    const selected = params.tag;
    return selected && !inUse.some((entry) => entry.tag === selected)
      ? [...inUse, { tag: selected, count: 0 }]
      : inUse;
  };

  const filtered = () => Boolean(params.q || params.tag || params.from || params.to);
  const clearFilters = () => {
    setSearch("");
    setParams({ q: undefined, tag: undefined, from: undefined, to: undefined });
  };

  return (
    <section aria-labelledby="events-heading">
      <div class="page-header">
        <h1 id="events-heading">{when() === "past" ? "Past events" : "Upcoming events"}</h1>
        <p class="lede">Find something on, book in seconds, and watch the seats go live.</p>
      </div>

      <form class="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <div class="field field-grow">
          <label for="event-search">Search</label>
          <input
            id="event-search"
            type="search"
            placeholder="Title, description or place"
            value={search()}
            onInput={(event) => setSearch(event.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="event-tag">Tag</label>
          <select
            id="event-tag"
            value={params.tag ?? ""}
            onChange={(event) => setParams({ tag: event.currentTarget.value || undefined })}
          >
            <option value="">All tags</option>
            <For each={tagOptions()}>
              {(entry) => (
                <option value={entry.tag}>
                  {entry.tag} ({entry.count})
                </option>
              )}
            </For>
          </select>
        </div>
        <fieldset class="date-range">
          <legend class="visually-hidden">Dates</legend>
          <div class="field">
            <label for="event-from">From</label>
            <input
              id="event-from"
              type="date"
              value={params.from ?? ""}
              onChange={(event) => setParams({ from: event.currentTarget.value || undefined })}
            />
          </div>
          <div class="field" classList={{ "field-invalid": backwards() }}>
            <label for="event-to">To</label>
            <input
              id="event-to"
              type="date"
              min={params.from}
              value={params.to ?? ""}
              aria-invalid={backwards() ? true : undefined}
              aria-describedby={backwards() ? "event-to-error" : undefined}
              onChange={(event) => setParams({ to: event.currentTarget.value || undefined })}
            />
            <Show when={backwards()}>
              <p class="field-errors" id="event-to-error">
                Pick a day on or after the “From” day.
              </p>
            </Show>
          </div>
        </fieldset>
        <fieldset class="segmented">
          <legend>When</legend>
          <For each={["upcoming", "past"] as const}>
            {(option) => (
              <label>
                <input
                  type="radio"
                  name="when"
                  value={option}
                  checked={when() === option}
                  onChange={() => setParams({ when: option === "past" ? "past" : undefined })}
                />
                <span>{option === "past" ? "Past" : "Upcoming"}</span>
              </label>
            )}
          </For>
        </fieldset>
      </form>

      <QueryView query={events} errorTitle="Events could not be loaded.">
        {() => (
          <Show
            when={items().length > 0}
            fallback={
              <EmptyState
                title={filtered() ? "No events match these filters." : `No ${when()} events.`}
              >
                <Show when={filtered()}>
                  <button type="button" class="button" onClick={clearFilters}>
                    Clear filters
                  </button>
                </Show>
              </EmptyState>
            }
          >
            <ul
              class="event-grid"
              aria-label="Events"
              aria-busy={events.isFetching && !events.isFetchingNextPage}
            >
              <For each={items()}>
                {(event) => (
                  <li>
                    <EventCard event={event} now={now()} onTag={(tag) => setParams({ tag })} />
                  </li>
                )}
              </For>
            </ul>
            <Show when={events.isFetchNextPageError}>
              <ErrorState error={events.error} title="More events could not be loaded." />
            </Show>
            <ShowMore query={events} label="Show more events" />
          </Show>
        )}
      </QueryView>
    </section>
  );
}
