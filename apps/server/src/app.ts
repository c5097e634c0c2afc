import { existsSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import sirv from "sirv";
import { appRouter, createRequestContext, type Services } from "@boxoffice/api";
import { isReady } from "@boxoffice/db";
import { calendarEventId, serveEventCalendar } from "./calendar-download.ts";
import { csvEventId, serveBookingsCsv } from "./csv-download.ts";
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
import { sendTrpcRefusal } from "./trpc-refusal.ts";

export interface AppOptions {
  env: Env;
  services: Services;
  logger: Logger;
  /** Absent unless METRICS_TOKEN is set. */
  metrics?: Metrics | undefined;
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
export function createApp({ env, services, logger, metrics }: AppOptions): Server {
  const trustProxy = env.TRUST_PROXY;
  const requestIds = new WeakMap<IncomingMessage, string>();

  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: "/trpc/",
    createContext: ({ req, res }) =>
      createRequestContext(
        services,
        requestInfoOf(req, res, { trustProxy, requestId: requestIds.get(req) ?? "" }),
      ),
    onError({ error, path, req }) {
      if (error.code === "INTERNAL_SERVER_ERROR") {
        logger.error(
          { err: error.cause ?? error, path, requestId: requestIds.get(req) },
          "procedure failed",
        );
      }
    },
  });

  const webDist = env.WEB_DIST;
  const web =
    webDist && existsSync(webDist)
      ? sirv(webDist, { single: true, etag: true, gzip: true, brotli: true })
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
    if (req.method === "POST") {
      const body = await readBodyWithinLimit(req);
      if (body === null) {
        return sendTrpcRefusal(res, "PAYLOAD_TOO_LARGE", bodyTooLargeMessage, {
          connection: "close",
        });
      }
      Object.assign(req, { body });
    }
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
      if (pathname === "/metrics") return await serveMetrics(req, res, metrics, env.METRICS_TOKEN);
      if (pathname === "/readyz") {
        const readiness = await isReady(services.db);
        return json(res, readiness.ready ? 200 : 503, readiness);
      }
      if (
        pathname === "/api/tickets/public-key" &&
        (req.method === "GET" || req.method === "HEAD")
      ) {
        return servePublicKeys(req, res, services.tickets.jwks);
      }
      const csvEvent = csvEventId(pathname);
      if (csvEvent !== null && (req.method === "GET" || req.method === "HEAD")) {
        return await serveBookingsCsv(
          req,
          res,
          await createRequestContext(services, requestInfoOf(req, res, { trustProxy, requestId })),
          csvEvent,
        );
      }
      const calendarEvent = calendarEventId(pathname);
      if (calendarEvent !== null && (req.method === "GET" || req.method === "HEAD")) {
        return await serveEventCalendar(
          req,
          res,
          await createRequestContext(services, requestInfoOf(req, res, { trustProxy, requestId })),
          calendarEvent,
          env.PUBLIC_URL ?? originOf(req.headers.host),
        );
      }
      if (web && (req.method === "GET" || req.method === "HEAD") && !pathname.startsWith("/api/")) {
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
