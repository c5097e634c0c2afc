import { createSignal, For, Show } from "solid-js";
import { useMutation, useQuery, useQueryClient } from "@tanstack/solid-query";
import { api } from "../lib/api.ts";
import { ErrorState } from "../components/query-states.tsx";

/**
 * Who may scan this event's tickets besides its organisers: add people by the email of
 * their account, take them off again. Shown only to those who manage the event (for anyone
 * else the list is refused, and nothing shows).
 */
export function DoorStaff(props: { eventId: number }) {
  const queryClient = useQueryClient();
  const staff = useQuery(() => ({
    ...api.events.staff.list.queryOptions({ eventId: props.eventId }),
    retry: false,
  }));
  const [email, setEmail] = createSignal("");
  const refresh = () =>
    queryClient.invalidateQueries({
      queryKey: api.events.staff.list.queryKey({ eventId: props.eventId }),
    });
  const add = useMutation(() => ({
    ...api.events.staff.add.mutationOptions(),
    onSuccess: () => {
      setEmail("");
      void refresh();
    },
  }));
  const remove = useMutation(() => ({
    ...api.events.staff.remove.mutationOptions(),
    onSuccess: () => void refresh(),
  }));
  return (
    <Show when={staff.data}>
      {(people) => (
        <section class="door-attendees" aria-labelledby="staff-heading">
          <h2 id="staff-heading">Door staff</h2>
          <p class="muted small">
            People with an account who may check this event's tickets in (and nothing else).
          </p>
          <form
            class="door-form"
            onSubmit={(event) => {
              event.preventDefault();
              if (email().trim()) add.mutate({ eventId: props.eventId, email: email().trim() });
            }}
          >
            <div class="field">
              <label for="staff-email">Email of their account</label>
              <input
                id="staff-email"
                type="email"
                autocomplete="off"
                value={email()}
                onInput={(event) => setEmail(event.currentTarget.value)}
              />
            </div>
            <button type="submit" class="button" disabled={add.isPending}>
              Add to door staff
            </button>
          </form>
          <Show when={add.isError}>
            <ErrorState error={add.error} title="Not added." />
          </Show>
          <Show when={remove.isError}>
            <ErrorState error={remove.error} title="Not removed." />
          </Show>
          <Show when={people().length > 0} fallback={<p class="muted">No door staff yet.</p>}>
            <ul class="attendee-list" aria-label="Door staff">
              <For each={people()}>
                {(person) => (
                  <li class="attendee">
                    <div>
                      <strong>{person.name}</strong> <span class="muted small">{person.email}</span>
                    </div>
                    <button
                      type="button"
                      class="button button-small"
                      disabled={remove.isPending}
                      onClick={() => remove.mutate({ eventId: props.eventId, email: person.email })}
                    >
                      Remove<span class="visually-hidden"> {person.name} from door staff</span>
                    </button>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </section>
      )}
    </Show>
  );
}
