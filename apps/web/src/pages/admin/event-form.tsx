import { createSignal, Show } from "solid-js";
import { createStore } from "solid-js/store";
import type { RouterInputs, RouterOutputs } from "@boxoffice/api";
import type { ApiError } from "../../lib/trpc.ts";
import { fieldErrors, formErrors } from "../../lib/errors.ts";
import { fromLocalInput, toLocalInput } from "../../lib/format.ts";
import { Field, FormErrors, TextAreaField } from "../../components/field.tsx";

export type EventFields = RouterInputs["events"]["create"];
type Event = RouterOutputs["events"]["byId"];

const fieldNames = [
  "title",
  "description",
  "location",
  "startsAt",
  "endsAt",
  "imageUrl",
  "tags",
  "capacity",
  "maxSeatsPerBooking",
] as const;

/** Everything as the inputs hold it (text), converted on submit. */
function draftOf(event: Event | undefined) {
  const nextWeek = Date.now() + 7 * 24 * 3_600_000;
  const start = event?.startsAt ?? nextWeek - (nextWeek % 3_600_000);
  return {
    title: event?.title ?? "",
    description: event?.description ?? "",
    location: event?.location ?? "",
    startsAt: toLocalInput(start),
    endsAt: toLocalInput(event?.endsAt ?? start + 2 * 3_600_000),
    imageUrl: event?.imageUrl ?? "",
    tags: event?.tags.join(", ") ?? "",
    capacity: String(event?.capacity ?? 50),
    maxSeatsPerBooking: String(event?.maxSeatsPerBooking ?? 10),
  };
}

/**
 * Create and edit share this form. Validation is the server's: its messages appear beside
 * each field (aria-invalid, aria-describedby); only blank dates are caught here.
 */
export function EventForm(props: {
  event?: Event;
  submitLabel: string;
  pending: boolean;
  error: ApiError | null;
  onSubmit: (fields: EventFields) => void;
}) {
  const [draft, setDraft] = createStore(draftOf(props.event));
  const [localErrors, setLocalErrors] = createSignal<Record<string, string[]>>({});
  // events.update nests the fields under `changes`; events.create does not.
  const errors = () => ({ ...fieldErrors(props.error, "changes"), ...localErrors() });

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const startsAt = fromLocalInput(draft.startsAt);
    const endsAt = fromLocalInput(draft.endsAt);
    const missing: Record<string, string[]> = {};
    if (startsAt === undefined) missing.startsAt = ["Pick a start date and time."];
    if (endsAt === undefined) missing.endsAt = ["Pick an end date and time."];
    setLocalErrors(missing);
    if (startsAt === undefined || endsAt === undefined) return;
    props.onSubmit({
      title: draft.title,
      description: draft.description,
      location: draft.location,
      startsAt,
      endsAt,
      imageUrl: draft.imageUrl.trim() || null,
      tags: draft.tags
        .split(",")
        .map((tag) => tag.trim())
        .filter(Boolean),
      capacity: Number(draft.capacity),
      maxSeatsPerBooking: Number(draft.maxSeatsPerBooking),
    });
  };

  const text = (name: keyof ReturnType<typeof draftOf>) => ({
    name,
    value: draft[name],
    onInput: (event: InputEvent & { currentTarget: HTMLInputElement | HTMLTextAreaElement }) =>
      setDraft(name, event.currentTarget.value),
    errors: errors()[name],
  });

  return (
    <form class="event-form" onSubmit={submit} novalidate>
      <FormErrors messages={formErrors(props.error, [...fieldNames], "changes")} />
      <Field label="Title" required {...text("title")} />
      <TextAreaField label="Description" rows={5} {...text("description")} />
      <Field label="Location" {...text("location")} />
      <div class="field-row">
        <Field label="Starts" type="datetime-local" required {...text("startsAt")} />
        <Field label="Ends" type="datetime-local" required {...text("endsAt")} />
      </div>
      <Field
        label="Image URL"
        type="url"
        hint="Optional: an http(s) link to a picture."
        {...text("imageUrl")}
      />
      <Field label="Tags" hint="Comma-separated, e.g. music, outdoor." {...text("tags")} />
      <div class="field-row">
        <Field label="Capacity" type="number" min="1" required {...text("capacity")} />
        <Field
          label="Max seats per booking"
          type="number"
          min="1"
          max="100"
          {...text("maxSeatsPerBooking")}
        />
      </div>
      <Show when={props.event}>
        {(event) => (
          <p class="field-hint">
            {event().capacity - event().availableSeats} seats are booked; capacity cannot go below
            that.
          </p>
        )}
      </Show>
      <div class="form-actions">
        <button type="submit" class="button button-primary" disabled={props.pending}>
          {props.pending ? "Saving…" : props.submitLabel}
        </button>
      </div>
    </form>
  );
}
