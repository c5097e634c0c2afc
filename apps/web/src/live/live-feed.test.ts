import { QueryClient } from "@tanstack/solid-query";
import { describe, expect, it } from "vitest";
import { api } from "../lib/api.ts";
import type { ApiError } from "../lib/trpc.ts";
import { eventFixture } from "../testing/event-fixture.ts";
import { createLiveFeed, type Subscribe, type Tracked } from "./live-feed.ts";
import type { SeatChange } from "./seat-cache.ts";

/** A subscription the test drives by hand: it records where each start resumed from. */
function scripted<T>() {
  const starts: {
    lastEventId: string;
    stopped: boolean;
    send(id: number, data: T): void;
    fail(error: Partial<ApiError>): void;
  }[] = [];
  const subscribe: Subscribe<T> = (lastEventId, handlers) => {
    const start = {
      lastEventId,
      stopped: false,
      send: (id: number, data: T) => handlers.onData({ id: String(id), data } as Tracked<T>),
      fail: (error: Partial<ApiError>) => handlers.onError(error as ApiError),
    };
    starts.push(start);
    return { unsubscribe: () => void (start.stopped = true) };
  };
  return { starts, subscribe, latest: () => starts.at(-1) };
}

const seatChange = (eventId: number, availableSeats: number): SeatChange => ({
  eventId,
  availableSeats,
  capacity: 150,
  deleted: false,
});

function setup() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  const seats = scripted<SeatChange>();
  const mine = scripted<unknown>();
  let mineChanges = 0;
  const feed = createLiveFeed(queryClient, {
    seats: seats.subscribe,
    mine: mine.subscribe,
    onMineChange: () => mineChanges++,
  });
  const stop = feed.attach();
  /** An events.byId answer as the server gives it (a fetch, not a local write). */
  const loadEvent = (id: number, availableSeats: number, feedPosition: number) =>
    queryClient.fetchQuery({
      queryKey: api.events.byId.queryKey({ id }),
      queryFn: () =>
        Promise.resolve(
          eventFixture({ id, availableSeats, capacity: 150, feedPosition: String(feedPosition) }),
        ),
    });
  const shown = (id: number) =>
    queryClient.getQueryData(api.events.byId.queryKey({ id }))?.availableSeats;
  const invalidated = (id: number) =>
    queryClient.getQueryCache().find({ queryKey: api.events.byId.queryKey({ id }) })?.state
      .isInvalidated;
  return {
    queryClient,
    feed,
    seats,
    mine,
    stop,
    loadEvent,
    shown,
    invalidated,
    mineChanges: () => mineChanges,
  };
}

describe("the live feed and the snapshots it keeps current", () => {
  it("starts the seat stream from the first snapshot's position, not from 'now'", async () => {
    const t = setup();
    expect(t.seats.starts).toEqual([]);
    await t.loadEvent(1, 146, 40);
    expect(t.seats.starts.map((start) => start.lastEventId)).toEqual(["40"]);
    // The 3 seats booked while the page was reconnecting are replayed after 40.
    t.seats.latest()?.send(41, seatChange(1, 143));
    expect(t.shown(1)).toBe(143);
    t.stop();
    expect(t.seats.latest()?.stopped).toBe(true);
  });

  it("writes a change only into snapshots older than it", async () => {
    const t = setup();
    await t.loadEvent(1, 146, 40);
    await t.loadEvent(2, 90, 45);
    t.seats.latest()?.send(43, seatChange(2, 95)); // event 2's snapshot already shows this
    t.seats.latest()?.send(46, seatChange(2, 89));
    expect(t.shown(2)).toBe(89);
    await t.loadEvent(2, 89, 50);
    t.seats.latest()?.send(44, seatChange(2, 94));
    expect(t.shown(2)).toBe(89);
  });

  it("catches a newer snapshot up with what the stream brought, and refetches an older one", async () => {
    const t = setup();
    await t.loadEvent(1, 146, 40);
    t.seats.latest()?.send(42, seatChange(3, 10));
    t.seats.latest()?.send(44, seatChange(3, 8));
    // Read at 43: it may not show change 44 yet.
    await t.loadEvent(3, 9, 43);
    expect(t.shown(3)).toBe(8);
    // Read at 30, before the stream started at 40: what changed in between never streamed.
    await t.loadEvent(4, 20, 30);
    expect(t.invalidated(4)).toBe(true);
    expect(t.invalidated(3)).toBe(false);
  });

  it("on a resync answer stops, refetches every snapshot, and starts again from the next", async () => {
    const t = setup();
    await t.loadEvent(1, 146, 40);
    const first = t.seats.latest();
    first?.fail({ data: { resync: "TOO_OLD" } as ApiError["data"] });
    expect(first?.stopped).toBe(true);
    expect(t.invalidated(1)).toBe(true);
    expect(t.seats.starts).toHaveLength(1);
    await t.loadEvent(1, 120, 900);
    expect(t.seats.starts.map((start) => start.lastEventId)).toEqual(["40", "900"]);
  });

  it("follows the user's bookings from where the seat stream stands", async () => {
    const t = setup();
    await t.loadEvent(1, 146, 40);
    t.seats.latest()?.send(47, seatChange(1, 145));
    t.feed.followMine(true);
    expect(t.mine.starts.map((start) => start.lastEventId)).toEqual(["47"]);
    t.mine.latest()?.send(48, {});
    expect(t.mineChanges()).toBe(1);

    // A "My bookings" page read before onMine started is read again.
    await t.queryClient.fetchQuery({
      queryKey: api.bookings.mine.queryKey({ limit: 20 }),
      queryFn: () => Promise.resolve({ items: [], nextCursor: null, feedPosition: "45" }),
    });
    const page = t.queryClient
      .getQueryCache()
      .find({ queryKey: api.bookings.mine.queryKey({ limit: 20 }) });
    expect(page?.state.isInvalidated).toBe(true);

    t.feed.followMine(false);
    expect(t.mine.latest()?.stopped).toBe(true);
  });
});
