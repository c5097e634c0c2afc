import { api } from "../lib/api.ts";

/**
 * The events list's filters as they appear in the URL
 * (`?q=&tag=&when=past&from=2030-05-01&to=2030-05-31`; days in the browser's time zone).
 */
export interface EventsSearch {
  q?: string | undefined;
  tag?: string | undefined;
  when?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export const eventsPageSize = 12;

/** Epoch ms of local midnight starting a `YYYY-MM-DD` day, `days` later; undefined if not a day. */
function dayStart(day: string | undefined, days = 0): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day ?? "");
  if (!match) return undefined;
  const ms = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + days).getTime();
  return Number.isFinite(ms) ? ms : undefined;
}

/** The one query the events page runs for its URL; the route preloads the same one. */
export function eventsListQuery(search: EventsSearch) {
  const when = search.when === "past" ? "past" : "upcoming";
  const toNextDay = dayStart(search.to, 1);
  return api.events.list.infiniteQueryOptions({
    search: search.q || undefined,
    tags: search.tag ? [search.tag] : undefined,
    // Events starting on the days chosen, both included.
    from: dayStart(search.from),
    to: toNextDay === undefined ? undefined : toNextDay - 1,
    when,
    sort: when === "past" ? "latest" : "soonest",
    limit: eventsPageSize,
  });
}
