import { fireEvent, render, screen } from "@solidjs/testing-library";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { OfferBanner } from "./offer-banner.tsx";
import { WaitlistJoin } from "./waitlist-join.tsx";

describe("OfferBanner", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(Date.UTC(2030, 0, 1, 12, 0, 0));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("counts down to the end of the offer and offers Claim and Decline", () => {
    const onClaim = vi.fn();
    const onDecline = vi.fn();
    const expiresAt = Date.now() + 60 * 60_000;
    render(() => (
      <OfferBanner
        seats={2}
        expiresAt={expiresAt}
        pending={null}
        error={null}
        onClaim={onClaim}
        onDecline={onDecline}
      />
    ));
    expect(screen.getByRole("heading", { name: "2 seats held for you" })).toBeInTheDocument();
    expect(screen.getByRole("timer")).toHaveTextContent("1:00:00 left");
    vi.advanceTimersByTime(61_000);
    expect(screen.getByRole("timer")).toHaveTextContent("58:59 left");
    fireEvent.click(screen.getByRole("button", { name: "Claim 2 seats" }));
    fireEvent.click(screen.getByRole("button", { name: "Decline" }));
    expect(onClaim).toHaveBeenCalledOnce();
    expect(onDecline).toHaveBeenCalledOnce();
  });

  it("says when time is up and no longer offers to claim", () => {
    const expiresAt = Date.now() + 2_000;
    render(() => (
      <OfferBanner
        seats={1}
        expiresAt={expiresAt}
        pending={null}
        error={null}
        onClaim={() => {}}
        onDecline={() => {}}
      />
    ));
    vi.advanceTimersByTime(3_000);
    expect(screen.getByText(/Time is up/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Claim 1 seat" })).toBeDisabled();
  });
});

describe("WaitlistJoin", () => {
  it("explains how offers work and joins for the seats chosen, within the limit", () => {
    const onJoin = vi.fn();
    render(() => (
      <WaitlistJoin maxSeats={4} offerMinutes={90} pending={false} error={null} onJoin={onJoin} />
    ));
    expect(screen.getByText(/hold them for you for 1 hour 30 minutes/)).toBeInTheDocument();
    const input = screen.getByLabelText("Seats you want");
    fireEvent.input(input, { target: { value: "5" } });
    expect(screen.getByText("Choose between 1 and 4.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Join the waiting list" })).toBeDisabled();
    fireEvent.input(input, { target: { value: "3" } });
    fireEvent.click(screen.getByRole("button", { name: "Join the waiting list" }));
    expect(onJoin).toHaveBeenCalledWith(3);
  });
});
