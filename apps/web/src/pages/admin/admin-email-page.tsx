import { Match, Show, Switch } from "solid-js";
import { A, useParams } from "@solidjs/router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/solid-query";
import { api } from "../../lib/api.ts";
import { errorMessage } from "../../lib/errors.ts";
import { formatDateTime } from "../../lib/format.ts";
import { usePageTitle } from "../../lib/page-title.ts";
import { ErrorState, Loading } from "../../components/query-states.tsx";
import { kindLabels, statusBadge, statusLabels } from "./email-labels.ts";

/**
 * One email as its recipient sees it: the HTML in a sandboxed frame (no scripts, no
 * same-origin access, no forms), and the plain-text part. One that gave up can be retried.
 */
export default function AdminEmailPage() {
  const params = useParams<{ id: string }>();
  const id = () => Number(params.id);
  const queryClient = useQueryClient();
  const email = useQuery(() => ({
    ...api.admin.emails.byId.queryOptions({
      id: Number.isSafeInteger(id()) && id() > 0 ? id() : 1,
    }),
  }));
  usePageTitle(() => (email.data?.subject ? `Email: ${email.data.subject}` : "Email"));
  const retry = useMutation(() => ({
    ...api.admin.emails.retry.mutationOptions(),
    onSuccess: (message) => {
      queryClient.setQueryData(api.admin.emails.byId.queryKey({ id: message.id }), message);
      void queryClient.invalidateQueries({ queryKey: api.admin.emails.list.pathKey() });
    },
  }));

  return (
    <div class="stack">
      <p class="breadcrumb">
        <A href="/admin/emails">← Emails</A>
      </p>
      <Switch>
        <Match when={email.isPending}>
          <Loading label="Loading email…" />
        </Match>
        <Match when={email.isError}>
          <ErrorState error={email.error} onRetry={() => void email.refetch()} />
        </Match>
        <Match when={email.data}>
          {(data) => (
            <article class="stack" aria-labelledby="email-subject">
              <h2 id="email-subject">{data().subject ?? kindLabels[data().kind]}</h2>
              <dl class="facts">
                <div>
                  <dt>To</dt>
                  <dd>{data().recipient}</dd>
                </div>
                <div>
                  <dt>Status</dt>
                  <dd>
                    <span class={`badge badge-${statusBadge[data().status]}`}>
                      {statusLabels[data().status]}
                    </span>{" "}
                    after {data().attempts} {data().attempts === 1 ? "try" : "tries"}
                  </dd>
                </div>
                <div>
                  <dt>{data().sentAt ? "Sent" : "Due"}</dt>
                  <dd>{formatDateTime(data().sentAt ?? data().sendAfter)}</dd>
                </div>
                <div>
                  <dt>Message-ID</dt>
                  <dd class="small">{data().messageId}</dd>
                </div>
                <Show when={data().lastError}>
                  {(error) => (
                    <div>
                      <dt>{data().status === "cancelled" ? "Why not sent" : "Last error"}</dt>
                      <dd>{error()}</dd>
                    </div>
                  )}
                </Show>
              </dl>
              <Show when={data().status === "dead"}>
                <div>
                  <button
                    type="button"
                    class="button button-primary"
                    disabled={retry.isPending}
                    onClick={() => retry.mutate({ id: data().id })}
                  >
                    {retry.isPending ? "Retrying…" : "Try sending again"}
                  </button>
                </div>
              </Show>
              <Show when={retry.isError}>
                <p class="notice notice-error" role="alert">
                  {errorMessage(retry.error)}
                </p>
              </Show>
              <Show
                when={data().html !== null || data().text !== null}
                fallback={
                  <p class="notice" role="status">
                    Not written yet: a message is written when it is sent, so it shows the event as
                    it is then.
                  </p>
                }
              >
                <h3>As HTML</h3>
                <iframe
                  class="email-frame"
                  title="The email as HTML"
                  sandbox=""
                  srcdoc={data().html ?? ""}
                />
                <h3>As plain text</h3>
                <pre class="email-text" data-testid="email-text">
                  {data().text}
                </pre>
              </Show>
            </article>
          )}
        </Match>
      </Switch>
    </div>
  );
}
