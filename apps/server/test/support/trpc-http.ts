import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import type { AppRouter } from "@boxoffice/api";

export type Client = ReturnType<typeof createTRPCClient<AppRouter>>;

/** A tRPC client over plain HTTP (one request per call), signed in when given a token. */
export function clientFor(
  baseUrl: string,
  token?: string | null,
  headers: Record<string, string> = {},
): Client {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: `${baseUrl}/trpc`,
        headers: () => ({ ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers }),
      }),
    ],
  });
}

export interface Refusal {
  code: string;
  httpStatus: number;
  message: string;
  reason: string | null;
  retryAfterSeconds: number | null;
}

/** How a call that must fail failed; throws when it succeeded or failed outside tRPC. */
export async function refusalOf(call: Promise<unknown>): Promise<Refusal> {
  let result: unknown;
  try {
    result = await call;
  } catch (error) {
    if (!(error instanceof TRPCClientError)) throw error;
    const { data, message } = error as TRPCClientError<AppRouter>;
    if (!data) throw error;
    return {
      code: data.code,
      httpStatus: data.httpStatus,
      message,
      reason: data.reason,
      retryAfterSeconds: data.retryAfterSeconds,
    };
  }
  throw new Error(`Expected a refusal, got ${JSON.stringify(result)}`);
}

/** A body sent byte for byte, for JSON that JSON.stringify cannot produce (1e400, broken). */
export class RawBody {
  constructor(readonly text: string) {}
}

export interface RawCall {
  method?: "GET" | "POST";
  /** Omitted: no input at all. */
  input?: unknown;
  headers?: Record<string, string>;
}

export interface RawAnswer {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or null when the body is not JSON. */
  body: unknown;
}

/**
 * A tRPC call without the client: GET `?input=` for queries, a JSON POST for mutations,
 * exactly as tRPC's own links send them, so the input can be anything at all.
 */
export async function rawCall(baseUrl: string, path: string, call: RawCall): Promise<RawAnswer> {
  const method = call.method ?? "GET";
  const encoded =
    call.input === undefined
      ? undefined
      : call.input instanceof RawBody
        ? call.input.text
        : JSON.stringify(call.input);
  let url = `${baseUrl}/trpc/${path}`;
  const init: RequestInit = { method, headers: { ...call.headers } };
  if (method === "GET") {
    if (encoded !== undefined) url += `?input=${encodeURIComponent(encoded)}`;
  } else {
    init.headers = { "content-type": "application/json", ...call.headers };
    if (encoded !== undefined) init.body = encoded;
  }
  const response = await fetch(url, init);
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  return { status: response.status, headers: response.headers, body };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
