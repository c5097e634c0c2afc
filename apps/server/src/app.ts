import { existsSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import sirv from "sirv";
import { appRouter, createRequestContext, type Services } from "@boxoffice/api";
import { isReady } from "@boxoffice/db";
import { csvEventId, serveBookingsCsv } from "./csv-download.ts";
import type { Env } from "./env.ts";
import type { Logger } from "./logger.ts";
import { requestIdOf, requestInfoOf } from "./request-info.ts";

export interface AppOptions {
  env: Env;
  services: Services;
  logger: Logger;
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
};

/** The HTTP side of the one port: tRPC, health, the CSV download and the web app. */
export function createApp({ env, services, logger }: AppOptions): Server {
  const trustProxy = env.TRUST_PROXY;
  const requestIds = new WeakMap<IncomingMessage, string>();

  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: "/trpc/",
    maxBodySize: 1_000_000,
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
      const { pathname } = new URL(req.url ?? "/", "http://boxoffice.invalid");
      if (pathname.startsWith("/trpc/")) return trpc(req, res);
      if (pathname === "/healthz") return json(res, 200, { ok: true });
      if (pathname === "/readyz") {
        const readiness = await isReady(services.db);
        return json(res, readiness.ready ? 200 : 503, readiness);
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
