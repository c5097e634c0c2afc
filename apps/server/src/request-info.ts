import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import type { RequestInfo } from "@boxoffice/api";
import type { OriginTarget } from "@boxoffice/auth";

/** A caller-supplied request id is kept (for tracing across proxies) when it looks sane. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers["x-request-id"];
  return typeof given === "string" && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
}

/** The client's address; X-Forwarded-For only counts behind a proxy we were told to trust. */
export function clientIpOf(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers["x-forwarded-for"];
  if (trustProxy && typeof forwarded === "string") {
    const first = forwarded.split(",")[0]?.trim();
    if (first) return first;
  }
  return req.socket.remoteAddress ?? "unknown";
}

/**
 * Where the request arrived, for the Origin check: its headers, whether the X-Forwarded ones
 * may be believed, and whether the connection itself is TLS.
 */
export function originTargetOf(req: IncomingMessage, trustProxy: boolean): OriginTarget {
  return {
    headers: req.headers,
    trustProxy,
    encrypted: (req.socket as Partial<TLSSocket>).encrypted === true,
  };
}

/**
 * What the API gets to know about a request. The Origin fields ride along in the same
 * object: the API hands it to the Origin check as it is.
 */
export function requestInfoOf(
  req: IncomingMessage,
  res: ServerResponse | undefined,
  options: { trustProxy: boolean; requestId: string },
): RequestInfo & OriginTarget {
  return {
    ...originTargetOf(req, options.trustProxy),
    method: req.method ?? "GET",
    clientIp: clientIpOf(req, options.trustProxy),
    requestId: options.requestId,
    setCookie: res ? (cookie) => appendSetCookie(res, cookie) : undefined,
  };
}

function appendSetCookie(res: ServerResponse, cookie: string) {
  const existing = res.getHeader("set-cookie");
  const list = Array.isArray(existing) ? existing : existing ? [String(existing)] : [];
  res.setHeader("set-cookie", [...list, cookie]);
}
