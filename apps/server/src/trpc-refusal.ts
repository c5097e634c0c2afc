import type { ServerResponse } from "node:http";
import { getTRPCErrorShape, transformTRPCResponse, TRPCError } from "@trpc/server";
import { appRouter } from "@boxoffice/api";

type RefusalCode = "BAD_REQUEST" | "METHOD_NOT_SUPPORTED" | "PAYLOAD_TOO_LARGE";

/**
 * Answers a /trpc request that is refused before tRPC sees it, in tRPC's own error shape
 * (through the router's error formatter), so clients report it like any other error.
 * One error for a whole batch: httpBatchLink hands it to every call in the batch.
 */
export function sendTrpcRefusal(
  res: ServerResponse,
  code: RefusalCode,
  message: string,
  headers: Record<string, string> = {},
) {
  const config = appRouter._def._config;
  const shape = getTRPCErrorShape({
    config,
    error: new TRPCError({ code, message }),
    type: "unknown",
    path: undefined,
    input: undefined,
    ctx: undefined,
  });
  res.writeHead(shape.data.httpStatus, {
    "content-type": "application/json",
    "cache-control": "no-store",
    ...headers,
  });
  res.end(JSON.stringify(transformTRPCResponse(config, { error: shape })));
}
