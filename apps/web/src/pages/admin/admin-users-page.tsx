import { createSignal, For, Show } from "solid-js";
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQueryClient,
} from "@tanstack/solid-query";
import { api } from "../../lib/api.ts";
import { useDebounced } from "../../lib/debounce.ts";
import { formatDateTime } from "../../lib/format.ts";
import { usePageTitle } from "../../lib/page-title.ts";
import { useMe } from "../../auth/session.ts";
import { EmptyState, ErrorState, QueryView } from "../../components/query-states.tsx";
import { ShowMore } from "../../components/show-more.tsx";
import { TableRegion } from "../../components/table-region.tsx";
import { pageItems } from "../../lib/pages.ts";

export default function AdminUsersPage() {
  usePageTitle(() => "Users");
  const queryClient = useQueryClient();
  const me = useMe();
  const [search, setSearch] = createSignal("");
  const query = useDebounced(search);
  const users = useInfiniteQuery(() => ({
    ...api.admin.users.list.infiniteQueryOptions({
      search: query().trim() || undefined,
      limit: 50,
    }),
    placeholderData: keepPreviousData,
  }));
  const onRoleChanged = () => {
    void queryClient.invalidateQueries({ queryKey: api.admin.users.list.pathKey() });
  };
  const promote = useMutation(() => ({
    ...api.admin.users.promote.mutationOptions(),
    onSuccess: onRoleChanged,
  }));
  const demote = useMutation(() => ({
    ...api.admin.users.demote.mutationOptions(),
    onSuccess: onRoleChanged,
  }));
  const items = () => pageItems(users.data);
  const busy = (userId: number) =>
    (promote.isPending && promote.variables?.userId === userId) ||
    (demote.isPending && demote.variables?.userId === userId);

  return (
    <div class="stack">
      <div class="toolbar">
        <div class="field field-grow">
          <label for="user-search">Search users</label>
          <input
            id="user-search"
            type="search"
            placeholder="Name or email"
            value={search()}
            onInput={(event) => setSearch(event.currentTarget.value)}
          />
        </div>
      </div>
      <Show when={promote.isError || demote.isError}>
        <ErrorState error={promote.error ?? demote.error} title="The role was not changed." />
      </Show>
      <QueryView query={users} errorTitle="Users could not be loaded.">
        {() => (
          <Show when={items().length > 0} fallback={<EmptyState title="No users found." />}>
            <TableRegion label="Users">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Email</th>
                    <th scope="col">Role</th>
                    <th scope="col">Joined</th>
                    <th scope="col">
                      <span class="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <For each={items()}>
                    {(user) => (
                      <tr>
                        <th scope="row">
                          {user.name}
                          <Show when={me.data?.id === user.id}>
                            <span class="muted"> (you)</span>
                          </Show>
                        </th>
                        <td>{user.email}</td>
                        <td>
                          <span class={`badge badge-role-${user.role}`}>{user.role}</span>
                        </td>
                        <td>{formatDateTime(user.createdAt)}</td>
                        <td>
                          <Show
                            when={user.role === "admin"}
                            fallback={
                              <button
                                type="button"
                                class="button button-small"
                                disabled={busy(user.id)}
                                onClick={() => promote.mutate({ userId: user.id })}
                              >
                                Make admin<span class="visually-hidden"> {user.name}</span>
                              </button>
                            }
                          >
                            <button
                              type="button"
                              class="button button-small"
                              disabled={busy(user.id)}
                              onClick={() => demote.mutate({ userId: user.id })}
                            >
                              Remove admin<span class="visually-hidden"> {user.name}</span>
                            </button>
                          </Show>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </TableRegion>
            <ShowMore query={users} />
          </Show>
        )}
      </QueryView>
    </div>
  );
}
