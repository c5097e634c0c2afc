import { Match, Switch } from "solid-js";
import { A, useNavigate, useParams } from "@solidjs/router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/solid-query";
import { api } from "../../lib/api.ts";
import { usePageTitle } from "../../lib/page-title.ts";
import { ErrorState, Loading } from "../../components/query-states.tsx";
import { CancelEventForm } from "./cancel-event-form.tsx";
import { EventForm } from "./event-form.tsx";

/** `/admin/events/new` creates; `/admin/events/:id/edit` edits. */
export default function AdminEventEditPage() {
  const params = useParams<{ id?: string }>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const editing = () => params.id !== undefined;
  const id = () => Number(params.id);
  usePageTitle(() => (editing() ? "Edit event" : "New event"));

  const event = useQuery(() => ({
    ...api.events.byId.queryOptions({ id: editing() ? id() : 1 }),
    enabled: editing(),
  }));
  const saved = (saved: { id: number }) => {
    void queryClient.invalidateQueries({ queryKey: api.events.list.pathKey() });
    void queryClient.invalidateQueries({ queryKey: api.admin.pathKey() });
    navigate(`/events/${saved.id}`);
  };
  const create = useMutation(() => ({
    ...api.events.create.mutationOptions(),
    onSuccess: (created) => {
      // A mutation's answer carries no feed position: every live change after it applies.
      queryClient.setQueryData(api.events.byId.queryKey({ id: created.id }), {
        ...created,
        feedPosition: "0",
      });
      saved(created);
    },
  }));
  const update = useMutation(() => ({
    ...api.events.update.mutationOptions(),
    onSuccess: (updated) => {
      queryClient.setQueryData(api.events.byId.queryKey({ id: updated.id }), (before) => ({
        ...updated,
        feedPosition: before?.feedPosition ?? "0",
      }));
      saved(updated);
    },
  }));

  return (
    <div class="stack">
      <p class="breadcrumb">
        <A href="/admin/events">← Events</A>
      </p>
      <h2>{editing() ? "Edit event" : "New event"}</h2>
      <Switch>
        <Match when={!editing()}>
          <EventForm
            submitLabel="Create event"
            pending={create.isPending}
            error={create.error}
            onSubmit={(fields) => create.mutate(fields)}
          />
        </Match>
        <Match when={event.isPending}>
          <Loading label="Loading event…" />
        </Match>
        <Match when={event.isError}>
          <ErrorState error={event.error} onRetry={() => void event.refetch()} />
        </Match>
        <Match when={event.data}>
          {(data) => (
            <>
              <EventForm
                event={data()}
                submitLabel="Save changes"
                pending={update.isPending}
                error={update.error}
                onSubmit={(fields) => update.mutate({ id: data().id, changes: fields })}
              />
              <CancelEventForm event={data()} />
            </>
          )}
        </Match>
      </Switch>
    </div>
  );
}
