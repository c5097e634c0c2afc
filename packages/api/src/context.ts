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
  /** The WebSocket a procedure came over; null for plain HTTP requests. */
  connection: LiveConnection | null;
}

/** A count with a ceiling, shared by everything it limits. */
export interface SlotPool {
  used: number;
  readonly max: number;
}

/** What the API needs to know about the WebSocket an operation came over. */
export interface LiveConnection {
  /**
   * The session token the socket was opened with (cookie or connectionParams). A socket
   * lives for hours, so each operation resolves it anew: a sign-out, an expiry or a role
   * change applies to the next operation, not to the next socket.
   */
  sessionToken: string | null;
  /** This socket's live subscriptions (WS_MAX_SUBSCRIPTIONS). */
  subscriptions: SlotPool;
  /**
   * Subscriptions of every socket from the same address that nobody is signed in on
   * (WS_MAX_ANONYMOUS_SUBSCRIPTIONS_PER_IP); taken as well when the subscriber is anonymous.
   */
  anonymousSubscriptions: SlotPool | null;
  /**
   * Settles once the socket has room for more (at once, usually). A subscription awaits it
   * before each change it sends, so a slow reader slows its own subscriptions instead of
   * filling memory; one that stays full is closed, and this rejects.
   */
  whenWritable(): Promise<void> | undefined;
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

/**
 * Resolves the session from a bearer token or the session cookie. For a WebSocket, pass
 * the socket's bookkeeping: the token is kept so every operation can resolve it again.
 */
export async function createRequestContext(
  services: Services,
  request: RequestInfo,
  connection: Omit<LiveConnection, "sessionToken"> | null = null,
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
    connection: connection ? { ...connection, sessionToken: token } : null,
  });
}

/**
 * The context with the session as it is now. Over HTTP the context is made per request,
 * so it is already current; over a WebSocket it was made when the socket opened.
 */
export async function withCurrentSession(ctx: Context): Promise<Context> {
  if (!ctx.connection) return ctx;
  const token = ctx.connection.sessionToken;
  const current = token ? await resolveSession(ctx.services, token) : null;
  return { ...ctx, user: current?.user ?? null, session: current?.session ?? null };
}
