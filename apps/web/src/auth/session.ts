import { useMutation, useQuery, useQueryClient } from "@tanstack/solid-query";
import type { RouterOutputs } from "@boxoffice/api";
import { api } from "../lib/api.ts";
import { reopenLiveConnection } from "../lib/trpc.ts";

export type SignedInUser = NonNullable<RouterOutputs["auth"]["me"]>;

/** Who is signed in (null when nobody); shared by the header, guards and pages. */
export function useMe() {
  return useQuery(() => ({ ...api.auth.me.queryOptions(), staleTime: 5 * 60_000 }));
}

/** After a sign-in, sign-up or sign-out: the new user, fresh private data, a new socket. */
function useSessionChange() {
  const queryClient = useQueryClient();
  return (user: SignedInUser | null) => {
    queryClient.removeQueries({ queryKey: api.bookings.pathKey() });
    queryClient.removeQueries({ queryKey: api.waitlist.pathKey() });
    queryClient.removeQueries({ queryKey: api.admin.pathKey() });
    queryClient.setQueryData(api.auth.me.queryKey(), user);
    reopenLiveConnection();
  };
}

export function useSignIn() {
  const changeSession = useSessionChange();
  return useMutation(() => ({
    ...api.auth.login.mutationOptions(),
    onSuccess: (result) => changeSession(result.user),
  }));
}

export function useSignUp() {
  const changeSession = useSessionChange();
  return useMutation(() => ({
    ...api.auth.register.mutationOptions(),
    onSuccess: (result) => changeSession(result.user),
  }));
}

export function useSignOut() {
  const changeSession = useSessionChange();
  return useMutation(() => ({
    ...api.auth.logout.mutationOptions(),
    onSuccess: () => changeSession(null),
  }));
}

/** Only same-site paths are followed after signing in (no open redirect). */
export function safeNext(next: string | undefined): string {
  return next && /^\/(?![/\\])/.test(next) ? next : "/";
}

export const signInHref = (next: string) => `/sign-in?next=${encodeURIComponent(next)}`;

/** Enough of a check to catch a typo before the server does (it has the final word). */
export const looksLikeEmail = (text: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text.trim());
