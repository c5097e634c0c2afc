import { lazy } from "solid-js";
import type { RouteDefinition } from "@solidjs/router";
import { RequireAdmin, RequireSignedIn, SignedOutOnly } from "./auth/require-auth.tsx";
import { api, queryClient } from "./lib/api.ts";
import { eventsListQuery } from "./pages/events-query.ts";

const searchOf = (search: string) => Object.fromEntries(new URLSearchParams(search));

/** Every route in one table; pages load on demand, so the first load stays small. */
export const routes: RouteDefinition[] = [
  {
    path: "/",
    component: lazy(() => import("./pages/events-page.tsx")),
    // Data and code load in parallel (and the first data rides in one batch with auth.me).
    preload: ({ location }) => {
      const search = searchOf(location.search);
      void queryClient.prefetchInfiniteQuery(eventsListQuery(search));
      const when = search.when === "past" ? "past" : "upcoming";
      void queryClient.prefetchQuery(api.events.tags.queryOptions({ when }));
    },
  },
  {
    path: "/events/:id",
    component: lazy(() => import("./pages/event-page.tsx")),
    preload: ({ params }) => {
      const id = Number(params.id);
      if (Number.isSafeInteger(id) && id > 0) {
        void queryClient.prefetchQuery(api.events.byId.queryOptions({ id }));
      }
    },
  },
  {
    // Not behind the sign-in guard: a door must reopen offline, where auth.me cannot load.
    // The API decides who may scan; the page says so when it refuses.
    path: "/events/:id/check-in",
    component: lazy(() => import("./pages/check-in-page.tsx")),
  },
  {
    path: "/sign-in",
    component: SignedOutOnly,
    children: [{ path: "/", component: lazy(() => import("./pages/sign-in-page.tsx")) }],
  },
  {
    path: "/sign-up",
    component: SignedOutOnly,
    children: [{ path: "/", component: lazy(() => import("./pages/sign-up-page.tsx")) }],
  },
  {
    path: "/forgot-password",
    component: lazy(() => import("./pages/forgot-password-page.tsx")),
  },
  {
    path: "/reset-password",
    component: lazy(() => import("./pages/reset-password-page.tsx")),
  },
  {
    path: "/account/password",
    component: RequireSignedIn,
    children: [{ path: "/", component: lazy(() => import("./pages/change-password-page.tsx")) }],
  },
  {
    path: "/bookings",
    component: RequireSignedIn,
    children: [
      { path: "/", component: lazy(() => import("./pages/my-bookings-page.tsx")) },
      { path: "/:id/tickets", component: lazy(() => import("./pages/tickets-page.tsx")) },
    ],
  },
  {
    path: "/admin",
    component: RequireAdmin,
    children: [
      {
        path: "/",
        component: lazy(() => import("./pages/admin/admin-layout.tsx")),
        children: [
          { path: "/", component: lazy(() => import("./pages/admin/admin-stats-page.tsx")) },
          { path: "/events", component: lazy(() => import("./pages/admin/admin-events-page.tsx")) },
          {
            path: ["/events/new", "/events/:id/edit"],
            component: lazy(() => import("./pages/admin/admin-event-edit-page.tsx")),
          },
          {
            path: "/events/:id/bookings",
            component: lazy(() => import("./pages/admin/admin-event-bookings-page.tsx")),
          },
          {
            path: "/events/:id/waitlist",
            component: lazy(() => import("./pages/admin/admin-event-waitlist-page.tsx")),
          },
          { path: "/users", component: lazy(() => import("./pages/admin/admin-users-page.tsx")) },
          { path: "/audit", component: lazy(() => import("./pages/admin/admin-audit-page.tsx")) },
          { path: "/emails", component: lazy(() => import("./pages/admin/admin-emails-page.tsx")) },
          {
            path: "/emails/:id",
            component: lazy(() => import("./pages/admin/admin-email-page.tsx")),
          },
        ],
      },
    ],
  },
  { path: "*", component: lazy(() => import("./pages/not-found-page.tsx")) },
];
