import { getUntypedClient, type TRPCClient, type TRPCClientError } from "@trpc/client";
import type {
  AnyTRPCMutationProcedure,
  AnyTRPCProcedure,
  AnyTRPCQueryProcedure,
  AnyTRPCRouter,
  inferProcedureInput,
  inferTRPCClientTypes,
  inferTransformedProcedureOutput,
  TRPCRouterRecord,
} from "@trpc/server";
import type { DataTag, InfiniteData } from "@tanstack/solid-query";

/**
 * Query keys are `[path, { input, type }]`, e.g. `[["events", "byId"], { input: { id: 1 },
 * type: "query" }]`. TanStack Query matches keys by prefix, so `[["events", "list"]]` (a
 * path key) finds every cached page of that procedure, whatever its input.
 */
export type ProcedureKey = [path: string[], meta?: { input?: unknown; type: "query" | "infinite" }];
export type PathKey = [path: string[]];

type KeyType = "query" | "infinite";

/** Arguments where an optional input (a zod `.default()` or none at all) may be left out. */
type InputArgs<TInput> = undefined extends TInput ? [input?: TInput] : [input: TInput];

/** The object a procedure takes, without the `void`/`undefined` of an optional input. */
type InputObject<TInput> = Exclude<TInput, void | undefined>;

/** What a paginated procedure takes besides its cursor. */
type WithoutCursor<TInput> = Omit<InputObject<TInput>, "cursor">;

interface PaginatedOutput {
  nextCursor: string | null;
}

export interface QueryProcedureOptions<TInput, TOutput, TError> {
  /** This procedure's key for one input, typed so `getQueryData`/`setQueryData` know the data. */
  queryKey(...args: InputArgs<TInput>): DataTag<ProcedureKey, TOutput, TError>;
  /** Spread into `useQuery(() => …)`: the key and a fetcher that calls the procedure. */
  queryOptions(...args: InputArgs<TInput>): {
    queryKey: DataTag<ProcedureKey, TOutput, TError>;
    queryFn: (context: { signal: AbortSignal }) => Promise<TOutput>;
  };
  /** The prefix of every key of this procedure, for invalidation and cache-wide updates. */
  pathKey(): PathKey;
}

/** Cursor-paginated procedures (a `cursor` input, a `nextCursor` output) also page. */
export interface PaginatedProcedureOptions<TInput, TOutput, TError> {
  /** Spread into `useInfiniteQuery(() => …)`: pages chained through `nextCursor`. */
  infiniteQueryOptions(input: WithoutCursor<TInput>): {
    queryKey: DataTag<ProcedureKey, InfiniteData<TOutput, string | null>, TError>;
    queryFn: (context: { signal: AbortSignal; pageParam: string | null }) => Promise<TOutput>;
    initialPageParam: string | null;
    getNextPageParam: (lastPage: TOutput) => string | null;
  };
}

type QueryHelpers<TInput, TOutput, TError> = QueryProcedureOptions<TInput, TOutput, TError> &
  ("cursor" extends keyof InputObject<TInput>
    ? [TOutput] extends [PaginatedOutput]
      ? PaginatedProcedureOptions<TInput, TOutput, TError>
      : unknown
    : unknown);

export interface MutationProcedureOptions<TInput, TOutput> {
  mutationKey(): PathKey;
  /** Spread into `useMutation(() => …)` beside `onMutate`, `onError`, … */
  mutationOptions(): {
    mutationKey: PathKey;
    mutationFn: (input: TInput) => Promise<TOutput>;
  };
  pathKey(): PathKey;
}

type ClientTypes<TRouter extends AnyTRPCRouter> = inferTRPCClientTypes<TRouter>;

type DecorateProcedure<
  TRouter extends AnyTRPCRouter,
  TProcedure extends AnyTRPCProcedure,
> = TProcedure extends AnyTRPCQueryProcedure
  ? QueryHelpers<
      inferProcedureInput<TProcedure>,
      inferTransformedProcedureOutput<ClientTypes<TRouter>, TProcedure>,
      TRPCClientError<TRouter>
    >
  : TProcedure extends AnyTRPCMutationProcedure
    ? MutationProcedureOptions<
        inferProcedureInput<TProcedure>,
        inferTransformedProcedureOutput<ClientTypes<TRouter>, TProcedure>
      >
    : never; // subscriptions go through the client itself (see live/)

export type QueryOptionsProxy<TRouter extends AnyTRPCRouter, TRecord extends TRPCRouterRecord> = {
  [
    K in keyof TRecord as TRecord[K] extends
      TRPCRouterRecord | AnyTRPCQueryProcedure | AnyTRPCMutationProcedure
      ? K
      : never
  ]: TRecord[K] extends AnyTRPCProcedure
    ? DecorateProcedure<TRouter, TRecord[K]>
    : TRecord[K] extends TRPCRouterRecord
      ? QueryOptionsProxy<TRouter, TRecord[K]> & { pathKey(): PathKey }
      : never;
};

export function procedureKey(path: string[], input: unknown, type: KeyType): ProcedureKey {
  return [path, input === undefined ? { type } : { input, type }];
}

/**
 * A typed TanStack Query layer over a vanilla tRPC client, in the spirit of
 * `@trpc/tanstack-react-query` (there is no Solid adapter): `api.events.byId.queryOptions({
 * id })` gives `{ queryKey, queryFn }` with the key derived from the path and input, and
 * every type inferred from the router. A Proxy turns each property access into a path
 * segment; the helper names end it.
 */
export function createQueryOptionsProxy<TRouter extends AnyTRPCRouter>(
  client: TRPCClient<TRouter>,
): QueryOptionsProxy<TRouter, TRouter["_def"]["record"]> {
  const untyped = getUntypedClient(client);

  const helpers = (path: string[]) => {
    const dotted = path.join(".");
    return {
      pathKey: (): PathKey => [path],
      queryKey: (input?: unknown) => procedureKey(path, input, "query"),
      queryOptions: (input?: unknown) => ({
        queryKey: procedureKey(path, input, "query"),
        queryFn: ({ signal }: { signal: AbortSignal }) => untyped.query(dotted, input, { signal }),
      }),
      infiniteQueryOptions: (input: Record<string, unknown>) => ({
        queryKey: procedureKey(path, input, "infinite"),
        queryFn: ({ signal, pageParam }: { signal: AbortSignal; pageParam: string | null }) =>
          untyped.query(dotted, { ...input, cursor: pageParam }, { signal }),
        initialPageParam: null,
        getNextPageParam: (lastPage: PaginatedOutput) => lastPage.nextCursor,
      }),
      mutationKey: (): PathKey => [path],
      mutationOptions: () => ({
        mutationKey: [path] as PathKey,
        mutationFn: (input: unknown) => untyped.mutation(dotted, input),
      }),
    };
  };

  const build = (path: string[]): unknown =>
    new Proxy(
      {},
      {
        get(_target, property) {
          if (typeof property !== "string" || property === "then") return undefined;
          const ofPath = helpers(path) as Record<string, unknown>;
          if (path.length > 0 && property in ofPath) return ofPath[property];
          return build([...path, property]);
        },
      },
    );

  return build([]) as QueryOptionsProxy<TRouter, TRouter["_def"]["record"]>;
}
