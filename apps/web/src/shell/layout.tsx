import { createEffect, ErrorBoundary, on, Show, Suspense, type JSX } from "solid-js";
import { A, useLocation, useNavigate } from "@solidjs/router";
import { useMe, useSignOut } from "../auth/session.ts";
import { useLiveUpdates } from "../live/live-updates.ts";
import { LiveStatus } from "./live-status.tsx";
import { ErrorState, Loading } from "../components/query-states.tsx";

/** The frame around every page: header and navigation, then the routed page. */
export function Layout(props: { children?: JSX.Element }) {
  useLiveUpdates();
  const me = useMe();
  const signOut = useSignOut();
  const navigate = useNavigate();
  const user = () => (me.isSuccess ? me.data : null);
  const location = useLocation();
  let main: HTMLElement | undefined;
  // A new page moves focus to it, so keyboard and screen reader users start at its top.
  createEffect(
    on(
      () => location.pathname,
      () => main?.focus({ preventScroll: true }),
      { defer: true },
    ),
  );

  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="site-header">
        <div class="container header-inner">
          <A href="/" class="brand" end>
            <span class="brand-mark" aria-hidden="true">
              ◆
            </span>
            Boxoffice
          </A>
          <LiveStatus />
          <nav aria-label="Main" class="main-nav">
            <A href="/" end>
              Events
            </A>
            <Show when={user()}>
              <A href="/bookings">My bookings</A>
            </Show>
            <Show when={user()?.role === "admin"}>
              <A href="/admin">Admin</A>
            </Show>
            <Show
              when={user()}
              fallback={
                <Show when={me.isSuccess}>
                  <A href="/sign-in">Sign in</A>
                  <A href="/sign-up" class="button button-small button-primary">
                    Sign up
                  </A>
                </Show>
              }
            >
              {(signedIn) => (
                <span class="account">
                  <span class="account-name" title={signedIn().email}>
                    {signedIn().name}
                  </span>
                  <button
                    type="button"
                    class="button button-small"
                    disabled={signOut.isPending}
                    onClick={() =>
                      signOut.mutate(undefined, {
                        onSuccess: () => navigate("/", { replace: true }),
                      })
                    }
                  >
                    Sign out
                  </button>
                </span>
              )}
            </Show>
          </nav>
        </div>
      </header>
      <main id="main" class="container" tabindex="-1" ref={main}>
        <ErrorBoundary
          fallback={(error, reset) => (
            <ErrorState error={error} title="This page failed." onRetry={reset} />
          )}
        >
          <Suspense fallback={<Loading />}>{props.children}</Suspense>
        </ErrorBoundary>
      </main>
      <footer class="site-footer">
        <div class="container">Boxoffice — book seats, watch them go live.</div>
      </footer>
    </>
  );
}
