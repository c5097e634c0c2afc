import { screen } from "@solidjs/testing-library";
import { describe, expect, it } from "vitest";
import { api } from "../lib/api.ts";
import type { EventDetail } from "../live/seat-cache.ts";
import type { RouterOutputs } from "@boxoffice/api";
import { renderRouted } from "../testing/render-routed.tsx";
import { seededQueryClient, withQueryClient } from "../testing/query-client.tsx";
import EventPage from "./event-page.tsx";
import { eventFixture } from "../testing/event-fixture.ts";

const hour = 3_600_000;

type Held = RouterOutputs["bookings"]["heldForEvent"];
const john = { id: 2, email: "john@example.com", name: "John", role: "user" as const };

function openEventPage(
  startsIn: number,
  endsIn: number,
  overrides: Partial<EventDetail> = {},
  held?: Held,
) {
  const now = Date.now();
  const event = eventFixture({
    id: 4,
    title: "Harbour Concert",
    location: "Pier 4",
    startsAt: now + startsIn,
    endsAt: now + endsIn,
    capacity: 500,
    availableSeats: 500,
    ...overrides,
  });
  const queryClient = seededQueryClient(held ? john : null);
  queryClient.setQueryData(api.events.byId.queryKey({ id: event.id }), event);
  if (held) {
    queryClient.setQueryData(api.bookings.heldForEvent.queryKey({ eventId: event.id }), held);
    queryClient.setQueryData(api.waitlist.mine.queryKey(), []);
  }
  renderRouted(withQueryClient(queryClient, EventPage), "/events/4", "/events/:id");
}

describe("the event page", () => {
  it("says an event has ended, with no seat count and no booking form", async () => {
    openEventPage(-3 * hour, -hour);
    expect(await screen.findByTestId("event-over")).toHaveTextContent("This event has ended.");
    expect(screen.queryByTestId("seat-count")).not.toBeInTheDocument();
    expect(screen.queryByText(/seats? left/)).not.toBeInTheDocument();
    expect(screen.queryByRole("link", { name: "Sign in" })).not.toBeInTheDocument();
  });

  it("says an event has started while it runs", async () => {
    openEventPage(-hour, hour);
    expect(await screen.findByTestId("event-over")).toHaveTextContent("This event has started");
    expect(screen.queryByTestId("seat-count")).not.toBeInTheDocument();
  });

  it("shows seats left and the way to book before it starts", async () => {
    openEventPage(24 * hour, 26 * hour, { availableSeats: 0 });
    expect(await screen.findByTestId("seat-count")).toHaveTextContent("0 of 500 seats left");
    // Sold out is said once, by the booking panel's notice (no badge beside it).
    expect(screen.getAllByText(/sold out/i)).toHaveLength(1);
    expect(screen.queryByTestId("event-over")).not.toBeInTheDocument();
  });

  it("says a cancelled event is cancelled, with the organiser's message, and offers no booking", async () => {
    openEventPage(24 * hour, 26 * hour, {
      status: "cancelled",
      cancellationMessage: "The pier is closed for repairs.",
    });
    expect(await screen.findByTestId("event-cancelled")).toHaveTextContent(
      "Cancelled by the organiser.The pier is closed for repairs.",
    );
    expect(screen.getByTestId("event-over")).toHaveTextContent("This event was cancelled");
    expect(screen.queryByTestId("seat-count")).not.toBeInTheDocument();
  });

  it("shows the time where the event happens, labelled, and this device's time beside it", async () => {
    // This test runs in UTC; the event is in London in summer (BST, an hour ahead).
    const startsAt = Date.UTC(new Date().getUTCFullYear() + 1, 6, 15, 5, 0);
    openEventPage(startsAt - Date.now(), startsAt - Date.now() + 2 * hour, {
      timezone: "Europe/London",
    });
    expect(await screen.findByTestId("event-time")).toHaveTextContent(/06:00 – 08:00 BST$/);
    expect(screen.getByTestId("viewer-time")).toHaveTextContent(/your time: .*05:00 UTC/);
    expect(screen.getByRole("link", { name: "Add to calendar" })).toHaveAttribute(
      "href",
      "/api/events/4/calendar.ics",
    );
  });

  it("adds no second time when this device's clock agrees with the venue's", async () => {
    openEventPage(24 * hour, 26 * hour, { timezone: "UTC" });
    expect(await screen.findByTestId("event-time")).toHaveTextContent(/UTC$/);
    expect(screen.queryByTestId("viewer-time")).not.toBeInTheDocument();
  });

  it("says what the signed-in person holds, with their tickets, and books only what is left to them", async () => {
    openEventPage(
      24 * hour,
      26 * hour,
      { maxSeatsPerBooking: 10, maxSeatsPerPerson: 4 },
      {
        seats: 3,
        offeredSeats: 0,
        bookings: [
          { id: 12, reference: "BX-7K2M-PQ4R", seats: 1 },
          { id: 9, reference: "BX-3F8D-ZX2W", seats: 2 },
        ],
      },
    );
    expect(await screen.findByTestId("held-seats")).toHaveTextContent(
      "You hold 3 seats for this event.",
    );
    expect(screen.getByRole("link", { name: "See them in My bookings" })).toHaveAttribute(
      "href",
      "/bookings",
    );
    expect(screen.getByRole("link", { name: "Tickets for BX-3F8D-ZX2W" })).toHaveAttribute(
      "href",
      "/bookings/9/tickets",
    );
    expect(screen.getByRole("spinbutton", { name: "Seats" })).toHaveAttribute("max", "1");
    expect(screen.getByText("You can book 1 more: 4 per person.")).toBeInTheDocument();
  });

  it("on a sold-out event, lets a person wait only for what the per-person limit leaves them", async () => {
    const soldOut = { availableSeats: 0, maxSeatsPerBooking: 10, maxSeatsPerPerson: 4 };
    const holding = (seats: number): Held => ({
      seats,
      offeredSeats: 0,
      bookings: [{ id: 9, reference: "BX-3F8D-ZX2W", seats }],
    });
    openEventPage(24 * hour, 26 * hour, soldOut, holding(3));
    expect(await screen.findByRole("spinbutton", { name: "Seats you want" })).toHaveAttribute(
      "max",
      "1",
    );
    expect(screen.getByText("Up to 1 seat.")).toBeInTheDocument();
  });

  it("offers no waiting list to someone who holds all one person may", async () => {
    openEventPage(
      24 * hour,
      26 * hour,
      { availableSeats: 0, maxSeatsPerBooking: 10, maxSeatsPerPerson: 4 },
      { seats: 4, offeredSeats: 0, bookings: [{ id: 9, reference: "BX-3F8D-ZX2W", seats: 4 }] },
    );
    expect(await screen.findByTestId("waitlist-at-limit")).toHaveTextContent(
      "You already hold 4 seats, as many as one person can hold for this event",
    );
    expect(screen.queryByRole("button", { name: "Join the waiting list" })).not.toBeInTheDocument();
  });

  it("says nothing about seats held by someone who holds none", async () => {
    openEventPage(24 * hour, 26 * hour, {}, { seats: 0, offeredSeats: 0, bookings: [] });
    expect(await screen.findByRole("button", { name: "Book 1 seat" })).toBeEnabled();
    expect(screen.queryByTestId("held-seats")).not.toBeInTheDocument();
  });
});
