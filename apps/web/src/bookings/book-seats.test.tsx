import { QueryClient, QueryClientProvider } from "@tanstack/solid-query";
import { render, waitFor } from "@solidjs/testing-library";
import { afterEach, describe, expect, it, vi } from "vitest";
import { api } from "../lib/api.ts";
import { useBookSeats } from "./book-seats.ts";
import { eventFixture } from "../testing/event-fixture.ts";

const jazz = eventFixture({
  id: 3,
  title: "Jazz Night",
  startsAt: Date.UTC(2030, 0, 1),
  endsAt: Date.UTC(2030, 0, 1, 3),
  capacity: 10,
  availableSeats: 5,
});

/** Answers the batched tRPC call after `release()`, with a body built by `reply`. */
function stubServer(reply: () => { status: number; body: unknown }) {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) => {
    await released;
    const { status, body } = reply();
    return new Response(JSON.stringify(body), {
      status,
      headers: { "content-type": "application/json" },
    });
  });
  vi.stubGlobal("fetch", fetchMock);
  return { fetchMock, release };
}

function mountBooking(queryClient: QueryClient) {
  let book: ReturnType<typeof useBookSeats>["book"] = () => {};
  render(() => (
    <QueryClientProvider client={queryClient}>
      {(() => {
        book = useBookSeats().book;
        return null;
      })()}
    </QueryClientProvider>
  ));
  return (seats: number) => book(jazz.id, seats);
}

const seatsOnPage = (queryClient: QueryClient) =>
  queryClient.getQueryData(api.events.byId.queryKey({ id: jazz.id }))?.availableSeats;
const seatsInList = (queryClient: QueryClient) =>
  queryClient.getQueryData(api.events.list.queryKey())?.items[0]?.availableSeats;

function seeded() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } });
  queryClient.setQueryData(api.events.byId.queryKey({ id: jazz.id }), jazz);
  queryClient.setQueryData(api.events.list.queryKey(), {
    items: [jazz],
    nextCursor: null,
    feedPosition: "0",
  });
  return queryClient;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("booking seats optimistically", () => {
  it("drops the seat count everywhere at once, then keeps the server's figure", async () => {
    const queryClient = seeded();
    const server = stubServer(() => ({
      status: 200,
      body: [
        {
          result: {
            data: {
              booking: { id: 1, eventId: jazz.id, seats: 2 },
              replayed: false,
              availableSeats: 3,
            },
          },
        },
      ],
    }));
    mountBooking(queryClient)(2);

    await waitFor(() => expect(seatsOnPage(queryClient)).toBe(3));
    expect(seatsInList(queryClient)).toBe(3);
    server.release();
    await waitFor(() => expect(server.fetchMock).toHaveBeenCalledOnce());
    const [url, init] = server.fetchMock.mock.calls[0] ?? [];
    expect(url).toContain("/trpc/bookings.create");
    const sent = JSON.parse(String(init?.body)) as Record<string, { idempotencyKey: string }>;
    expect(sent["0"]?.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    await waitFor(() => expect(seatsOnPage(queryClient)).toBe(3));
  });

  it("keeps the count at zero when the server says it sold out meanwhile", async () => {
    const queryClient = seeded();
    const server = stubServer(() => ({
      status: 409,
      body: [
        {
          error: {
            message: "Sold out: there are no seats left for this event.",
            code: -32009,
            data: { code: "CONFLICT", httpStatus: 409, reason: "SOLD_OUT", zodError: null },
          },
        },
      ],
    }));
    mountBooking(queryClient)(1);

    await waitFor(() => expect(seatsOnPage(queryClient)).toBe(4));
    server.release();
    await waitFor(() => expect(seatsOnPage(queryClient)).toBe(0));
    expect(seatsInList(queryClient)).toBe(0);
  });

  it("rolls the count back when the server refuses", async () => {
    const queryClient = seeded();
    const server = stubServer(() => ({
      status: 409,
      body: [
        {
          error: {
            message: "Only 1 seat left; choose 1 or fewer.",
            code: -32009,
            data: { code: "CONFLICT", httpStatus: 409, reason: "NOT_ENOUGH_SEATS", zodError: null },
          },
        },
      ],
    }));
    mountBooking(queryClient)(4);

    await waitFor(() => expect(seatsOnPage(queryClient)).toBe(1));
    expect(seatsInList(queryClient)).toBe(1);
    server.release();
    await waitFor(() => expect(seatsOnPage(queryClient)).toBe(5));
    expect(seatsInList(queryClient)).toBe(5);
  });
});
