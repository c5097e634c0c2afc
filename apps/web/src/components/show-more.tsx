import { Show } from "solid-js";

/** The part of an infinite query a "Show more" button needs. */
export interface NextPage {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/** Loads the next page of a list; hidden when there is none. */
export function ShowMore(props: { query: NextPage; label?: string }) {
  return (
    <Show when={props.query.hasNextPage}>
      <div class="more">
        <button
          type="button"
          class="button"
          disabled={props.query.isFetchingNextPage}
          onClick={() => void props.query.fetchNextPage()}
        >
          {props.query.isFetchingNextPage ? "Loading…" : (props.label ?? "Show more")}
        </button>
      </div>
    </Show>
  );
}
