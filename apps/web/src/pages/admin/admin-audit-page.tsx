import { For, Show } from "solid-js";
import { A, useSearchParams } from "@solidjs/router";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/solid-query";
import type { RouterInputs } from "@boxoffice/api";
import { api } from "../../lib/api.ts";
import { formatDateTime } from "../../lib/format.ts";
import { usePageTitle } from "../../lib/page-title.ts";
import { useTextParam } from "../../lib/text-param.ts";
import { EmptyState, QueryView } from "../../components/query-states.tsx";
import { ShowMore } from "../../components/show-more.tsx";
import { TableRegion } from "../../components/table-region.tsx";
import { pageItems } from "../../lib/pages.ts";

type AuditLogInput = Exclude<RouterInputs["admin"]["auditLog"], void | undefined>;
type Action = NonNullable<AuditLogInput["action"]>;
const actions: Record<Action, string> = {
  booked: "Booked",
  cancelled: "Cancelled",
  capacity_changed: "Capacity changed",
  event_updated: "Event changed",
  event_cancelled: "Event cancelled",
  event_deleted: "Event deleted",
  checked_in: "Checked in",
  check_in_undone: "Check-in undone",
  waitlist_joined: "Joined waiting list",
  waitlist_left: "Left waiting list",
  offer_made: "Offer made",
  offer_claimed: "Offer claimed",
  offer_declined: "Offer declined",
  offer_expired: "Offer expired",
  role_changed: "Role changed",
};
const isAction = (value: string | undefined): value is Action =>
  value !== undefined && value in actions;

/** Every seat change, newest first: the booking log the live feed is built on. */
export default function AdminAuditPage() {
  usePageTitle(() => "Audit log");
  const [params, setParams] = useSearchParams<{ action?: string; event?: string }>();
  const action = () => {
    const value = params.action;
    return isAction(value) ? value : undefined;
  };
  const eventId = () => {
    const id = Number(params.event);
    return Number.isSafeInteger(id) && id > 0 ? id : undefined;
  };
  // Applies while typing, once the typing pauses.
  const [eventText, setEventText] = useTextParam("event");
  const log = useInfiniteQuery(() => ({
    ...api.admin.auditLog.infiniteQueryOptions({ action: action(), eventId: eventId(), limit: 50 }),
    placeholderData: keepPreviousData,
  }));
  const items = () => pageItems(log.data);

  return (
    <div class="stack">
      <form class="toolbar" onSubmit={(event) => event.preventDefault()}>
        <div class="field">
          <label for="audit-action">Action</label>
          <select
            id="audit-action"
            value={action() ?? ""}
            onChange={(event) => setParams({ action: event.currentTarget.value || undefined })}
          >
            <option value="">All actions</option>
            <For each={Object.entries(actions)}>
              {([value, label]) => <option value={value}>{label}</option>}
            </For>
          </select>
        </div>
        <div class="field">
          <label for="audit-event">Event id</label>
          <input
            id="audit-event"
            type="number"
            min="1"
            inputmode="numeric"
            value={eventText()}
            onInput={(event) => setEventText(event.currentTarget.value)}
          />
        </div>
      </form>
      <QueryView query={log} errorTitle="The audit log could not be loaded.">
        {() => (
          <Show when={items().length > 0} fallback={<EmptyState title="Nothing logged yet." />}>
            <TableRegion label="Audit log">
              <table>
                <thead>
                  <tr>
                    <th scope="col" class="numeric">
                      #
                    </th>
                    <th scope="col">When</th>
                    <th scope="col">Action</th>
                    <th scope="col">Event</th>
                    <th scope="col" class="numeric">
                      Booking
                    </th>
                    <th scope="col">Person</th>
                    <th scope="col">By</th>
                    <th scope="col" class="numeric">
                      Seats
                    </th>
                    <th scope="col" class="numeric">
                      Left after
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <For each={items()}>
                    {(entry) => (
                      <tr>
                        <td class="numeric">{entry.id}</td>
                        <td>{formatDateTime(entry.createdAt)}</td>
                        <td>
                          <span class={`badge badge-log-${entry.action}`}>
                            {actions[entry.action]}
                          </span>
                        </td>
                        <td>
                          <Show when={entry.eventId} fallback="—">
                            {(eventId) => (
                              <A href={`/events/${eventId()}`}>
                                {entry.eventTitle ?? `Event #${eventId()}`}
                              </A>
                            )}
                          </Show>
                        </td>
                        <td class="numeric">{entry.bookingId ?? "—"}</td>
                        <td>{entry.userName ?? "—"}</td>
                        <td>
                          {entry.actorId === null || entry.actorId === entry.userId
                            ? "—"
                            : (entry.actorName ?? "—")}
                        </td>
                        <td class="numeric">{entry.seats}</td>
                        <td class="numeric">
                          {entry.availableAfter} / {entry.capacityAfter}
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </TableRegion>
            <ShowMore query={log} />
          </Show>
        )}
      </QueryView>
    </div>
  );
}
