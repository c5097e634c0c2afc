import { createTRPCClient, httpLink } from "@trpc/client";
import type { AppRouter, RouterOutputs } from "./types.ts";
import { trpcHttpUrl } from "./urls.ts";

export type SignInResult = RouterOutputs["auth"]["login"] & { token: string };

/**
 * Signs in with email and password and returns the session token (with the user and when
 * it expires). Pass the token to `createBoxofficeClient({ url, token })`. A wrong password
 * rejects with a TRPCClientError whose `data.code` is `UNAUTHORIZED`.
 */
export async function signIn(url: string, email: string, password: string): Promise<SignInResult> {
  const client = createTRPCClient<AppRouter>({ links: [httpLink({ url: trpcHttpUrl(url) })] });
  const session = await client.auth.login.mutate({ email, password, returnToken: true });
  const { token } = session;
  if (!token) throw new Error("The server did not return a session token.");
  return { ...session, token };
}
