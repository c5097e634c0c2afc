import type { Query, QueryClient, QueryKey } from "@tanstack/solid-query";
import type { ApiError } from "../lib/trpc.ts";
import { writeSeatChange, type SeatChange } from "./seat-cache.ts";

/** What a subscription hands over: the change's id and its data. */
export interface Tracked<T> {
  id: string;
  data: T;
}

/** Starts one subscription from `lastEventId`; the WS client resumes it across reconnects. */
export type Subscribe<T> = (
  lastEventId: string,
  handlers: { onData(item: Tracked<T>): void; onError(error: ApiError): void },
) => { unsubscribe(): void };

interface Stream {
  /** The newest change seen, or where the stream started when it has seen none. */
  position(): number;
  stop(): void;
}

const retryDelayMs = (attempt: number) => Math.min(1_000 * 2 ** attempt, 30_000);

/**
 * Follows a subscription from a position. If the server ends it with an error it starts
 * again after a pause from the last change seen; if the server says it cannot resume from
 * there (`error.data.resync`: too far behind, or a position from other data), `resync` runs.
 */
function follow<T>(
  subscribe: Subscribe<T>,
  from: number,
  onData: (id: number, data: T) => void,
  resync: () => void,
  onOtherError: (error: ApiError) => void = () => {},
): Stream {
  let last = from;
  let attempt = 0;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: { unsubscribe(): void } | undefined;
  const run = () => {
    current = subscribe(String(last), {
      onData: ({ id, data }) => {
        last = Number(id);
        attempt = 0;
        onData(last, data);
      },
      onError: (error) => {
        if (stopped) return;
        if (error.data?.resync) return resync();
        onOtherError(error);
        timer = setTimeout(run, retryDelayMs(attempt++));
      },
    });
  };
  run();
  return {
    position: () => last,
    stop() {
      stopped = true;
      clearTimeout(timer);
      current?.unsubscribe();
    },
  };
}

/** The feed positions a cached query's data was read at: one, or one per loaded page. */
function feedPositionsOf(data: unknown): number[] {
  if (typeof data !== "object" || data === null) return [];
  if ("pages" in data && Array.isArray(data.pages)) return data.pages.flatMap(feedPositionsOf);
  return "feedPosition" in data && typeof data.feedPosition === "string"
    ? [Number(data.feedPosition)]
    : [];
}

const isPath = (key: QueryKey, path: string) => Array.isArray(key[0]) && key[0].join(".") === path;

/**
 * Keeps cached snapshots and the live streams in step, so a seat count shown under "Live"
 * is never stale (issue #15):
 * - The seat stream starts from the first snapshot's `feedPosition`, so every change after
 *   it arrives, even if the socket drops before the first one.
 * - A snapshot loaded later that is older than where the stream started is fetched again
 *   (the changes between were never streamed); a newer one gets the latest change the
 *   stream brought for each of its events that it may not show yet.
 * - Each live change is written only into snapshots older than it.
 * - `bookings.onMine` starts where the seat stream stands, and a "My bookings" page loaded
 *   from before that is fetched again.
 * - When the server cannot resume (`resync`), both stop, every snapshot is fetched again,
 *   and the next one starts them afresh.
 */
export function createLiveFeed<MineChange>(
  queryClient: QueryClient,
  subscriptions: {
    seats: Subscribe<SeatChange>;
    /** What a seat change means beyond the cached figures (written by the feed itself). */
    onSeatChange?: (change: SeatChange) => void;
    mine: Subscribe<MineChange>;
    /** What onMine's changes make stale ("My bookings"), and what its other errors mean. */
    onMineChange: (change: MineChange) => void;
    onMineError?: (error: ApiError) => void;
  },
) {
  let seats: (Stream & { from: number }) | null = null;
  let mine: (Stream & { from: number }) | null = null;
  let wantMine = false;
  /** The newest change streamed for each event: what a newer snapshot may not show yet. */
  const latest = new Map<number, { id: number; change: SeatChange }>();

  function resync() {
    seats?.stop();
    mine?.stop();
    seats = mine = null;
    latest.clear();
    void queryClient.invalidateQueries({
      predicate: (query) => feedPositionsOf(query.state.data).length > 0,
    });
  }

  function startMine() {
    if (!wantMine || mine || !seats) return;
    const from = seats.position();
    mine = {
      from,
      ...follow(
        subscriptions.mine,
        from,
        (_id, change) => subscriptions.onMineChange(change),
        resync,
        subscriptions.onMineError,
      ),
    };
  }

  function snapshotLoaded(query: Query) {
    const positions = feedPositionsOf(query.state.data);
    if (positions.length === 0) return;
    const oldest = Math.min(...positions);
    if (!seats) {
      seats = {
        from: oldest,
        ...follow(
          subscriptions.seats,
          oldest,
          (id, change) => {
            latest.set(change.eventId, { id, change });
            writeSeatChange(queryClient, change, id);
            subscriptions.onSeatChange?.(change);
          },
          resync,
        ),
      };
      startMine();
      return;
    }
    const behindMine =
      mine !== null && isPath(query.queryKey, "bookings.mine") && oldest < mine.from;
    if (oldest < seats.from || behindMine) {
      void queryClient.invalidateQueries({ queryKey: query.queryKey, exact: true });
      return;
    }
    for (const { id, change } of latest.values()) {
      if (id > oldest) writeSeatChange(queryClient, change, id);
    }
  }

  return {
    /** Starts following the query cache; returns the stop. */
    attach(): () => void {
      const unsubscribe = queryClient.getQueryCache().subscribe((event) => {
        // Fetched data only: what the app writes itself (setQueryData) is `manual`.
        if (event.type === "updated" && event.action.type === "success" && !event.action.manual) {
          snapshotLoaded(event.query);
        }
      });
      return () => {
        unsubscribe();
        seats?.stop();
        mine?.stop();
        seats = mine = null;
        latest.clear();
      };
    },
    /** Whether someone is signed in, so their booking changes are followed. */
    followMine(on: boolean) {
      wantMine = on;
      if (on) startMine();
      else {
        mine?.stop();
        mine = null;
      }
    },
  };
}
