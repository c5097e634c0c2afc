import { createSignal } from "solid-js";
import { fireEvent, render, screen } from "@solidjs/testing-library";
import { describe, expect, it } from "vitest";
import { EventImage } from "./event-image.tsx";

const startsAt = Date.UTC(2030, 4, 3, 18);

describe("EventImage", () => {
  it("falls back to the colour placeholder when the image does not load", () => {
    const [url, setUrl] = createSignal<string | null>("https://example.com/missing.png");
    render(() => (
      <EventImage
        event={{ id: 3, imageUrl: url(), startsAt, timezone: "Europe/London" }}
        class="hero"
        alt="Harbour"
      />
    ));
    fireEvent.error(screen.getByRole("img", { name: "Harbour" }));
    expect(screen.queryByRole("img")).not.toBeInTheDocument();
    expect(screen.getByTestId("image-placeholder")).toHaveTextContent(/May/);

    // Another address is tried afresh.
    setUrl("https://example.com/poster.png");
    expect(screen.getByRole("img", { name: "Harbour" })).toHaveAttribute(
      "src",
      "https://example.com/poster.png",
    );
  });
});
