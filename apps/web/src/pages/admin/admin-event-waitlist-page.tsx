import { For, Show } from "solid-js";
import { A, useParams } from "@solidjs/router";
import { useInfiniteQuery, useQuery } from "@tanstack/solid-query";
import { api } from "../../lib/api.ts";
import { formatDateTime, plural } from "../../lib/format.ts";
import { usePageTitle } from "../../lib/page-title.ts";
import { pageItems } from "../../lib/pages.ts";
import { EmptyState, QueryView } from "../../components/query-states.tsx";
import { ShowMore } from "../../components/show-more.tsx";
import { TableRegion } from "../../components/table-region.tsx";
import { WaitlistSettings } from "./waitlist-settings.tsx";

/** An event's waiting list for its organiser: who, in what order, and what they were offered. */
export default function AdminEventWaitlistPage() {
  const params = useParams<{ id: string }>();
  const eventId = () => Number(params.id);
  const event = useQuery(() => api.events.byId.queryOptions({ id: eventId() }));
  const list = useInfiniteQuery(() =>
    api.waitlist.forEvent.infiniteQueryOptions({ eventId: eventId(), limit: 50 }),
  );
  const items = () => pageItems(list.data);
  const summary = () => list.data?.pages[0]?.summary;
  usePageTitle(() => (event.isSuccess ? `Waiting list: ${event.data.title}` : "Waiting list"));

  return (
    <div class="stack">
      <p class="breadcrumb">
        <A href="/admin/events">← Events</A>
      </p>
      <h2>
        Waiting list
        <Show when={event.isSuccess && event.data}>
          {(data) => (
            <>
              {" "}
              for <A href={`/events/${data().id}`}>{data().title}</A>
            </>
          )}
        </Show>
      </h2>
      <Show when={event.isSuccess && event.data}>
        {(data) => <WaitlistSettings event={data()} />}
      </Show>
      <Show when={summary()}>
        {(counts) => (
          <p class="muted" data-testid="waitlist-summary">
            {plural(counts().waiting, "person", "people")} waiting for{" "}
            {plural(counts().seatsWanted, "seat")}; {plural(counts().offers, "open offer")}.
          </p>
        )}
      </Show>
      <QueryView query={list} errorTitle="The waiting list could not be loaded.">
        {() => (
          <Show when={items().length > 0} fallback={<EmptyState title="Nobody is waiting." />}>
            <TableRegion label="Waiting list">
              <table>
                <thead>
                  <tr>
                    <th scope="col" class="numeric">
                      Place
                    </th>
                    <th scope="col">Name</th>
                    <th scope="col">Email</th>
                    <th scope="col" class="numeric">
                      Seats
                    </th>
                    <th scope="col">Since</th>
                    <th scope="col">Offer</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={items()}>
                    {(entry) => (
                      <tr>
                        <td class="numeric">{entry.position ?? "–"}</td>
                        <th scope="row">{entry.user.name}</th>
                        <td>{entry.user.email}</td>
                        <td class="numeric">{entry.seats}</td>
                        <td>{formatDateTime(entry.createdAt)}</td>
                        <td>
                          <Show when={entry.offerExpiresAt} fallback="Waiting">
                            {(until) => <>Offered, held until {formatDateTime(until())}</>}
                          </Show>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </TableRegion>
            <ShowMore query={list} />
          </Show>
        )}
      </QueryView>
    </div>
  );
}
