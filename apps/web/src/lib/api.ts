import { QueryClient } from "@tanstack/solid-query";
import type { AppRouter } from "@boxoffice/api";
import { createQueryOptionsProxy } from "./query-options.ts";
import { trpc, type ApiError } from "./trpc.ts";

declare module "@tanstack/solid-query" {
  interface Register {
    /** Every query and mutation goes through tRPC, so every error is a tRPC client error. */
    defaultError: ApiError;
  }
}

/** `useQuery(() => api.events.byId.queryOptions({ id }))`, typed from the router. */
export const api = createQueryOptionsProxy<AppRouter>(trpc);

/** Errors worth retrying are the server's or the network's, never a refusal. */
function shouldRetry(failureCount: number, error: ApiError): boolean {
  const status = error.data?.httpStatus;
  return failureCount < 2 && (status === undefined || status >= 500);
}

/**
 * The person's bookings changed (booked, cancelled, an offer claimed or made): every page of
 * "My bookings" and what they hold for each event are read again.
 */
export function refreshMyBookings(client: QueryClient): void {
  void client.invalidateQueries({ queryKey: api.bookings.mine.pathKey() });
  void client.invalidateQueries({ queryKey: api.bookings.heldForEvent.pathKey() });
}

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { staleTime: 30_000, retry: shouldRetry, refetchOnWindowFocus: true },
    mutations: { retry: false },
  },
});
