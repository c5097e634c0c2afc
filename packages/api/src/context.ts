import type { Session } from "@boxoffice/db";
import {
  isSameOrigin,
  readSessionToken,
  type OriginCheckRequest,
  type SessionUser,
} from "@boxoffice/auth";
import { resolveSession } from "./session-resolution.ts";
import type { Services } from "./services/services.ts";

/**
 * What the transport (HTTP or WebSocket) tells the API about a request, including where it
 * was sent (TLS, and whether a trusted proxy's X-Forwarded-* headers count) for the Origin
 * check.
 */
export interface RequestInfo extends Pick<OriginCheckRequest, "trustProxy" | "encrypted"> {
  method: string;
  headers: OriginCheckRequest["headers"] & { cookie?: string; authorization?: string };
  clientIp: string;
  requestId: string;
  /** Adds a Set-Cookie header to the response; absent on WebSocket messages. */
  setCookie?: (cookie: string) => void;
}

export interface Context {
  services: Services;
  user: SessionUser | null;
  session: Session | null;
  /** False for a cross-site browser request: mutations are refused. */
  sameOrigin: boolean;
  clientIp: string;
  requestId: string;
  setCookie: (cookie: string) => void;
  /** Per-WebSocket bookkeeping; null for plain HTTP requests. */
  connection: ConnectionLimits | null;
}

export interface ConnectionLimits {
  subscriptions: number;
  maxSubscriptions: number;
}

/** The context with everything resolved; tests build it directly. */
export function createContextInner(
  services: Services,
  parts: Partial<Omit<Context, "services">> = {},
): Context {
  return {
    services,
    user: parts.user ?? null,
    session: parts.session ?? null,
    sameOrigin: parts.sameOrigin ?? true,
    clientIp: parts.clientIp ?? "127.0.0.1",
    requestId: parts.requestId ?? "internal",
    setCookie: parts.setCookie ?? (() => {}),
    connection: parts.connection ?? null,
  };
}

/** Resolves the session from a bearer token or the session cookie. */
export async function createRequestContext(
  services: Services,
  request: RequestInfo,
  connection: ConnectionLimits | null = null,
): Promise<Context> {
  const token = readSessionToken(request.headers);
  const validated = token ? await resolveSession(services, token) : null;
  return createContextInner(services, {
    user: validated?.user ?? null,
    session: validated?.session ?? null,
    sameOrigin: isSameOrigin(request, services.allowedOrigins),
    clientIp: request.clientIp,
    requestId: request.requestId,
    setCookie: request.setCookie ?? (() => {}),
    connection,
  });
}
