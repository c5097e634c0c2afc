import { For, Show } from "solid-js";
import { A, useSearchParams } from "@solidjs/router";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/solid-query";
import { api } from "../../lib/api.ts";
import { formatDateTime } from "../../lib/format.ts";
import { usePageTitle } from "../../lib/page-title.ts";
import { EmptyState, QueryView } from "../../components/query-states.tsx";
import { ShowMore } from "../../components/show-more.tsx";
import { TableRegion } from "../../components/table-region.tsx";
import { pageItems } from "../../lib/pages.ts";
import { kindLabels, statusBadge, statusLabels, type EmailStatus } from "./email-labels.ts";

const isStatus = (value: string | undefined): value is EmailStatus =>
  value !== undefined && value in statusLabels;

/**
 * Every email the outbox holds, newest first: what went out, what waits (reminders, retries)
 * and what gave up. Without SMTP_URL in development this is where messages are delivered.
 */
export default function AdminEmailsPage() {
  usePageTitle(() => "Emails");
  const [params, setParams] = useSearchParams<{ status?: string }>();
  const status = () => (isStatus(params.status) ? params.status : undefined);
  const emails = useInfiniteQuery(() => ({
    ...api.admin.emails.list.infiniteQueryOptions({ status: status(), limit: 50 }),
    placeholderData: keepPreviousData,
  }));
  const items = () => pageItems(emails.data);

  return (
    <div class="stack">
      <form class="toolbar" onSubmit={(event) => event.preventDefault()}>
        <div class="field">
          <label for="email-status">Status</label>
          <select
            id="email-status"
            value={status() ?? ""}
            onChange={(event) => setParams({ status: event.currentTarget.value || undefined })}
          >
            <option value="">All emails</option>
            <For each={Object.entries(statusLabels)}>
              {([value, label]) => <option value={value}>{label}</option>}
            </For>
          </select>
        </div>
      </form>
      <QueryView query={emails} errorTitle="The emails could not be loaded.">
        {() => (
          <Show when={items().length > 0} fallback={<EmptyState title="No emails yet." />}>
            <TableRegion label="Emails">
              <table>
                <caption class="visually-hidden">Emails, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Subject</th>
                    <th scope="col">To</th>
                    <th scope="col">Kind</th>
                    <th scope="col">Status</th>
                    <th scope="col">When</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={items()}>
                    {(email) => (
                      <tr data-testid="email-row">
                        <th scope="row">
                          <A href={`/admin/emails/${email.id}`}>
                            {email.subject ?? `${kindLabels[email.kind]} (not written yet)`}
                          </A>
                        </th>
                        <td>{email.recipient}</td>
                        <td>{kindLabels[email.kind]}</td>
                        <td>
                          <span class={`badge badge-${statusBadge[email.status]}`}>
                            {statusLabels[email.status]}
                          </span>
                          <Show when={email.attempts > 1}>
                            <span class="muted small"> ({email.attempts} tries)</span>
                          </Show>
                        </td>
                        <td>{formatDateTime(email.sentAt ?? email.sendAfter)}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </TableRegion>
            <ShowMore query={emails} />
          </Show>
        )}
      </QueryView>
    </div>
  );
}
