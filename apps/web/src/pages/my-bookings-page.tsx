import { For, Show } from "solid-js";
import { A, useSearchParams } from "@solidjs/router";
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/solid-query";
import type { RouterOutputs } from "@boxoffice/api";
import { api, refreshMyBookings } from "../lib/api.ts";
import { useNow } from "../lib/clock.ts";
import { formatDateRange, formatDateTime, plural } from "../lib/format.ts";
import { usePageTitle } from "../lib/page-title.ts";
import { ConfirmButton } from "../components/confirm-button.tsx";
import { EmptyState, ErrorState, QueryView } from "../components/query-states.tsx";
import { ShowMore } from "../components/show-more.tsx";
import { pageItems } from "../lib/pages.ts";
import { MyWaitlist } from "./my-waitlist.tsx";

type MyBooking = RouterOutputs["bookings"]["mine"]["items"][number];
type StatusFilter = "confirmed" | "cancelled" | undefined;

export default function MyBookingsPage() {
  usePageTitle(() => "My bookings");
  const [params, setParams] = useSearchParams<{ status?: string }>();
  const status = (): StatusFilter =>
    params.status === "confirmed" || params.status === "cancelled" ? params.status : undefined;
  const now = useNow();
  const queryClient = useQueryClient();

  const bookings = useInfiniteQuery(() => ({
    ...api.bookings.mine.infiniteQueryOptions({ status: status(), limit: 20 }),
    placeholderData: keepPreviousData,
  }));
  const cancel = useMutation(() => ({
    ...api.bookings.cancel.mutationOptions(),
    onSuccess: (booking) => {
      refreshMyBookings(queryClient);
      void queryClient.invalidateQueries({
        queryKey: api.events.byId.queryKey({ id: booking.eventId }),
      });
    },
  }));
  const items = () => pageItems(bookings.data);

  return (
    <section aria-labelledby="bookings-heading">
      <div class="page-header page-header-row">
        <h1 id="bookings-heading">My bookings</h1>
        <div class="page-header-actions">
          <A href="/account/password" class="button button-small">
            Change password
          </A>
          <div class="field field-inline">
            <label for="booking-status">Show</label>
            <select
              id="booking-status"
              value={status() ?? ""}
              onChange={(event) => setParams({ status: event.currentTarget.value || undefined })}
            >
              <option value="">All bookings</option>
              <option value="confirmed">Confirmed</option>
              <option value="cancelled">Cancelled</option>
            </select>
          </div>
        </div>
      </div>
      <MyWaitlist />
      <DoorDuty />
      <Show when={cancel.isError}>
        <ErrorState error={cancel.error} title="The booking was not cancelled." />
      </Show>
      <QueryView query={bookings} errorTitle="Your bookings could not be loaded.">
        {() => (
          <Show
            when={items().length > 0}
            fallback={
              <EmptyState title="No bookings yet.">
                <A href="/" class="button button-primary">
                  Find an event
                </A>
              </EmptyState>
            }
          >
            <ul class="booking-list" aria-label="Bookings">
              <For each={items()}>
                {(booking) => (
                  <BookingRow
                    booking={booking}
                    now={now()}
                    cancelling={cancel.isPending && cancel.variables?.id === booking.id}
                    onCancel={() => cancel.mutate({ id: booking.id })}
                  />
                )}
              </For>
            </ul>
            <ShowMore query={bookings} />
          </Show>
        )}
      </QueryView>
    </section>
  );
}

const statusLabels: Record<MyBooking["status"], string> = {
  confirmed: "Confirmed",
  cancelled: "Cancelled",
  cancelled_by_organiser: "Cancelled by the organiser",
};

function BookingRow(props: {
  booking: MyBooking;
  now: number;
  cancelling: boolean;
  onCancel: () => void;
}) {
  const cancellable = () =>
    props.booking.status === "confirmed" && props.booking.event.startsAt > props.now;
  return (
    <li class="booking-row" data-testid="booking" data-status={props.booking.status}>
      <div class="booking-row-main">
        <h2 class="booking-row-title">
          <A href={`/events/${props.booking.event.id}`}>{props.booking.event.title}</A>
        </h2>
        <p class="muted">
          {formatDateRange(
            props.booking.event.startsAt,
            props.booking.event.endsAt,
            props.booking.event.timezone,
          )}
          <Show when={props.booking.event.location}> · {props.booking.event.location}</Show>
        </p>
        <p class="muted small">
          <span class="reference">{props.booking.reference}</span> ·{" "}
          {plural(props.booking.seats, "seat")} · booked{" "}
          {formatDateTime(props.booking.createdAt, props.booking.event.timezone)}
          <Show when={props.booking.cancelledAt}>
            {(at) => <> · cancelled {formatDateTime(at(), props.booking.event.timezone)}</>}
          </Show>
        </p>
        <Show when={props.booking.status === "cancelled_by_organiser"}>
          <p class="notice notice-warning small" data-testid="organiser-cancelled">
            Cancelled by the organiser
            {props.booking.event.cancellationMessage
              ? `: ${props.booking.event.cancellationMessage}`
              : "."}
          </p>
        </Show>
      </div>
      <div class="booking-row-actions">
        <span
          class={`badge badge-${props.booking.status === "confirmed" ? "confirmed" : "cancelled"}`}
        >
          {statusLabels[props.booking.status]}
        </span>
        <Show when={props.booking.status === "confirmed"}>
          <A
            href={`/bookings/${props.booking.id}/tickets`}
            class="button button-small button-primary"
          >
            Tickets<span class="visually-hidden"> for {props.booking.event.title}</span>
          </A>
          <a
            class="button button-small"
            href={`/api/events/${props.booking.event.id}/calendar.ics`}
            download=""
          >
            Add to calendar<span class="visually-hidden"> ({props.booking.event.title})</span>
          </a>
        </Show>
        <Show when={cancellable()}>
          <ConfirmButton
            label="Cancel booking"
            question={`Cancel ${plural(props.booking.seats, "seat")} for ${props.booking.event.title}?`}
            confirmLabel="Yes, cancel"
            cancelLabel="Keep booking"
            pending={props.cancelling}
            onConfirm={props.onCancel}
          />
        </Show>
      </div>
    </li>
  );
}

/** Events this person checks tickets in for (door staff, or their own): links to each door. */
function DoorDuty() {
  const events = useQuery(() => api.checkin.myEvents.queryOptions());
  return (
    <Show when={events.data?.length}>
      <section class="door-duty" aria-labelledby="door-duty-heading">
        <h2 id="door-duty-heading">Door duty</h2>
        <ul>
          <For each={events.data}>
            {(event) => (
              <li>
                <A href={`/events/${event.id}/check-in`}>Check in guests: {event.title}</A>{" "}
                <span class="muted small">{formatDateTime(event.startsAt, event.timezone)}</span>
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
}
