import { createSignal, For, Show } from "solid-js";
import { A } from "@solidjs/router";
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQueryClient,
} from "@tanstack/solid-query";
import type { RouterOutputs } from "@boxoffice/api";
import { api } from "../../lib/api.ts";
import { useDebounced } from "../../lib/debounce.ts";
import { errorMessage, refusalReason } from "../../lib/errors.ts";
import { formatDateTime } from "../../lib/format.ts";
import { usePageTitle } from "../../lib/page-title.ts";
import { ConfirmButton } from "../../components/confirm-button.tsx";
import { EmptyState, QueryView } from "../../components/query-states.tsx";
import { ShowMore } from "../../components/show-more.tsx";
import { TableRegion } from "../../components/table-region.tsx";
import { pageItems } from "../../lib/pages.ts";

type AdminEvent = RouterOutputs["events"]["list"]["items"][number];

export default function AdminEventsPage() {
  usePageTitle(() => "Manage events");
  const queryClient = useQueryClient();
  const [search, setSearch] = createSignal("");
  const query = useDebounced(search);
  const events = useInfiniteQuery(() => ({
    ...api.events.list.infiniteQueryOptions({
      search: query().trim() || undefined,
      when: "all",
      sort: "newest",
      limit: 25,
    }),
    placeholderData: keepPreviousData,
  }));
  const remove = useMutation(() => ({
    ...api.events.delete.mutationOptions(),
    onSuccess: (result) => {
      queryClient.removeQueries({ queryKey: api.events.byId.queryKey({ id: result.id }) });
      void queryClient.invalidateQueries({ queryKey: api.events.list.pathKey() });
      void queryClient.invalidateQueries({ queryKey: api.admin.pathKey() });
    },
  }));
  const items = () => pageItems(events.data);

  return (
    <div class="stack">
      <div class="toolbar">
        <div class="field field-grow">
          <label for="admin-event-search">Search events</label>
          <input
            id="admin-event-search"
            type="search"
            value={search()}
            onInput={(event) => setSearch(event.currentTarget.value)}
          />
        </div>
        <A href="/admin/events/new" class="button button-primary">
          New event
        </A>
      </div>
      <Show when={remove.isError && remove.variables}>
        {(variables) => (
          <div class="notice notice-error" role="alert">
            <p>{errorMessage(remove.error)}</p>
            <Show when={refusalReason(remove.error) === "HAS_BOOKINGS"}>
              <A
                href={`/admin/events/${variables().id}/edit#cancel`}
                class="button button-small button-danger"
              >
                Cancel the event instead
              </A>
            </Show>
          </div>
        )}
      </Show>
      <Show when={remove.isSuccess}>
        <p class="notice notice-success" role="status">
          Event deleted.
        </p>
      </Show>
      <QueryView query={events} errorTitle="Events could not be loaded.">
        {() => (
          <Show when={items().length > 0} fallback={<EmptyState title="No events found." />}>
            <TableRegion label="Events">
              <table>
                <caption class="visually-hidden">Events, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Event</th>
                    <th scope="col">Starts</th>
                    <th scope="col" class="numeric">
                      Seats left
                    </th>
                    <th scope="col">
                      <span class="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <For each={items()}>
                    {(event) => (
                      <EventRow
                        event={event}
                        deleting={remove.isPending && remove.variables?.id === event.id}
                        onDelete={() => remove.mutate({ id: event.id })}
                      />
                    )}
                  </For>
                </tbody>
              </table>
            </TableRegion>
            <ShowMore query={events} />
          </Show>
        )}
      </QueryView>
    </div>
  );
}

function EventRow(props: { event: AdminEvent; deleting: boolean; onDelete: () => void }) {
  return (
    <tr>
      <th scope="row">
        <A href={`/events/${props.event.id}`}>{props.event.title}</A>
        <Show when={props.event.status === "cancelled"}>
          {" "}
          <span class="badge badge-cancelled">Cancelled</span>
        </Show>
      </th>
      <td>{formatDateTime(props.event.startsAt, props.event.timezone)}</td>
      <td class="numeric">
        {props.event.availableSeats.toLocaleString()} / {props.event.capacity.toLocaleString()}
      </td>
      <td>
        <div class="row-actions">
          <A href={`/admin/events/${props.event.id}/edit`} class="button button-small">
            Edit<span class="visually-hidden"> {props.event.title}</span>
          </A>
          <A href={`/events/${props.event.id}/check-in`} class="button button-small">
            Check-in<span class="visually-hidden"> {props.event.title}</span>
          </A>
          <A href={`/admin/events/${props.event.id}/bookings`} class="button button-small">
            Bookings<span class="visually-hidden"> of {props.event.title}</span>
          </A>
          <A href={`/admin/events/${props.event.id}/waitlist`} class="button button-small">
            Waiting list<span class="visually-hidden"> of {props.event.title}</span>
          </A>
          <ConfirmButton
            label="Delete"
            question={
              props.event.status === "cancelled"
                ? `Delete “${props.event.title}” and its cancelled bookings for good?`
                : `Delete “${props.event.title}”?`
            }
            confirmLabel="Yes, delete"
            pending={props.deleting}
            onConfirm={props.onDelete}
          />
        </div>
      </td>
    </tr>
  );
}
