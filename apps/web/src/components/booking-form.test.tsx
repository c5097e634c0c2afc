import { createSignal } from "solid-js";
import { fireEvent, screen, waitFor } from "@solidjs/testing-library";
import { renderRouted } from "../testing/render-routed.tsx";
import { TRPCClientError } from "@trpc/client";
import { describe, expect, it, vi } from "vitest";
import type { AppRouter } from "@boxoffice/api";
import { BookingForm, type BookingFormProps } from "./booking-form.tsx";

const now = Date.UTC(2030, 0, 1);
const event = {
  availableSeats: 20,
  capacity: 50,
  maxSeatsPerBooking: 4,
  maxSeatsPerPerson: 10,
  startsAt: now + 86_400_000,
  status: "scheduled" as const,
};

function renderForm(overrides: Partial<BookingFormProps> = {}) {
  const onBook = vi.fn();
  const props: BookingFormProps = {
    event,
    now,
    signedIn: true,
    signInHref: "/sign-in?next=%2Fevents%2F1",
    pending: false,
    error: null,
    bookedSeats: null,
    onBook,
    ...overrides,
  };
  const result = renderRouted(() => <BookingForm {...props} />, "/events/1");
  return { ...result, onBook };
}

const seatsInput = () => screen.findByLabelText<HTMLInputElement>("Seats");

describe("BookingForm", () => {
  it("books the chosen number of seats", async () => {
    const { onBook } = renderForm();
    fireEvent.click(await screen.findByRole("button", { name: "One seat more" }));
    const submit = screen.getByRole("button", { name: "Book 2 seats" });
    fireEvent.click(submit);
    expect(onBook).toHaveBeenCalledWith(2);
  });

  it("keeps the choice between 1 and the per-booking limit", async () => {
    const { onBook } = renderForm();
    const fewer = await screen.findByRole("button", { name: "One seat fewer" });
    const more = screen.getByRole("button", { name: "One seat more" });
    expect(fewer).toBeDisabled();
    for (let i = 0; i < 10; i++) fireEvent.click(more);
    expect(await seatsInput()).toHaveValue(4);
    expect(more).toBeDisabled();
    expect(screen.getByText("Up to 4 seats per booking.")).toBeInTheDocument();

    fireEvent.input(await seatsInput(), { target: { value: "0" } });
    expect(screen.getByText("Choose between 1 and 4.")).toBeInTheDocument();
    expect(await seatsInput()).toHaveAttribute("aria-invalid", "true");
    const submit = screen.getByRole("button", { name: "Book seats" });
    expect(submit).toBeDisabled();
    fireEvent.submit(submit.closest("form") as HTMLFormElement);
    expect(onBook).not.toHaveBeenCalled();
  });

  it("never offers more seats than are left, even when they go while it is open", async () => {
    const [seatsLeft, setSeatsLeft] = createSignal(3);
    renderRouted(
      () => (
        <BookingForm
          event={{ ...event, availableSeats: seatsLeft() }}
          now={now}
          signedIn
          signInHref="/sign-in"
          pending={false}
          error={null}
          bookedSeats={null}
          onBook={() => {}}
        />
      ),
      "/",
    );
    fireEvent.input(await seatsInput(), { target: { value: "3" } });
    expect(screen.getByText("Up to 3 seats per booking.")).toBeInTheDocument();
    setSeatsLeft(2);
    expect(await seatsInput()).toHaveValue(2);
    expect(screen.getByRole("button", { name: "Book 2 seats" })).toBeEnabled();
  });

  it("is disabled while a booking is in flight", async () => {
    renderForm({ pending: true });
    expect(await screen.findByRole("button", { name: "Booking…" })).toBeDisabled();
  });

  it("shows the server's message when a booking is refused", async () => {
    const refusal = new TRPCClientError("Sold out: there are no seats left for this event.");
    renderForm({ error: refusal });
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Sold out: there are no seats left for this event.",
    );
  });

  it("says sold out instead of offering a form", async () => {
    renderForm({ event: { ...event, availableSeats: 0 } });
    expect(await screen.findByTestId("sold-out")).toHaveTextContent("Sold out.");
    expect(screen.queryByRole("button", { name: /^Book/ })).not.toBeInTheDocument();
  });

  it("closes booking once the event has started", async () => {
    renderForm({ event: { ...event, startsAt: now - 1 } });
    expect(await screen.findByTestId("booking-closed")).toHaveTextContent("already started");
    expect(screen.queryByLabelText("Seats")).not.toBeInTheDocument();
  });

  it("asks a signed-out visitor to sign in, and brings them back", async () => {
    renderForm({ signedIn: false });
    expect(await screen.findByRole("link", { name: "Sign in" })).toHaveAttribute(
      "href",
      "/sign-in?next=%2Fevents%2F1",
    );
  });

  it("moves focus to the result once a booking made from the keyboard is done", async () => {
    const [pending, setPending] = createSignal(false);
    const [booked, setBooked] = createSignal<number | null>(null);
    const onBook = vi.fn(() => setPending(true));
    renderRouted(
      () => (
        <BookingForm
          event={event}
          now={now}
          signedIn
          signInHref="/sign-in"
          pending={pending()}
          error={null}
          bookedSeats={booked()}
          onBook={onBook}
        />
      ),
      "/",
    );
    const input = await seatsInput();
    input.focus();
    fireEvent.input(input, { target: { value: "2" } });
    fireEvent.submit(input.closest("form") as HTMLFormElement);
    expect(onBook).toHaveBeenCalledWith(2);
    setBooked(2);
    setPending(false);
    const result = screen.getByRole("status");
    expect(result).toHaveTextContent("Booked 2 seats.");
    await waitFor(() => expect(result).toHaveFocus());
  });

  it("tells the loser of a race for the last seat once, and focuses that message", async () => {
    const [pending, setPending] = createSignal(false);
    const [seatsLeft, setSeatsLeft] = createSignal(1);
    const [error, setError] = createSignal<BookingFormProps["error"]>(null);
    renderRouted(
      () => (
        <BookingForm
          event={{ ...event, availableSeats: seatsLeft() }}
          now={now}
          signedIn
          signInHref="/sign-in"
          pending={pending()}
          error={error()}
          bookedSeats={null}
          onBook={() => {
            setPending(true);
            setSeatsLeft(0); // the page's optimistic count
          }}
        />
      ),
      "/",
    );
    fireEvent.click(await screen.findByRole("button", { name: "Book 1 seat" }));
    // Its own in-flight booking does not turn the form into "sold out".
    expect(screen.getByRole("button", { name: "Booking…" })).toBeDisabled();
    expect(screen.queryByText(/sold out/i)).not.toBeInTheDocument();

    setError(
      TRPCClientError.from<AppRouter>({
        error: {
          message: "Sold out: there are no seats left for this event.",
          code: -32009,
          data: { code: "CONFLICT", httpStatus: 409, reason: "SOLD_OUT" },
        },
      }),
    );
    setPending(false);
    const message = screen.getByRole("alert");
    expect(message).toHaveTextContent("Sold out. The last seats went just before you");
    expect(screen.getAllByText(/sold out/i)).toHaveLength(1);
    expect(screen.queryByRole("button", { name: /^Book/ })).not.toBeInTheDocument();
    await waitFor(() => expect(message).toHaveFocus());

    // A cancellation frees a seat: the form is back, without the stale refusal.
    setSeatsLeft(1);
    expect(await screen.findByRole("button", { name: "Book 1 seat" })).toBeEnabled();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("confirms a booking", async () => {
    renderForm({ bookedSeats: 2 });
    expect(await screen.findByRole("status")).toHaveTextContent("Booked 2 seats.");
  });

  it("counts what the person holds against the per-person limit, and says so", async () => {
    const [held, setHeld] = createSignal({ seats: 0, offeredSeats: 0 });
    renderRouted(
      () => (
        <BookingForm
          event={{ ...event, maxSeatsPerPerson: 4 }}
          now={now}
          signedIn
          signInHref="/sign-in"
          pending={false}
          error={null}
          bookedSeats={null}
          onBook={() => {}}
          held={held()}
        />
      ),
      "/",
    );
    // Nothing held: the per-booking limit (4) is as low as the per-person one.
    expect(await seatsInput()).toHaveAttribute("max", "4");

    setHeld({ seats: 2, offeredSeats: 0 });
    expect(await seatsInput()).toHaveAttribute("max", "2");
    expect(screen.getByText("You can book 2 more: 4 per person.")).toBeInTheDocument();
    const more = screen.getByRole("button", { name: "One seat more" });
    for (let i = 0; i < 5; i++) fireEvent.click(more);
    expect(await seatsInput()).toHaveValue(2);
    expect(more).toBeDisabled();

    // Seats the waiting list offers them count too.
    setHeld({ seats: 2, offeredSeats: 1 });
    expect(await seatsInput()).toHaveValue(1);
    expect(screen.getByText("You can book 1 more: 4 per person.")).toBeInTheDocument();

    setHeld({ seats: 4, offeredSeats: 0 });
    expect(screen.getByTestId("person-limit-reached")).toHaveTextContent(
      "That is as many as one person can hold for this event: 4 seats per person.",
    );
    expect(screen.queryByRole("button", { name: /^Book/ })).not.toBeInTheDocument();
  });

  it("says the per-person limit when it is lower than the per-booking one", async () => {
    renderForm({ event: { ...event, maxSeatsPerPerson: 3 } });
    expect(await seatsInput()).toHaveAttribute("max", "3");
    expect(screen.getByText("Up to 3 seats: 3 per person.")).toBeInTheDocument();
  });
});
