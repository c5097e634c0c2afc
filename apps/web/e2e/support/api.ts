import { createTRPCClient, httpBatchLink } from "@trpc/client";
import type { AppRouter } from "@boxoffice/api";

/**
 * The API as someone else's device sees it (a second app, a script): signed in with a
 * bearer token, so the test can change things behind a browser's back.
 */
export async function apiAs(baseUrl: string, email: string, password = "password123") {
  const anonymous = createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: `${baseUrl}/trpc` })],
  });
  const { token } = await anonymous.auth.login.mutate({ email, password, returnToken: true });
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({ url: `${baseUrl}/trpc`, headers: { authorization: `Bearer ${token}` } }),
    ],
  });
}
