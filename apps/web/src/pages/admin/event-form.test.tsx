import { createSignal } from "solid-js";
import { fireEvent, render, screen, waitFor } from "@solidjs/testing-library";
import { TRPCClientError } from "@trpc/client";
import { describe, expect, it, vi } from "vitest";
import type { AppRouter } from "@boxoffice/api";
import type { ApiError } from "../../lib/trpc.ts";
import type { EventDetail } from "../../live/seat-cache.ts";
import { EventForm } from "./event-form.tsx";
import { eventFixture } from "../../testing/event-fixture.ts";

const soon = Date.now() + 10 * 86_400_000;
const booked = eventFixture({
  id: 9,
  title: "Harbour Concert",
  location: "Pier 4",
  startsAt: soon,
  endsAt: soon + 7_200_000,
  tags: ["music"],
  capacity: 100,
  availableSeats: 70,
});

function refusal(message: string, data: Record<string, unknown>): ApiError {
  return TRPCClientError.from<AppRouter>({
    error: {
      message,
      code: -32009,
      data: { code: "CONFLICT", httpStatus: 409, reason: null, zodError: null, ...data },
    },
  });
}

function renderForm(event?: EventDetail) {
  const [error, setError] = createSignal<ApiError | null>(null);
  const onSubmit = vi.fn();
  render(() => (
    <EventForm
      event={event}
      submitLabel="Save"
      pending={false}
      error={error()}
      onSubmit={onSubmit}
    />
  ));
  const submit = () => fireEvent.click(screen.getByRole("button", { name: "Save" }));
  return { onSubmit, setError, submit };
}

/** The field's message, found the way assistive technology finds it. */
function messageOf(field: HTMLElement): string {
  expect(field).toHaveAttribute("aria-invalid", "true");
  const ids = field.getAttribute("aria-describedby") ?? "";
  return ids
    .split(" ")
    .map((id) => document.getElementById(id)?.textContent ?? "")
    .join(" ");
}

describe("EventForm", () => {
  it("checks the fields first, says what is wrong beside each and focuses the first", async () => {
    const { onSubmit, submit } = renderForm();
    fireEvent.input(screen.getByLabelText("Capacity"), { target: { value: "" } });
    submit();
    expect(onSubmit).not.toHaveBeenCalled();
    const title = screen.getByLabelText("Title");
    expect(messageOf(title)).toBe("Give the event a title.");
    expect(messageOf(screen.getByLabelText("Capacity"))).toBe("Capacity must be a whole number.");
    expect(screen.getByLabelText("Location")).not.toHaveAttribute("aria-invalid");
    await waitFor(() => expect(title).toHaveFocus());

    // Typing in a field clears its message until the next submit.
    fireEvent.input(title, { target: { value: "Harbour Concert" } });
    expect(title).not.toHaveAttribute("aria-invalid");
  });

  it("puts a capacity refusal from the server on the Capacity field", async () => {
    const { onSubmit, setError, submit } = renderForm(booked);
    submit();
    expect(onSubmit).toHaveBeenCalledOnce();
    setError(
      refusal("35 seats already booked; capacity cannot go below 35.", { reason: "BELOW_BOOKED" }),
    );
    const capacity = screen.getByLabelText("Capacity");
    expect(messageOf(capacity)).toBe("35 seats already booked; capacity cannot go below 35.");
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    await waitFor(() => expect(capacity).toHaveFocus());
  });

  it("places the server's field messages, nested or not, and never its raw text", () => {
    const { setError } = renderForm(booked);
    setError(
      refusal("✖ Tags use letters\n  → at changes.tags", {
        code: "BAD_REQUEST",
        httpStatus: 400,
        zodError: {
          formErrors: [],
          fieldErrors: { "changes.tags": ["Tags use letters, digits, spaces, & and -."] },
        },
      }),
    );
    expect(messageOf(screen.getByLabelText("Tags"))).toBe(
      "Tags use letters, digits, spaces, & and -.",
    );
    expect(document.body).not.toHaveTextContent("✖");
  });

  it("edits the per-person limit beside the per-booking one, and shows the server's message for it", async () => {
    const { onSubmit, setError, submit } = renderForm({ ...booked, maxSeatsPerPerson: 6 });
    const perPerson = screen.getByLabelText("Max seats per person");
    expect(perPerson).toHaveValue(6);
    fireEvent.input(perPerson, { target: { value: "2.5" } });
    submit();
    expect(onSubmit).not.toHaveBeenCalled();
    expect(messageOf(perPerson)).toBe("Use a whole number of seats.");
    await waitFor(() => expect(perPerson).toHaveFocus());

    fireEvent.input(perPerson, { target: { value: "4" } });
    submit();
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ maxSeatsPerPerson: 4 }));
    setError(
      refusal("Seats per person is at most 1,000.", {
        code: "BAD_REQUEST",
        httpStatus: 400,
        zodError: {
          formErrors: [],
          fieldErrors: { "changes.maxSeatsPerPerson": ["Seats per person is at most 1,000."] },
        },
      }),
    );
    expect(messageOf(screen.getByLabelText("Max seats per person"))).toBe(
      "Seats per person is at most 1,000.",
    );
  });
});
