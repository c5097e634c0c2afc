import { existsSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { TRPCError } from "@trpc/server";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import sirv from "sirv";
import { appRouter, createRequestContext, type Services } from "@boxoffice/api";
import { readSessionToken } from "@boxoffice/auth";
import { isReady } from "@boxoffice/db";
import { downloadAt, serveDownload } from "./downloads.ts";
import { serveMetrics, type Metrics } from "./metrics.ts";
import { servePublicKeys } from "./public-keys.ts";
import type { Env } from "./env.ts";
import type { Logger } from "./logger.ts";
import { requestIdOf, requestInfoOf } from "./request-info.ts";
import {
  allowedMethodsFor,
  batchSizeOf,
  bodyTooLargeMessage,
  readBodyWithinLimit,
} from "./request-limits.ts";
import { createDirectTrpcHandler } from "./trpc-direct.ts";
import { sendTrpcRefusal } from "./trpc-refusal.ts";

export interface AppOptions {
  env: Env;
  services: Services;
  logger: Logger;
  /** Absent unless METRICS_TOKEN is set. */
  metrics?: Metrics | undefined;
  /**
   * Answer plain tRPC queries and mutations on node:http (trpc-direct.ts). Off only to
   * compare it with tRPC's own handler.
   */
  directTrpc?: boolean;
  /** In a cluster: every process's metrics, gathered by the primary (for /metrics). */
  clusterMetrics?: (() => Promise<string>) | undefined;
  /** In a cluster: whether every worker and the primary's writer are up (for /readyz). */
  clusterReady?: (() => { ready: boolean; workers: object }) | undefined;
}

const json = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) => {
  res.writeHead(status, {
    "content-type": "application/json",
    "cache-control": "no-store",
    ...headers,
  });
  res.end(JSON.stringify(body));
};

/**
 * Reads that are the same for everyone: browsers and proxies may keep them for a few
 * seconds and revalidate with If-None-Match. Seat counts on them may be that old; the live
 * feed corrects them on every page that shows one.
 */
const publicReads = new Set(["events.list", "events.byId"]);
const publicReadCacheControl = "public, max-age=5, stale-while-revalidate=30";

/**
 * Vite names everything under /assets/ by its content hash: a changed file is a new URL, so
 * browsers keep these for a year without asking. Everything else (index.html, which names
 * the current assets, the SPA routes it answers, favicon) is revalidated on every use.
 */
const webCacheControl = (pathname: string) =>
  pathname.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache";

/** No session (cookie or bearer token): nothing in the answer can be about a person. */
const anonymous = (req: IncomingMessage) =>
  readSessionToken(req.headers) === null && req.headers.authorization === undefined;

/** 405 with `Allow`; fetch()-based code (tRPC's adapter) cannot even represent TRACE. */
function refuseMethod(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  allowed: readonly string[],
) {
  const allow = allowed.join(", ");
  const method = req.method ?? "?";
  if (pathname.startsWith("/trpc/")) {
    return sendTrpcRefusal(
      res,
      "METHOD_NOT_SUPPORTED",
      `${method} is not supported here: send queries as GET and mutations as POST.`,
      { allow },
    );
  }
  json(res, 405, { error: `${method} is not supported at ${pathname}; use ${allow}.` }, { allow });
}

/** Where a request was sent, for links in a download; a strange Host header is not used. */
const originOf = (host: string | undefined) =>
  host && /^[\w.-]+(:\d{1,5})?$/.test(host) ? `http://${host}` : "http://localhost";

/** The HTTP side of the one port: tRPC, health, the CSV download and the web app. */
export function createApp(options: AppOptions): Server {
  const { env, services, logger, metrics } = options;
  const trustProxy = env.TRUST_PROXY;
  const requestIds = new WeakMap<IncomingMessage, string>();

  const createContext = (req: IncomingMessage, res: ServerResponse) =>
    createRequestContext(
      services,
      requestInfoOf(req, res, { trustProxy, requestId: requestIds.get(req) ?? "" }),
    );
  const onError = ({
    error,
    path,
    req,
  }: {
    error: TRPCError;
    path?: string;
    req: IncomingMessage;
  }) => {
    if (error.code === "INTERNAL_SERVER_ERROR") {
      logger.error(
        { err: error.cause ?? error, path, requestId: requestIds.get(req) },
        "procedure failed",
      );
    }
  };
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: "/trpc/",
    createContext: ({ req, res }) => createContext(req, res),
    onError,
  });
  /** Plain queries and mutations; tRPC's handler takes whatever it declines. */
  const direct =
    options.directTrpc === false
      ? null
      : createDirectTrpcHandler({
          router: appRouter,
          createContext,
          onError,
          cacheControl: (paths, req) =>
            anonymous(req) && paths.every((path) => publicReads.has(path))
              ? publicReadCacheControl
              : null,
        });

  const webDist = env.WEB_DIST;
  const web =
    webDist && existsSync(webDist)
      ? sirv(webDist, {
          single: true,
          etag: true,
          // dist/ holds a .br and a .gz beside each text file (written by the web build):
          // the browser gets whichever it accepts, compressed once at build time.
          gzip: true,
          brotli: true,
          setHeaders: (res, pathname) => res.setHeader("cache-control", webCacheControl(pathname)),
        })
      : null;

  /** Limits tRPC's HTTP handler does not state clearly itself, then tRPC. */
  const serveTrpc = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const calls = batchSizeOf(url);
    if (calls > env.TRPC_MAX_BATCH) {
      return sendTrpcRefusal(
        res,
        "BAD_REQUEST",
        `This request batches ${calls} calls; the server answers at most ${env.TRPC_MAX_BATCH} per request. Send them in smaller batches (httpBatchLink's maxItems).`,
      );
    }
    let body: string | undefined;
    if (req.method === "POST") {
      const read = await readBodyWithinLimit(req);
      if (read === null) {
        return sendTrpcRefusal(res, "PAYLOAD_TOO_LARGE", bodyTooLargeMessage, {
          connection: "close",
        });
      }
      body = read;
      Object.assign(req, { body });
    }
    // Answers about a person must never be kept by a browser or proxy; public reads say
    // otherwise themselves.
    res.setHeader("cache-control", "no-store");
    if (direct && (await direct(req, res, url, body))) return;
    return trpc(req, res);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const requestId = requestIdOf(req);
    requestIds.set(req, requestId);
    res.setHeader("x-request-id", requestId);
    const started = performance.now();
    res.on("finish", () => {
      logger.debug(
        {
          requestId,
          method: req.method,
          url: req.url,
          status: res.statusCode,
          ms: Math.round(performance.now() - started),
        },
        "request",
      );
    });

    try {
      const url = new URL(req.url ?? "/", "http://boxoffice.invalid");
      const { pathname } = url;
      const allowed = allowedMethodsFor(pathname);
      if (!allowed.includes(req.method ?? "")) return refuseMethod(req, res, pathname, allowed);
      if (pathname.startsWith("/trpc/")) return await serveTrpc(req, res, url);
      if (pathname === "/healthz") return json(res, 200, { ok: true });
      if (pathname === "/metrics") {
        return await serveMetrics(req, res, metrics, env.METRICS_TOKEN, options.clusterMetrics);
      }
      if (pathname === "/readyz") {
        const readiness = await isReady(services.db);
        const cluster = options.clusterReady?.();
        if (!cluster) return json(res, readiness.ready ? 200 : 503, readiness);
        const ready = readiness.ready && cluster.ready;
        return json(res, ready ? 200 : 503, {
          ...readiness,
          ready,
          ...(readiness.ready && !cluster.ready ? { reason: "workers starting or stopping" } : {}),
          workers: cluster.workers,
        });
      }
      // Every path below answers GET and HEAD only: allowedMethodsFor refused the rest.
      if (pathname === "/api/tickets/public-key") {
        return servePublicKeys(req, res, services.tickets.jwks);
      }
      const download = downloadAt(pathname);
      if (download) {
        return await serveDownload(
          req,
          res,
          await createRequestContext(services, requestInfoOf(req, res, { trustProxy, requestId })),
          download,
          env.PUBLIC_URL ?? originOf(req.headers.host),
        );
      }
      if (web && !pathname.startsWith("/api/")) {
        return web(req, res, () => json(res, 404, { error: "Not found" }));
      }
      json(res, 404, { error: `Nothing at ${pathname}` });
    } catch (error) {
      logger.error({ err: error, requestId }, "request failed");
      if (!res.headersSent)
        json(res, 500, { error: "Something went wrong on our side; try again.", requestId });
      else res.end();
    }
  };

  // The handler settles every error itself (500 with the request id), so nothing is lost.
  return createServer((req, res) => void handle(req, res));
}
