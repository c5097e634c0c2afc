import type { InfiniteData, QueryClient } from "@tanstack/solid-query";
import type { RouterOutputs, SeatChange as LiveSeatChange } from "@boxoffice/api";
import { api } from "../lib/api.ts";

export type EventDetail = RouterOutputs["events"]["byId"];
export type EventPage = RouterOutputs["events"]["list"];
/** The events list is cached as single pages and as "show more" chains of pages. */
export type EventListData = EventPage | InfiniteData<EventPage, string | null>;

/**
 * A new seat figure for one event, as `events.onSeats` reports it (an optimistic booking
 * writes the same shape, without the seats held for the waiting list, which it does not
 * change). `deleted`: lists drop the event, its page refetches (and says so).
 */
export type SeatChange = Omit<LiveSeatChange, "checkedIn" | "heldSeats" | "waitlist"> &
  Partial<Pick<LiveSeatChange, "heldSeats" | "waitlist">> & {
    /** The event's check-in count; an optimistic booking does not know it. */
    checkedIn?: number | undefined;
  };

/**
 * A live change's id (the number behind `tracked`). A cached snapshot already shows every
 * change up to its `feedPosition`, so a change with an id at or below it is not applied
 * there: it would put older figures over newer ones. An optimistic change has no id.
 */
export type ChangeId = number | undefined;

/** Whether a snapshot taken at `feedPosition` is older than the change. */
const olderThan = (feedPosition: string, changeId: ChangeId) =>
  changeId === undefined || Number(feedPosition) < changeId;

type SeatFigures = Pick<EventDetail, "id" | "availableSeats" | "capacity" | "heldSeats">;

/** The event with the new figures, or the same object when nothing changes. */
export function applySeatChangeToEvent<T extends SeatFigures>(event: T, change: SeatChange): T {
  if (event.id !== change.eventId) return event;
  const heldSeats = change.heldSeats ?? event.heldSeats;
  if (
    event.availableSeats === change.availableSeats &&
    event.capacity === change.capacity &&
    event.heldSeats === heldSeats
  ) {
    return event;
  }
  return { ...event, availableSeats: change.availableSeats, capacity: change.capacity, heldSeats };
}

function applyToPage(page: EventPage, change: SeatChange, changeId: ChangeId): EventPage {
  if (!olderThan(page.feedPosition, changeId)) return page;
  if (!page.items.some((item) => item.id === change.eventId)) return page;
  const items = change.deleted
    ? page.items.filter((item) => item.id !== change.eventId)
    : page.items.map((item) => applySeatChangeToEvent(item, change));
  return { ...page, items };
}

/** Applies a change to cached list data of either shape; untouched data keeps its identity. */
export function applySeatChangeToList<T extends EventListData>(
  data: T,
  change: SeatChange,
  changeId?: ChangeId,
): T {
  if ("pages" in data) {
    const pages = data.pages.map((page) => applyToPage(page, change, changeId));
    return pages.every((page, index) => page === data.pages[index]) ? data : { ...data, pages };
  }
  return applyToPage(data, change, changeId) as T;
}

/**
 * Writes a seat change into every cached view of that event (each events.list page and the
 * events.byId entry) older than it, so every part of the UI shows the same figure without
 * refetching. Writing the same change twice changes nothing.
 */
export function writeSeatChange(
  queryClient: QueryClient,
  change: SeatChange,
  changeId?: ChangeId,
): void {
  queryClient.setQueriesData<EventListData>({ queryKey: api.events.list.pathKey() }, (data) =>
    data === undefined ? data : applySeatChangeToList(data, change, changeId),
  );
  writeCheckInCount(queryClient, change);
  const detailKey = api.events.byId.queryKey({ id: change.eventId });
  const detail = queryClient.getQueryData(detailKey);
  if (detail === undefined || !olderThan(detail.feedPosition, changeId)) return;
  if (change.deleted) {
    void queryClient.invalidateQueries({ queryKey: detailKey });
    return;
  }
  queryClient.setQueryData(detailKey, applySeatChangeToEvent(detail, change));
}

/** The seat figures the cache currently holds for an event, from its page or any list. */
export function cachedSeats(queryClient: QueryClient, eventId: number): SeatFigures | undefined {
  const detail = queryClient.getQueryData(api.events.byId.queryKey({ id: eventId }));
  if (detail) return detail;
  for (const [, data] of queryClient.getQueriesData<EventListData>({
    queryKey: api.events.list.pathKey(),
  })) {
    const pages = data === undefined ? [] : "pages" in data ? data.pages : [data];
    for (const page of pages) {
      const found = page.items.find((item) => item.id === eventId);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * A door's "143 / 200 checked in": every seat change carries the event's check-in count.
 * When seats moved too (a booking or cancellation), the total of tickets changed: refetch.
 */
function writeCheckInCount(queryClient: QueryClient, change: SeatChange): void {
  const key = api.checkin.stats.queryKey({ eventId: change.eventId });
  const stats = queryClient.getQueryData(key);
  if (!stats) return;
  if (stats.availableSeats !== change.availableSeats || stats.capacity !== change.capacity) {
    void queryClient.invalidateQueries({ queryKey: key });
  }
  if (change.checkedIn !== undefined && stats.checkedIn !== change.checkedIn) {
    queryClient.setQueryData(key, { ...stats, checkedIn: change.checkedIn });
  }
}
