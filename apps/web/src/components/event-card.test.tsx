import { createSignal } from "solid-js";
import { screen } from "@solidjs/testing-library";
import { renderRouted } from "../testing/render-routed.tsx";
import { describe, expect, it } from "vitest";
import { EventCard, type EventSummary } from "./event-card.tsx";
import { eventFixture } from "../testing/event-fixture.ts";

const now = Date.UTC(2030, 0, 1);

function eventWith(overrides: Partial<EventSummary> = {}): EventSummary {
  return eventFixture({
    id: 7,
    title: "Jazz Night",
    description: "Standards and new tunes.",
    location: "Blue Room",
    startsAt: now + 3 * 86_400_000,
    endsAt: now + 3 * 86_400_000 + 3 * 3_600_000,
    tags: ["music", "jazz"],
    capacity: 120,
    availableSeats: 80,
    createdAt: now - 86_400_000,
    updatedAt: now - 86_400_000,
    ...overrides,
  });
}

describe("EventCard", () => {
  it("links to the event and shows when, where, tags and seats left", async () => {
    renderRouted(() => <EventCard event={eventWith()} now={now} />, "/");
    expect(await screen.findByRole("link", { name: "Jazz Night" })).toHaveAttribute(
      "href",
      "/events/7",
    );
    expect(screen.getByText("Blue Room")).toBeInTheDocument();
    expect(screen.getByRole("list", { name: "Tags" })).toHaveTextContent("music");
    expect(screen.getByTestId("seats")).toHaveTextContent("80 seats left");
  });

  it("warns when only a few seats are left", async () => {
    renderRouted(() => <EventCard event={eventWith({ availableSeats: 1 })} now={now} />, "/");
    expect(await screen.findByTestId("seats")).toHaveTextContent("Only 1 seat left");
  });

  it("says sold out", async () => {
    renderRouted(() => <EventCard event={eventWith({ availableSeats: 0 })} now={now} />, "/");
    expect(await screen.findByTestId("seats")).toHaveTextContent("Sold out");
  });

  it("marks a past event as past, whatever its seats", async () => {
    renderRouted(
      () => <EventCard event={eventWith({ startsAt: now - 3_600_000 })} now={now} />,
      "/",
    );
    expect(await screen.findByTestId("seats")).toHaveTextContent("Past event");
  });

  it("updates its seat count in place when the event changes", async () => {
    const [event, setEvent] = createSignal(eventWith());
    renderRouted(() => <EventCard event={event()} now={now} />, "/");
    const badge = await screen.findByTestId("seats");
    setEvent(eventWith({ availableSeats: 78 }));
    expect(badge).toHaveTextContent("78 seats left");
  });
});
