import { createSignal, Show } from "solid-js";
import { useMutation, useQueryClient } from "@tanstack/solid-query";
import type { RouterOutputs } from "@boxoffice/api";
import { api } from "../../lib/api.ts";
import { fieldErrors, formErrors } from "../../lib/errors.ts";
import { plural } from "../../lib/format.ts";
import { ConfirmButton } from "../../components/confirm-button.tsx";
import { FormErrors, TextAreaField } from "../../components/field.tsx";

type Event = RouterOutputs["events"]["byId"];

/**
 * Cancelling instead of deleting: the event stays, marked cancelled with this message, and
 * everyone who booked is told (live and by email); their bookings stay in their lists.
 */
export function CancelEventForm(props: { event: Event }) {
  const queryClient = useQueryClient();
  const [message, setMessage] = createSignal("");
  const [missing, setMissing] = createSignal(false);
  const cancel = useMutation(() => ({
    ...api.events.cancel.mutationOptions(),
    onSuccess: (result) => {
      // Read again rather than written: the page's copy carries the feed position it shows.
      void queryClient.invalidateQueries({
        queryKey: api.events.byId.queryKey({ id: result.event.id }),
      });
      void queryClient.invalidateQueries({ queryKey: api.events.list.pathKey() });
      void queryClient.invalidateQueries({ queryKey: api.admin.pathKey() });
      void queryClient.invalidateQueries({ queryKey: api.bookings.pathKey() });
    },
  }));
  const booked = () => props.event.capacity - props.event.availableSeats;
  const errors = () =>
    missing()
      ? ["Tell the people who booked why the event is cancelled."]
      : fieldErrors(cancel.error).message;

  return (
    <section id="cancel" class="stack danger-zone" aria-labelledby="cancel-heading">
      <h3 id="cancel-heading">Cancel this event</h3>
      <Show
        when={props.event.status === "scheduled"}
        fallback={
          <p class="notice notice-warning" role="status">
            This event is cancelled
            {cancel.isSuccess
              ? `; ${plural(cancel.data.cancelledBookings, "booking")} cancelled and their holders told.`
              : "."}
          </p>
        }
      >
        <p class="muted">
          The event stays listed as cancelled. {plural(booked(), "seat")} booked: every booking is
          cancelled and its holder told by email and in the app, with your message.
        </p>
        <TextAreaField
          label="Message to the people who booked"
          rows={3}
          value={message()}
          onInput={(event) => {
            setMessage(event.currentTarget.value);
            setMissing(false);
          }}
          errors={errors()}
        />
        <FormErrors messages={formErrors(cancel.error, ["message"])} />
        <div>
          <ConfirmButton
            label="Cancel event"
            question={`Cancel “${props.event.title}” and tell everyone who booked?`}
            confirmLabel="Yes, cancel the event"
            cancelLabel="Keep it"
            pending={cancel.isPending}
            onConfirm={() => {
              if (!message().trim()) setMissing(true);
              else cancel.mutate({ id: props.event.id, message: message().trim() });
            }}
          />
        </div>
      </Show>
    </section>
  );
}
