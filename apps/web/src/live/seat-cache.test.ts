import { QueryClient, type InfiniteData } from "@tanstack/solid-query";
import { describe, expect, it } from "vitest";
import { api } from "../lib/api.ts";
import { eventFixture } from "../testing/event-fixture.ts";
import {
  applySeatChangeToEvent,
  applySeatChangeToList,
  cachedSeats,
  writeSeatChange,
  type EventDetail,
  type EventPage,
} from "./seat-cache.ts";

const t0 = Date.UTC(2030, 0, 1);

function event(id: number, availableSeats = 10, capacity = 10): EventDetail {
  return eventFixture({
    id,
    title: `Event ${id}`,
    startsAt: t0 + id * 86_400_000,
    endsAt: t0 + id * 86_400_000 + 3_600_000,
    capacity,
    availableSeats,
    createdAt: t0,
    updatedAt: t0,
  });
}

const page = (...items: EventDetail[]): EventPage => ({
  items,
  nextCursor: null,
  feedPosition: "0",
});
const change = (eventId: number, availableSeats: number, capacity = 10, deleted = false) => ({
  eventId,
  availableSeats,
  capacity,
  deleted,
});

describe("applying a seat change (pure)", () => {
  it("carries the seats held for the waiting list when the change says", () => {
    const before = event(1, 10);
    const held = applySeatChangeToEvent(before, { ...change(1, 8), heldSeats: 2 });
    expect(held).toMatchObject({ availableSeats: 8, heldSeats: 2 });
    // An optimistic booking knows nothing of held seats: they stay as they were.
    expect(applySeatChangeToEvent(held, change(1, 7))).toMatchObject({ heldSeats: 2 });
  });

  it("updates the matching event and keeps everything else as it was", () => {
    const before = event(1, 10);
    const after = applySeatChangeToEvent(before, change(1, 7, 12));
    expect(after).toMatchObject({ id: 1, availableSeats: 7, capacity: 12, title: "Event 1" });
    expect(before.availableSeats).toBe(10);
    expect(applySeatChangeToEvent(before, change(2, 0))).toBe(before);
    expect(applySeatChangeToEvent(before, change(1, 10))).toBe(before);
  });

  it("touches only the changed item of a list page", () => {
    const untouched = event(2, 5);
    const list = page(event(1, 10), untouched);
    const next = applySeatChangeToList(list, change(1, 3));
    expect(next.items.map((item) => item.availableSeats)).toEqual([3, 5]);
    expect(next.items[1]).toBe(untouched);
    expect(applySeatChangeToList(list, change(99, 0))).toBe(list);
  });

  it("updates the right page of a 'show more' chain", () => {
    const first = page(event(1), event(2));
    const data: InfiniteData<EventPage, string | null> = {
      pages: [first, page(event(3, 4))],
      pageParams: [null, "cursor-2"],
    };
    const next = applySeatChangeToList(data, change(3, 1));
    expect(next.pages[0]).toBe(first);
    expect(next.pages[1]?.items[0]?.availableSeats).toBe(1);
    expect(next.pageParams).toEqual([null, "cursor-2"]);
  });

  it("leaves a page alone for a change it already shows (an id at or below its feedPosition)", () => {
    const list = { ...page(event(1, 10)), feedPosition: "40" };
    expect(applySeatChangeToList(list, change(1, 3), 40)).toBe(list);
    expect(applySeatChangeToList(list, change(1, 3), 41).items[0]?.availableSeats).toBe(3);
    // An optimistic change (no id) applies whatever the position.
    expect(applySeatChangeToList(list, change(1, 2)).items[0]?.availableSeats).toBe(2);
  });

  it("drops a deleted event from lists", () => {
    const next = applySeatChangeToList(page(event(1), event(2)), change(1, 0, 10, true));
    expect(next.items.map((item) => item.id)).toEqual([2]);
  });
});

describe("writing a seat change into the query cache", () => {
  const upcoming = { when: "upcoming" as const, limit: 12 };

  function seededClient() {
    const queryClient = new QueryClient();
    queryClient.setQueryData(api.events.list.queryKey(upcoming), page(event(1), event(2)));
    queryClient.setQueryData(api.events.list.infiniteQueryOptions({ search: "jazz" }).queryKey, {
      pages: [page(event(2)), page(event(1))],
      pageParams: [null, "next"],
    });
    queryClient.setQueryData(api.events.byId.queryKey({ id: 1 }), event(1));
    queryClient.setQueryData(api.events.byId.queryKey({ id: 2 }), event(2));
    return queryClient;
  }

  it("updates every cached list page and the event's own entry, nothing else", () => {
    const queryClient = seededClient();
    const otherDetail = queryClient.getQueryData(api.events.byId.queryKey({ id: 2 }));

    writeSeatChange(queryClient, change(1, 4));

    const plain = queryClient.getQueryData(api.events.list.queryKey(upcoming));
    expect(plain?.items.find((item) => item.id === 1)?.availableSeats).toBe(4);
    const chained = queryClient.getQueryData(
      api.events.list.infiniteQueryOptions({ search: "jazz" }).queryKey,
    );
    expect(chained?.pages[1]?.items[0]?.availableSeats).toBe(4);
    expect(queryClient.getQueryData(api.events.byId.queryKey({ id: 1 }))?.availableSeats).toBe(4);
    expect(queryClient.getQueryData(api.events.byId.queryKey({ id: 2 }))).toBe(otherDetail);
    expect(cachedSeats(queryClient, 1)).toMatchObject({ availableSeats: 4, capacity: 10 });
  });

  it("removes a deleted event from lists and marks its page for a refetch", () => {
    const queryClient = seededClient();
    writeSeatChange(queryClient, change(1, 0, 10, true));
    const plain = queryClient.getQueryData(api.events.list.queryKey(upcoming));
    expect(plain?.items.map((item) => item.id)).toEqual([2]);
    const detail = queryClient
      .getQueryCache()
      .find({ queryKey: api.events.byId.queryKey({ id: 1 }) });
    expect(detail?.state.isInvalidated).toBe(true);
  });

  it("writes a live change only where the snapshot is older than it", () => {
    const queryClient = new QueryClient();
    queryClient.setQueryData(api.events.byId.queryKey({ id: 1 }), {
      ...event(1, 10),
      feedPosition: "50",
    });
    queryClient.setQueryData(api.events.list.queryKey(upcoming), {
      ...page(event(1, 10)),
      feedPosition: "30",
    });
    writeSeatChange(queryClient, change(1, 6), 45);
    expect(queryClient.getQueryData(api.events.byId.queryKey({ id: 1 }))?.availableSeats).toBe(10);
    expect(
      queryClient.getQueryData(api.events.list.queryKey(upcoming))?.items[0]?.availableSeats,
    ).toBe(6);
  });

  it("finds seat figures in a list when the event's own page is not cached", () => {
    const queryClient = new QueryClient();
    queryClient.setQueryData(api.events.list.queryKey(upcoming), page(event(5, 3, 8)));
    expect(cachedSeats(queryClient, 5)).toMatchObject({ availableSeats: 3, capacity: 8 });
    expect(cachedSeats(queryClient, 6)).toBeUndefined();
  });
});

describe("a door's check-in count", () => {
  const statsKey = api.checkin.stats.queryKey({ eventId: 1 });
  const stats = { eventId: 1, checkedIn: 3, total: 8, availableSeats: 2, capacity: 10 };

  it("moves with the count every seat change carries", () => {
    const client = new QueryClient();
    client.setQueryData(statsKey, stats);
    writeSeatChange(client, { ...change(1, 2), checkedIn: 4 });
    expect(client.getQueryData(statsKey)).toEqual({ ...stats, checkedIn: 4 });
    expect(client.getQueryState(statsKey)?.isInvalidated).toBe(false);
  });

  it("is refetched when seats moved (the total of tickets changed)", () => {
    const client = new QueryClient();
    client.setQueryData(statsKey, stats);
    writeSeatChange(client, { ...change(1, 1), checkedIn: 3 });
    expect(client.getQueryState(statsKey)?.isInvalidated).toBe(true);
  });

  it("an optimistic booking (no count) leaves the count alone", () => {
    const client = new QueryClient();
    client.setQueryData(statsKey, stats);
    writeSeatChange(client, change(1, 2));
    expect(client.getQueryData(statsKey)).toEqual(stats);
  });
});
