import { createSignal, For, Show } from "solid-js";
import { A, useParams } from "@solidjs/router";
import { useQuery } from "@tanstack/solid-query";
import type { RouterOutputs } from "@boxoffice/api";
import { api } from "../lib/api.ts";
import { formatDateRange, formatDateTime, plural } from "../lib/format.ts";
import { usePageTitle } from "../lib/page-title.ts";
import { saveTicketPng } from "../lib/save-ticket.ts";
import { ErrorState, QueryView } from "../components/query-states.tsx";
import { qrDataUrl, TicketQr } from "../components/ticket-qr.tsx";

type TicketsView = RouterOutputs["bookings"]["tickets"];
type Ticket = TicketsView["tickets"][number];

/** "Sat, 3 May 2026, 18:00 – 21:00 BST": in the event's own time zone, labelled. */
const whenIn = (event: TicketsView["event"]): string =>
  formatDateRange(event.startsAt, event.endsAt, event.timezone);

/**
 * A booking's tickets: one card per seat with its QR code, to show at the door from the
 * phone, save as a picture, or print (one ticket per page; the print dialog's "Save as PDF"
 * makes the PDF).
 */
export default function TicketsPage() {
  const params = useParams<{ id: string }>();
  const bookingId = () => Number(params.id);
  const tickets = useQuery(() => ({
    ...api.bookings.tickets.queryOptions({ bookingId: bookingId() }),
    enabled: Number.isSafeInteger(bookingId()) && bookingId() > 0,
  }));
  usePageTitle(() => (tickets.data ? `Tickets ${tickets.data.booking.reference}` : "Tickets"));
  const [saveError, setSaveError] = createSignal<unknown>(null);

  const save = async (view: TicketsView, ticket: Ticket) => {
    if (!ticket.token) return;
    setSaveError(null);
    try {
      await saveTicketPng({
        qrDataUrl: await qrDataUrl(ticket.token, 840),
        title: view.event.title,
        when: whenIn(view.event),
        where: view.event.location,
        holder: view.holder.name,
        seatLine: `Seat ${ticket.seat} of ${view.booking.seats}`,
        reference: view.booking.reference,
        code: ticket.code,
        fileName: `ticket-${view.booking.reference}-seat-${ticket.seat}.png`,
      });
    } catch (error) {
      setSaveError(error);
    }
  };

  return (
    <section class="tickets-page" aria-labelledby="tickets-heading">
      <QueryView query={tickets} errorTitle="These tickets could not be loaded.">
        {(view) => (
          <>
            <div class="page-header tickets-header">
              <p class="muted no-print">
                <A href="/bookings">← My bookings</A>
              </p>
              <h1 id="tickets-heading">
                Tickets <span class="reference">{view().booking.reference}</span>
              </h1>
              <p>
                <A href={`/events/${view().event.id}`}>{view().event.title}</A>
              </p>
              <p class="muted">
                {whenIn(view().event)}
                <Show when={view().event.location}> · {view().event.location}</Show>
              </p>
              <p class="muted small">
                {view().holder.name} · {plural(view().booking.seats, "seat")} · booked{" "}
                {formatDateTime(view().booking.createdAt, view().event.timezone)}
              </p>
              <Show when={view().booking.status !== "confirmed"}>
                <p class="notice notice-error" role="status">
                  This booking was cancelled: its tickets are void and will not be let in.
                </p>
              </Show>
              <div class="row-actions no-print">
                <button type="button" class="button" onClick={() => window.print()}>
                  Print or save as PDF
                </button>
              </div>
              <Show when={saveError()}>
                {(error) => <ErrorState error={error()} title="The ticket was not saved." />}
              </Show>
            </div>
            <ol class="ticket-list" aria-label="Tickets">
              <For each={view().tickets}>
                {(ticket) => (
                  <li class="ticket" data-testid="ticket" data-status={ticket.status}>
                    <div class="ticket-text">
                      <h2 class="ticket-title">{view().event.title}</h2>
                      <p class="muted">{whenIn(view().event)}</p>
                      <Show when={view().event.location}>
                        <p class="muted">{view().event.location}</p>
                      </Show>
                      <p class="ticket-seat">
                        <strong>
                          Seat {ticket.seat} of {view().booking.seats}
                        </strong>{" "}
                        · {view().holder.name}
                      </p>
                      <p class="ticket-reference">{view().booking.reference}</p>
                      <p class="ticket-code muted small">
                        Code <span class="mono">{ticket.code}</span>
                      </p>
                      <Show when={ticket.checkedInAt}>
                        {(at) => (
                          <p class="badge badge-confirmed">
                            Checked in {formatDateTime(at(), view().event.timezone)}
                          </p>
                        )}
                      </Show>
                    </div>
                    <Show when={ticket.token} fallback={<p class="badge badge-cancelled">Void</p>}>
                      {(token) => (
                        <div class="ticket-qr-box">
                          <TicketQr
                            token={token()}
                            label={`QR code for seat ${ticket.seat}, booking ${view().booking.reference}`}
                          />
                          <button
                            type="button"
                            class="button button-small no-print"
                            onClick={() => void save(view(), ticket)}
                          >
                            Save ticket<span class="visually-hidden"> for seat {ticket.seat}</span>
                          </button>
                        </div>
                      )}
                    </Show>
                  </li>
                )}
              </For>
            </ol>
          </>
        )}
      </QueryView>
    </section>
  );
}
