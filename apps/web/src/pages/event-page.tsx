import { For, Match, Show, Switch } from "solid-js";
import { A, useLocation, useParams } from "@solidjs/router";
import { useQuery } from "@tanstack/solid-query";
import { api } from "../lib/api.ts";
import { useNow } from "../lib/clock.ts";
import { formatDateRange, inViewersZone, plural } from "../lib/format.ts";
import { usePageTitle } from "../lib/page-title.ts";
import { signInHref, useMe } from "../auth/session.ts";
import { useBookSeats } from "../bookings/book-seats.ts";
import { BookingForm } from "../components/booking-form.tsx";
import { EventImage } from "../components/event-image.tsx";
import { HeldSeats } from "../components/held-seats.tsx";
import { ErrorState, Loading } from "../components/query-states.tsx";
import { SeatsBadge } from "../components/seats-badge.tsx";
import { seatStatus } from "../components/seat-status.ts";
import { EventWaitlist } from "./event-waitlist.tsx";

export default function EventPage() {
  const params = useParams<{ id: string }>();
  const location = useLocation();
  const id = () => Number(params.id);
  const validId = () => Number.isSafeInteger(id()) && id() > 0;
  const now = useNow();
  const me = useMe();
  const event = useQuery(() => ({
    ...api.events.byId.queryOptions({ id: validId() ? id() : 1 }),
    enabled: validId(),
  }));
  const signedIn = () => !!(me.isSuccess && me.data);
  /** What the signed-in person holds here: said on the page, and counted by the form. */
  const held = useQuery(() => ({
    ...api.bookings.heldForEvent.queryOptions({ eventId: validId() ? id() : 1 }),
    enabled: validId() && signedIn(),
  }));
  const { booking, book } = useBookSeats();
  const lastBooked = () =>
    booking.isSuccess && booking.variables?.eventId === id() ? booking.data.booking.seats : null;
  const bookingError = () =>
    booking.isError && booking.variables?.eventId === id() ? booking.error : null;
  usePageTitle(() => (event.isSuccess ? event.data.title : undefined));

  const notFound = () => !validId() || event.error?.data?.code === "NOT_FOUND";

  return (
    <Switch>
      <Match when={notFound()}>
        <section class="empty" aria-labelledby="event-missing-heading">
          <h1 id="event-missing-heading">Event not found</h1>
          <p>It does not exist or has been deleted.</p>
          <A href="/" class="button">
            Back to events
          </A>
        </section>
      </Match>
      <Match when={event.isPending}>
        <Loading label="Loading event…" />
      </Match>
      <Match when={event.isLoadingError}>
        <ErrorState error={event.error} onRetry={() => void event.refetch()} />
      </Match>
      <Match when={event.data}>
        {(data) => (
          <article class="event-detail" aria-labelledby="event-title">
            <EventImage event={data()} class="event-hero" alt={data().title} />
            <div class="event-detail-grid">
              <div class="event-detail-main">
                <p class="breadcrumb">
                  <A href="/">← All events</A>
                </p>
                <h1 id="event-title">{data().title}</h1>
                <Show when={data().status === "cancelled"}>
                  <div class="notice notice-warning" data-testid="event-cancelled">
                    <p>
                      <strong>Cancelled by the organiser.</strong>
                    </p>
                    <Show when={data().cancellationMessage}>
                      {(message) => <p class="message-text">{message()}</p>}
                    </Show>
                  </div>
                </Show>
                <dl class="facts">
                  <div>
                    <dt>When</dt>
                    <dd>
                      <time
                        datetime={new Date(data().startsAt).toISOString()}
                        data-testid="event-time"
                      >
                        {formatDateRange(data().startsAt, data().endsAt, data().timezone)}
                      </time>
                      <Show when={inViewersZone(data().startsAt, data().timezone)}>
                        {(local) => (
                          <span class="muted viewer-time" data-testid="viewer-time">
                            {" "}
                            (your time: {local()})
                          </span>
                        )}
                      </Show>
                    </dd>
                  </div>
                  <Show when={data().location}>
                    <div>
                      <dt>Where</dt>
                      <dd>{data().location}</dd>
                    </div>
                  </Show>
                </dl>
                <p>
                  <a
                    class="button button-small"
                    href={`/api/events/${data().id}/calendar.ics`}
                    download=""
                  >
                    Add to calendar
                  </a>
                </p>
                <Show when={data().tags.length > 0}>
                  <ul class="tags" aria-label="Tags">
                    <For each={data().tags}>
                      {(tag) => (
                        <li>
                          <A class="tag" href={`/?tag=${encodeURIComponent(tag)}`}>
                            {tag}
                          </A>
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
                <Show when={data().description} fallback={<p class="muted">No description yet.</p>}>
                  <p class="description">{data().description}</p>
                </Show>
              </div>
              <aside class="booking-panel" aria-labelledby="booking-heading">
                <h2 id="booking-heading">Seats</h2>
                <Show when={signedIn() && held.data}>{(mine) => <HeldSeats held={mine()} />}</Show>
                <Show
                  when={data().status === "scheduled" && data().startsAt > now()}
                  fallback={
                    <p class="notice" data-testid="event-over">
                      {data().status === "cancelled"
                        ? "This event was cancelled, so it can no longer be booked."
                        : data().endsAt <= now()
                          ? "This event has ended."
                          : "This event has started, so it can no longer be booked."}
                    </p>
                  }
                >
                  <p class="seat-count" aria-live="polite" data-testid="seat-count">
                    <strong>{data().availableSeats.toLocaleString()}</strong> of{" "}
                    {plural(data().capacity, "seat")} left
                  </p>
                  <meter
                    class="seat-meter"
                    min="0"
                    max={data().capacity}
                    value={data().availableSeats}
                    aria-label="Seats left"
                  />
                  {/* Sold out is said by the booking form, once. */}
                  <Show when={seatStatus(data(), now()).kind === "few"}>
                    <SeatsBadge status={seatStatus(data(), now())} />
                  </Show>
                  <BookingForm
                    event={data()}
                    now={now()}
                    signedIn={signedIn()}
                    signInHref={signInHref(location.pathname)}
                    pending={booking.isPending}
                    held={signedIn() ? held.data : undefined}
                    error={bookingError()}
                    bookedSeats={lastBooked()}
                    onBook={(seats) => book(data().id, seats)}
                  />
                  <EventWaitlist
                    event={data()}
                    signedIn={signedIn()}
                    signInHref={signInHref(location.pathname)}
                    heldSeats={signedIn() ? (held.data?.seats ?? 0) : 0}
                  />
                </Show>
              </aside>
            </div>
          </article>
        )}
      </Match>
    </Switch>
  );
}
