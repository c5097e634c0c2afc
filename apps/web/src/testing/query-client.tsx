import type { JSX } from "solid-js";
import { QueryClient, QueryClientProvider } from "@tanstack/solid-query";
import type { RouterOutputs } from "@boxoffice/api";
import { api } from "../lib/api.ts";

/**
 * A QueryClient that never fetches on its own: tests put the data a page reads into it
 * (`auth.me` is nobody unless given), so a page renders from the cache alone.
 */
export function seededQueryClient(me: RouterOutputs["auth"]["me"] = null): QueryClient {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { staleTime: Infinity, retry: false }, mutations: { retry: false } },
  });
  queryClient.setQueryData(api.auth.me.queryKey(), me);
  return queryClient;
}

export function withQueryClient(queryClient: QueryClient, ui: () => JSX.Element) {
  return () => <QueryClientProvider client={queryClient}>{ui()}</QueryClientProvider>;
}
