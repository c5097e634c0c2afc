import { For, Show } from "solid-js";
import { A, useParams } from "@solidjs/router";
import { useInfiniteQuery, useQuery } from "@tanstack/solid-query";
import { api } from "../../lib/api.ts";
import { formatDateTime, plural } from "../../lib/format.ts";
import { usePageTitle } from "../../lib/page-title.ts";
import { EmptyState, QueryView } from "../../components/query-states.tsx";
import { ShowMore } from "../../components/show-more.tsx";
import { TableRegion } from "../../components/table-region.tsx";
import { pageItems } from "../../lib/pages.ts";

/** Who booked an event, with the CSV the server builds (same cookie, so a plain link). */
export default function AdminEventBookingsPage() {
  const params = useParams<{ id: string }>();
  const eventId = () => Number(params.id);
  const event = useQuery(() => api.events.byId.queryOptions({ id: eventId() }));
  const bookings = useInfiniteQuery(() =>
    api.bookings.forEvent.infiniteQueryOptions({ eventId: eventId(), limit: 50 }),
  );
  const items = () => pageItems(bookings.data);
  usePageTitle(() => (event.isSuccess ? `Bookings: ${event.data.title}` : "Bookings"));

  return (
    <div class="stack">
      <p class="breadcrumb">
        <A href="/admin/events">← Events</A>
      </p>
      <div class="toolbar">
        <h2>
          Bookings
          <Show when={event.isSuccess && event.data}>
            {(data) => (
              <>
                {" "}
                for <A href={`/events/${data().id}`}>{data().title}</A>
              </>
            )}
          </Show>
        </h2>
        <a class="button" href={`/api/events/${eventId()}/bookings.csv`} download="">
          Download CSV
        </a>
      </div>
      <Show when={event.isSuccess && event.data}>
        {(data) => (
          <p class="muted">
            {plural(data().capacity - data().availableSeats - data().heldSeats, "seat")} booked of{" "}
            {data().capacity.toLocaleString()}
            <Show when={data().heldSeats > 0}>
              {" "}
              ({plural(data().heldSeats, "seat")} being offered to the waiting list)
            </Show>
            .
          </p>
        )}
      </Show>
      <QueryView query={bookings} errorTitle="Bookings could not be loaded.">
        {() => (
          <Show when={items().length > 0} fallback={<EmptyState title="No bookings yet." />}>
            <TableRegion label="Bookings">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Email</th>
                    <th scope="col" class="numeric">
                      Seats
                    </th>
                    <th scope="col">Status</th>
                    <th scope="col">Booked</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={items()}>
                    {(booking) => (
                      <tr>
                        <th scope="row">{booking.user.name}</th>
                        <td>{booking.user.email}</td>
                        <td class="numeric">{booking.seats}</td>
                        <td>
                          <span class={`badge badge-${booking.status}`}>{booking.status}</span>
                        </td>
                        <td>{formatDateTime(booking.createdAt)}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </TableRegion>
            <ShowMore query={bookings} />
          </Show>
        )}
      </QueryView>
    </div>
  );
}
