import { hash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AnyTRPCRouter } from "@trpc/server";
import {
  getErrorShape,
  getHTTPStatusCode,
  getProcedureAtPath,
  getTRPCErrorFromUnknown,
  isAsyncIterable,
  isObject,
  isPromise,
  transformTRPCResponse,
  TRPCError,
  type AnyProcedure,
} from "@trpc/server/unstable-core-do-not-import";

/** What the tRPC handler also receives: the request's context is built the same way. */
export interface DirectTrpcOptions<Context> {
  router: AnyTRPCRouter;
  createContext: (req: IncomingMessage, res: ServerResponse) => Promise<Context>;
  onError: (opts: {
    error: TRPCError;
    path: string | undefined;
    req: IncomingMessage;
    type: string;
  }) => void;
  /**
   * For a successful GET: the Cache-Control to send when browsers and proxies may keep the
   * answer, or null when they must not. Cacheable answers get an ETag and a 304 when the
   * client already has them.
   */
  cacheControl?: (paths: readonly string[], req: IncomingMessage) => string | null;
}

/** The answer to one call, before it is written. */
type CallResult = { error: TRPCError } | { data: unknown };

/**
 * Plain queries and mutations answered straight on node:http, without tRPC's fetch adapter.
 * On Node 20 that adapter costs more than most procedures: every request becomes a fetch
 * `Request` with its own AbortController, `AbortSignal.any` twice, `Headers`, a `Response`
 * and a web-stream pipe to write it (≈ 0.5 ms of CPU per call here, see bench/RESULTS.md).
 * This handler runs the same procedures with the same context, inputs, error shapes
 * (`errorFormatter`), status codes (`getHTTPStatusCode`), batching and headers, so a client
 * cannot tell the two apart (apps/server/test/trpc-direct.test.ts compares them call by call).
 *
 * It takes GET queries and POST mutations with JSON (single or `batch=1`), which is what
 * httpLink and httpBatchLink send. Anything else — HEAD, streaming (`jsonl`) batches,
 * subscriptions over SSE, FormData or octet inputs, `connectionParams` — returns `false`
 * before anything has happened, and the caller hands the request to tRPC's own handler.
 */
export function createDirectTrpcHandler<Context>(options: DirectTrpcOptions<Context>) {
  const { router } = options;
  const config = router._def._config;

  return async function serveDirect(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    body: string | undefined,
  ): Promise<boolean> {
    const method = req.method;
    if (method !== "GET" && method !== "POST") return false;
    if (!plainJsonRequest(req)) return false;
    const params = url.searchParams;
    if (params.has("connectionParams")) return false;

    let path: string;
    try {
      // As tRPC's standalone adapter cuts it: one slash trimmed at each end, twice.
      path = decodeURIComponent(trimSlashes(trimSlashes(url.pathname).slice("trpc".length)));
    } catch {
      return false;
    }
    const isBatch = params.get("batch") === "1";
    const paths = isBatch ? path.split(",") : [path];
    const procedures: (AnyProcedure | null)[] = [];
    for (const each of paths) procedures.push(await getProcedureAtPath(router, each));
    const types = new Set(
      procedures.flatMap((procedure) => (procedure ? [procedure._def.type] : [])),
    );
    // Subscriptions (SSE) and mixed batches go to tRPC's own handler.
    if (types.has("subscription") || types.size > 1) return false;
    const type = (types.values().next().value as "query" | "mutation" | undefined) ?? "unknown";

    const inputs = readInputs(method === "GET" ? (params.get("input") ?? undefined) : body, {
      isBatch,
      count: paths.length,
      deserialize: (value) => config.transformer.input.deserialize(value) as unknown,
    });

    let ctx: Context | undefined;
    let contextError: TRPCError | undefined;
    try {
      ctx = await options.createContext(req, res);
    } catch (cause) {
      contextError = getTRPCErrorFromUnknown(cause);
    }

    let allow: string | undefined;
    const results = await Promise.all(
      paths.map(async (callPath, index): Promise<CallResult> => {
        const procedure = procedures[index] ?? null;
        try {
          if (!procedure) {
            throw new TRPCError({
              code: "NOT_FOUND",
              message: `No procedure found on path "${callPath}"`,
            });
          }
          const accepted = procedure._def.type === "mutation" ? "POST" : "GET";
          if (method !== accepted) {
            allow = accepted;
            throw new TRPCError({
              code: "METHOD_NOT_SUPPORTED",
              message: `Unsupported ${method}-request to ${procedure._def.type} procedure at path "${callPath}"`,
            });
          }
          if (contextError) throw contextError;
          const data: unknown = await procedure({
            path: callPath,
            getRawInput: () => inputs.read(index),
            ctx,
            type: procedure._def.type,
            signal: undefined,
            batchIndex: index,
          });
          if (isDataStream(data)) {
            throw new TRPCError({
              code: "UNSUPPORTED_MEDIA_TYPE",
              message:
                "Cannot use stream-like response in non-streaming request - use httpBatchStreamLink",
            });
          }
          return { data };
        } catch (cause) {
          const error = getTRPCErrorFromUnknown(cause);
          options.onError({
            error,
            path: callPath,
            req,
            type: procedure?._def.type ?? "unknown",
          });
          return { error };
        }
      }),
    );

    const answers = results.map((result, index) =>
      "error" in result
        ? {
            error: getErrorShape({
              config,
              ctx,
              error: result.error,
              input: inputs.parsed(index),
              path: paths[index],
              type: isBatch ? (procedures[index]?._def.type ?? "unknown") : type,
            }),
          }
        : { result: { data: result.data } },
    );
    const errors = results.map((result) => ("error" in result ? result.error : undefined));
    const status = getHTTPStatusCode(answers, errors);
    const payload = transformTRPCResponse(config, isBatch ? answers : (answers[0] ?? answers));
    const headers: Record<string, string> = {
      vary: "trpc-accept, accept",
      "content-type": "application/json",
    };
    if (allow) headers.allow = allow;
    const cacheControl =
      method === "GET" && status === 200 ? (options.cacheControl?.(paths, req) ?? null) : null;
    const only = !isBatch ? results[0] : undefined;
    const answer =
      only && "data" in only && cacheControl
        ? serializedAnswer(only.data, () => JSON.stringify(payload))
        : { text: JSON.stringify(payload), etag: undefined };
    if (cacheControl) {
      headers["cache-control"] = cacheControl;
      headers.etag = answer.etag ?? etagOf(answer.text);
    }
    if (res.statusCode === 200) res.statusCode = status;
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    if (headers.etag && matchesEtag(req.headers["if-none-match"], headers.etag)) {
      res.statusCode = 304;
      res.removeHeader("content-type");
      res.end();
      return true;
    }
    res.end(answer.text);
    return true;
  };
}

const etagOf = (text: string | Buffer) => `"${hash("sha1", text, "base64url")}"`;

/**
 * The bytes and ETag of a public read's answer, made once per answer object: the reads
 * memo (queries/read-memo.ts) hands out the same object until the database changes, so a
 * page is serialized and hashed once, not on every request. Never used for answers that
 * may be personal (only when the caller says the answer may be cached).
 */
const serialized = new WeakMap<object, { text: Buffer; etag: string }>();
function serializedAnswer(data: unknown, stringify: () => string) {
  if (typeof data !== "object" || data === null) {
    const text = stringify();
    return { text, etag: etagOf(text) };
  }
  let known = serialized.get(data);
  if (!known) {
    const text = Buffer.from(stringify());
    known = { text, etag: etagOf(text) };
    serialized.set(data, known);
  }
  return known;
}

/** `If-None-Match: "a", W/"b"` (or `*`) names the entity tag `etag`. */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((tag) => {
    const trimmed = tag.trim();
    return trimmed === "*" || trimmed.replace(/^W\//, "") === etag;
  });
}

function trimSlashes(path: string): string {
  const start = path.startsWith("/") ? 1 : 0;
  return path.endsWith("/") ? path.slice(start, -1) : path.slice(start);
}

/** JSON (or no body type on a GET), and an answer that is not asked to stream. */
function plainJsonRequest(req: IncomingMessage): boolean {
  const accept = req.headers["trpc-accept"];
  if (accept !== undefined) {
    if (accept === "application/jsonl") return false;
  } else if (req.headers.accept?.split(",").some((type) => type.trim() === "application/jsonl")) {
    return false;
  }
  const contentType = req.headers["content-type"];
  if (contentType === undefined) return req.method === "GET";
  return contentType.toLowerCase().split(";", 1)[0]?.trim() === "application/json";
}

/**
 * The calls' inputs, parsed on first use the way tRPC does: a body or `input` parameter that
 * is not JSON fails each call that reads it with BAD_REQUEST and the parser's message.
 */
function readInputs(
  raw: string | undefined,
  options: { isBatch: boolean; count: number; deserialize: (value: unknown) => unknown },
) {
  let parsed: Record<number, unknown> | undefined;
  let failure: TRPCError | undefined;
  const parse = () => {
    if (parsed || failure) return;
    try {
      const inputs: unknown = raw ? JSON.parse(raw) : undefined;
      const byIndex: Record<number, unknown> = {};
      if (inputs !== undefined && !options.isBatch) byIndex[0] = options.deserialize(inputs);
      if (inputs !== undefined && options.isBatch) {
        if (!isObject(inputs)) {
          throw new TRPCError({
            code: "BAD_REQUEST",
            message: '"input" needs to be an object when doing a batch call',
          });
        }
        for (let index = 0; index < options.count; index++) {
          const input = inputs[index];
          if (input !== undefined) byIndex[index] = options.deserialize(input);
        }
      }
      parsed = byIndex;
    } catch (cause) {
      failure =
        cause instanceof TRPCError
          ? cause
          : new TRPCError({
              code: "BAD_REQUEST",
              message: cause instanceof Error ? cause.message : "Invalid input",
              cause,
            });
    }
  };
  return {
    async read(index: number): Promise<unknown> {
      parse();
      if (failure) throw failure;
      return parsed?.[index];
    },
    /** What was read, for error shapes; undefined when nothing was. */
    parsed: (index: number): unknown => parsed?.[index],
  };
}

/** tRPC refuses to send async iterables or promises without streaming; so does this. */
function isDataStream(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (isAsyncIterable(value)) return true;
  const values = Object.values(value);
  return values.some(isPromise) || values.some(isAsyncIterable);
}
