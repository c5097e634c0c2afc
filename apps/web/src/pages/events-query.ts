import { api } from "../lib/api.ts";

/** The events list's filters as they appear in the URL (`?q=&tag=&when=past`). */
export interface EventsSearch {
  q?: string | undefined;
  tag?: string | undefined;
  when?: string | undefined;
}

export const eventsPageSize = 12;

/** The one query the events page runs for its URL; the route preloads the same one. */
export function eventsListQuery(search: EventsSearch) {
  const when = search.when === "past" ? "past" : "upcoming";
  return api.events.list.infiniteQueryOptions({
    search: search.q || undefined,
    tags: search.tag ? [search.tag] : undefined,
    when,
    sort: when === "past" ? "latest" : "soonest",
    limit: eventsPageSize,
  });
}
