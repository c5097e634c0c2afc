import { createEffect, createSignal, createUniqueId, For, on, Show } from "solid-js";
import { timeZoneNames } from "@boxoffice/time";
import { createStore } from "solid-js/store";
import type { RouterOutputs } from "@boxoffice/api";
import type { ApiError } from "../../lib/trpc.ts";
import { errorMessage, fieldErrors, formErrors, refusalReason } from "../../lib/errors.ts";
import { plural } from "../../lib/format.ts";
import { Field, focusFirstError, FormErrors, TextAreaField } from "../../components/field.tsx";
import {
  draftFields,
  draftOf,
  validateEventDraft,
  type DraftErrors,
  type DraftField,
  type EventDraft,
  type EventFields,
} from "./event-draft.ts";

export type { EventFields };
type Event = RouterOutputs["events"]["byId"];

/** The server's refusals that belong to one field, by reason. */
const refusalFields: Partial<Record<string, DraftField>> = {
  BELOW_BOOKED: "capacity",
  INVALID_DATES: "endsAt",
};

/** What the server said, field by field (events.update nests its fields under `changes`). */
function serverErrors(error: ApiError | null): { fields: DraftErrors; form: string[] } {
  if (!error) return { fields: {}, form: [] };
  const field = refusalFields[refusalReason(error) ?? ""];
  if (field) return { fields: { [field]: [errorMessage(error)] }, form: [] };
  return {
    fields: fieldErrors(error, "changes"),
    form: formErrors(error, draftFields, "changes"),
  };
}

/**
 * Create and edit share this form. It checks everything the server would on submit, with a
 * message beside each field that is not right (aria-invalid, aria-describedby), and moves
 * focus to the first; what the server still refuses lands beside its field the same way.
 */
export function EventForm(props: {
  event?: Event;
  submitLabel: string;
  pending: boolean;
  error: ApiError | null;
  onSubmit: (fields: EventFields) => void;
}) {
  let form: HTMLFormElement | undefined;
  const [draft, setDraft] = createStore(draftOf(props.event));
  const [localErrors, setLocalErrors] = createSignal<DraftErrors>({});
  // A field's messages go away once it is changed, until the next submit.
  const [edited, setEdited] = createSignal<ReadonlySet<DraftField>>(new Set());
  const server = () => serverErrors(props.error);
  const errors = (field: DraftField) =>
    edited().has(field) ? undefined : (localErrors()[field] ?? server().fields[field]);
  const seatsBooked = () => (props.event ? props.event.capacity - props.event.availableSeats : 0);

  createEffect(
    on(
      () => props.error,
      (error) => error && focusFirstError(form),
      { defer: true },
    ),
  );

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    setEdited(new Set<DraftField>());
    const result = validateEventDraft(draft, {
      isNew: !props.event,
      now: Date.now(),
      seatsBooked: seatsBooked(),
    });
    if (!result.ok) {
      setLocalErrors(result.errors);
      focusFirstError(form);
      return;
    }
    setLocalErrors({});
    props.onSubmit(result.fields);
  };

  const text = (name: keyof EventDraft) => ({
    name,
    value: draft[name],
    onInput: (event: InputEvent & { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => {
      setDraft(name, event.currentTarget.value);
      if (!edited().has(name)) setEdited(new Set([...edited(), name]));
    },
    errors: errors(name),
  });

  return (
    <form class="event-form" ref={form} onSubmit={submit} novalidate>
      <FormErrors messages={server().form} />
      <Field label="Title" required {...text("title")} />
      <TextAreaField label="Description" rows={5} {...text("description")} />
      <Field label="Location" {...text("location")} />
      <ZoneField
        value={draft.timezone}
        errors={errors("timezone")}
        onChange={(zone) => {
          setDraft("timezone", zone);
          if (!edited().has("timezone")) setEdited(new Set([...edited(), "timezone" as const]));
        }}
      />
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
        <Field
          label="Capacity"
          type="number"
          inputmode="numeric"
          min="1"
          required
          hint={
            props.event
              ? `${plural(seatsBooked(), "seat")} booked; capacity cannot go below that.`
              : undefined
          }
          {...text("capacity")}
        />
        <Field
          label="Max seats per booking"
          type="number"
          inputmode="numeric"
          min="1"
          max="100"
          {...text("maxSeatsPerBooking")}
        />
        <Field
          label="Max seats per person"
          type="number"
          inputmode="numeric"
          min="1"
          max="1000"
          hint="In all, over every booking of this event."
          {...text("maxSeatsPerPerson")}
        />
      </div>
      <div class="form-actions">
        <button type="submit" class="button button-primary" disabled={props.pending}>
          {props.pending ? "Saving…" : props.submitLabel}
        </button>
      </div>
    </form>
  );
}

/** Every zone this browser knows; the current one stays listed even if it does not. */
function ZoneField(props: {
  value: string;
  errors: string[] | undefined;
  onChange: (zone: string) => void;
}) {
  const id = createUniqueId();
  const zones = timeZoneNames();
  const listed = () => (zones.includes(props.value) ? zones : [props.value, ...zones]);
  const invalid = () => !!props.errors?.length;
  return (
    <div class="field" classList={{ "field-invalid": invalid() }}>
      <label for={id}>Time zone</label>
      <select
        id={id}
        name="timezone"
        value={props.value}
        aria-invalid={invalid() ? true : undefined}
        aria-describedby={invalid() ? `${id}-error` : `${id}-hint`}
        onChange={(event) => props.onChange(event.currentTarget.value)}
      >
        <For each={listed()}>
          {(zone) => <option value={zone}>{zone.replaceAll("_", " ")}</option>}
        </For>
      </select>
      <Show
        when={invalid()}
        fallback={
          <p class="field-hint" id={`${id}-hint`}>
            Where the event happens: the start and end are clock times there.
          </p>
        }
      >
        <ul class="field-errors" id={`${id}-error`}>
          <For each={props.errors}>{(message) => <li>{message}</li>}</For>
        </ul>
      </Show>
    </div>
  );
}
