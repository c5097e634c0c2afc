import { Match, Show, Switch, type Accessor, type JSX } from "solid-js";
import { errorMessage } from "../lib/errors.ts";

export function Loading(props: { label?: string }) {
  return (
    <p class="loading" role="status">
      <span class="spinner" aria-hidden="true" />
      {props.label ?? "Loading…"}
    </p>
  );
}

export function ErrorState(props: { error: unknown; title?: string; onRetry?: () => void }) {
  return (
    <div class="notice notice-error" role="alert">
      <p>
        <strong>{props.title ?? "This could not be loaded."}</strong> {errorMessage(props.error)}
      </p>
      <Show when={props.onRetry}>
        {(retry) => (
          <button type="button" class="button button-small" onClick={() => retry()()}>
            Try again
          </button>
        )}
      </Show>
    </div>
  );
}

export function EmptyState(props: { title: string; children?: JSX.Element }) {
  return (
    <div class="empty">
      <p class="empty-title">{props.title}</p>
      {props.children}
    </div>
  );
}

/** The parts of a TanStack query result a view needs to show its states. */
interface QueryLike<T> {
  isPending: boolean;
  isLoadingError: boolean;
  isRefetchError: boolean;
  error: unknown;
  data: T | undefined;
  refetch: () => unknown;
}

/**
 * Loading, error, then the data. `data` is read only once the query has some, so a
 * pending query shows `loading` here instead of suspending the whole route.
 */
export function QueryView<T>(props: {
  query: QueryLike<T>;
  loading?: JSX.Element;
  errorTitle?: string;
  children: (data: Accessor<T>) => JSX.Element;
}) {
  return (
    <Switch>
      <Match when={props.query.isPending}>{props.loading ?? <Loading />}</Match>
      <Match when={props.query.isLoadingError}>
        <ErrorState
          error={props.query.error}
          title={props.errorTitle}
          onRetry={() => void props.query.refetch()}
        />
      </Match>
      <Match when={true}>
        <Show when={props.query.isRefetchError}>
          <ErrorState
            error={props.query.error}
            title="Could not refresh."
            onRetry={() => void props.query.refetch()}
          />
        </Show>
        {props.children(() => props.query.data as T)}
      </Match>
    </Switch>
  );
}
