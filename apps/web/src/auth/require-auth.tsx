import { Match, Show, Switch, type JSX } from "solid-js";
import { Navigate, useLocation, useSearchParams } from "@solidjs/router";
import { ErrorState, Loading } from "../components/query-states.tsx";
import { safeNext, signInHref, useMe } from "./session.ts";

/** Signed-out visitors go to sign in, and come back here afterwards (`?next=`). */
function Guard(props: { admin: boolean; children?: JSX.Element }) {
  const me = useMe();
  const location = useLocation();
  return (
    <Switch>
      <Match when={me.isPending}>
        <Loading />
      </Match>
      <Match when={me.isError}>
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      </Match>
      <Match when={!me.data}>
        <Navigate href={signInHref(location.pathname + location.search)} />
      </Match>
      <Match when={props.admin && me.data?.role !== "admin"}>
        <section class="empty" aria-labelledby="admins-only-heading">
          <h1 id="admins-only-heading">Admins only</h1>
          <p>Your account cannot open this page.</p>
        </section>
      </Match>
      <Match when={true}>{props.children}</Match>
    </Switch>
  );
}

export const RequireSignedIn = (props: { children?: JSX.Element }) => (
  <Guard admin={false}>{props.children}</Guard>
);

export const RequireAdmin = (props: { children?: JSX.Element }) => (
  <Guard admin={true}>{props.children}</Guard>
);

/**
 * Sign in and sign up are for signed-out visitors: someone signed in (already, or just now)
 * goes on to `?next=` or the events list.
 */
export function SignedOutOnly(props: { children?: JSX.Element }) {
  const me = useMe();
  const [params] = useSearchParams<{ next?: string }>();
  return (
    <Show when={me.isSuccess && me.data} fallback={props.children}>
      <Navigate href={safeNext(params.next)} />
    </Show>
  );
}
