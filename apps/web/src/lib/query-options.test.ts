import { createTRPCClient, type TRPCClientError, type TRPCLink } from "@trpc/client";
import { observable } from "@trpc/server/observable";
import { QueryClient, type InfiniteData } from "@tanstack/solid-query";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { AppRouter, RouterOutputs } from "@boxoffice/api";
import { createQueryOptionsProxy } from "./query-options.ts";

/** A client whose link answers every call with `{ path, input }`, recording the calls. */
function echoClient() {
  const calls: { type: string; path: string; input: unknown }[] = [];
  const echo: TRPCLink<AppRouter> =
    () =>
    ({ op }) =>
      observable((observer) => {
        calls.push({ type: op.type, path: op.path, input: op.input });
        observer.next({ result: { type: "data", data: { path: op.path, input: op.input } } });
        observer.complete();
      });
  const api = createQueryOptionsProxy(createTRPCClient<AppRouter>({ links: [echo] }));
  return { api, calls };
}

describe("the typed query options proxy", () => {
  it("derives keys from the procedure path and input", () => {
    const { api } = echoClient();
    expect(api.events.byId.queryKey({ id: 3 })).toEqual([
      ["events", "byId"],
      { input: { id: 3 }, type: "query" },
    ]);
    expect(api.auth.me.queryKey()).toEqual([["auth", "me"], { type: "query" }]);
    expect(api.events.list.pathKey()).toEqual([["events", "list"]]);
    expect(api.admin.users.pathKey()).toEqual([["admin", "users"]]);
    expect(api.events.list.infiniteQueryOptions({ when: "past" }).queryKey).toEqual([
      ["events", "list"],
      { input: { when: "past" }, type: "infinite" },
    ]);
  });

  it("fetches through the tRPC client: queries, cursor pages and mutations", async () => {
    const { api, calls } = echoClient();
    const queryClient = new QueryClient();
    await queryClient.fetchQuery(api.events.byId.queryOptions({ id: 3 }));
    const pages = api.events.list.infiniteQueryOptions({ search: "jazz" });
    await pages.queryFn({ signal: new AbortController().signal, pageParam: "next-page" });
    await api.bookings.cancel.mutationOptions().mutationFn({ id: 9 });
    expect(calls).toEqual([
      { type: "query", path: "events.byId", input: { id: 3 } },
      { type: "query", path: "events.list", input: { search: "jazz", cursor: "next-page" } },
      { type: "mutation", path: "bookings.cancel", input: { id: 9 } },
    ]);
    expect(pages.getNextPageParam({ items: [], nextCursor: "c2", feedPosition: "0" })).toBe("c2");
    expect(pages.getNextPageParam({ items: [], nextCursor: null, feedPosition: "0" })).toBeNull();
  });

  it("types everything from the router", () => {
    const { api } = echoClient();
    type Event = RouterOutputs["events"]["byId"];
    const queryClient = new QueryClient();
    expectTypeOf(queryClient.getQueryData(api.events.byId.queryKey({ id: 1 }))).toEqualTypeOf<
      Event | undefined
    >();
    expectTypeOf(
      queryClient.getQueryData(api.events.list.infiniteQueryOptions({}).queryKey),
    ).toEqualTypeOf<InfiniteData<RouterOutputs["events"]["list"], string | null> | undefined>();
    expectTypeOf(api.bookings.create.mutationOptions().mutationFn)
      .parameter(0)
      .toEqualTypeOf<{ eventId: number; seats: number; idempotencyKey: string }>();
    expectTypeOf(api.auth.me.queryOptions().queryFn).returns.resolves.toEqualTypeOf<
      RouterOutputs["auth"]["me"]
    >();
    expectTypeOf(
      queryClient.getQueryCache().find({ queryKey: api.events.byId.queryKey({ id: 1 }) }),
    ).not.toBeAny();
    // @ts-expect-error: an id is required
    api.events.byId.queryOptions();
    // @ts-expect-error: subscriptions are not queries; they go through the client itself
    void api.events.onSeats;
    // @ts-expect-error: only cursor-paginated procedures have pages
    void api.events.byId.infiniteQueryOptions;
    expectTypeOf<TRPCClientError<AppRouter>>().toHaveProperty("data");
  });
});
