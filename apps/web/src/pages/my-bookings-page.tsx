import { createMemo, createUniqueId, For, Show } from "solid-js";
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
import { groupByEvent } from "./booking-groups.ts";
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
  // Keyed by event id, so a refetch (live, after a cancel) keeps each group's rows in place.
  const groups = createMemo(() => new Map(groupByEvent(items()).map((g) => [g.event.id, g])));

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
            <ul class="booking-groups" aria-label="Bookings by event">
              <For each={[...groups().keys()]}>
                {(eventId) => (
                  <Show when={groups().get(eventId)}>
                    {(group) => (
                      <EventBookings
                        event={group().event}
                        bookings={group().bookings}
                        now={now()}
                        cancellingId={cancel.isPending ? cancel.variables?.id : undefined}
                        onCancel={(id) => cancel.mutate({ id })}
                      />
                    )}
                  </Show>
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

/** One event: when and where, the seats held there in all, then each booking of it. */
function EventBookings(props: {
  event: MyBooking["event"];
  bookings: MyBooking[];
  now: number;
  cancellingId: number | undefined;
  onCancel: (id: number) => void;
}) {
  const headingId = createUniqueId();
  return (
    <li class="booking-group" data-testid="booking-group" aria-labelledby={headingId}>
      <div class="booking-group-header">
        <div class="booking-row-main">
          <h2 class="booking-row-title" id={headingId}>
            <A href={`/events/${props.event.id}`}>{props.event.title}</A>
          </h2>
          <p class="muted">
            {formatDateRange(props.event.startsAt, props.event.endsAt, props.event.timezone)}
            <Show when={props.event.location}> · {props.event.location}</Show>
          </p>
        </div>
        <div class="booking-row-actions">
          <p class="seats-held" data-testid="seats-held">
            {props.event.seatsHeld > 0
              ? `You hold ${plural(props.event.seatsHeld, "seat")}`
              : "No seats held"}
          </p>
          <Show when={props.event.seatsHeld > 0}>
            <a
              class="button button-small"
              href={`/api/events/${props.event.id}/calendar.ics`}
              download=""
            >
              Add to calendar<span class="visually-hidden"> ({props.event.title})</span>
            </a>
          </Show>
        </div>
      </div>
      <ul class="booking-list" aria-label={`Bookings for ${props.event.title}`}>
        <For each={props.bookings}>
          {(booking) => (
            <BookingRow
              booking={booking}
              now={props.now}
              cancelling={props.cancellingId === booking.id}
              onCancel={() => props.onCancel(booking.id)}
            />
          )}
        </For>
      </ul>
    </li>
  );
}

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
        <p>
          {/* The group's heading says the event; listened to row by row, so does each row. */}
          <span class="visually-hidden">{props.booking.event.title}: </span>
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
            Tickets
            <span class="visually-hidden">
              {" "}
              for {props.booking.event.title}, {props.booking.reference}
            </span>
          </A>
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
