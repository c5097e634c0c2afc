import { vi } from "vitest";

/** tRPC's numeric error codes for the codes the tests send. */
const rpcCodes: Record<string, number> = {
  BAD_REQUEST: -32600,
  UNAUTHORIZED: -32001,
  CONFLICT: -32009,
  TOO_MANY_REQUESTS: -32029,
};

/**
 * Answers every batched tRPC call with the same refusal, shaped as the server's error
 * formatter shapes it. Undo with `vi.unstubAllGlobals()`.
 */
export function refuseEveryCall(code: string, message: string, data: Record<string, unknown> = {}) {
  const status = { BAD_REQUEST: 400, UNAUTHORIZED: 401, CONFLICT: 409 }[code] ?? 429;
  const body = [
    {
      error: {
        message,
        code: rpcCodes[code] ?? -32603,
        data: {
          code,
          httpStatus: status,
          reason: null,
          zodError: null,
          retryAfterSeconds: null,
          ...data,
        },
      },
    },
  ];
  const fetchMock = vi.fn(
    async () =>
      new Response(JSON.stringify(body), {
        status,
        headers: { "content-type": "application/json" },
      }),
  );
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}
