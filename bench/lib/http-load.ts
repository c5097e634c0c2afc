/**
 * HTTP load from the benchmark's own process (never the server's), on undici: a closed loop
 * of N keep-alive connections for a fixed time, and a one-shot burst. Every loop is bounded
 * in time and in count, and every request has a timeout.
 */
import { Client, Pool } from "undici";
import { summarize } from "./stats.ts";

export interface LoadRequest {
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** Decides whether an answer counts as a success; anything else is an error. */
export type Judge = (status: number, body: string) => boolean;

export interface LoadResult {
  requests: number;
  ok: number;
  errors: number;
  /** e.g. "429" or "ECONNRESET" → how many. */
  errorKinds: Record<string, number>;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  /** Bytes of the first successful answer's body. */
  sampleBodyBytes: number;
  sampleBody: string;
}

const requestTimeoutMs = 30_000;
const judgeOk: Judge = (status) => status >= 200 && status < 300;

/**
 * `connections` workers, each with one keep-alive connection, send requests back to back for
 * `seconds` (after `warmupSeconds` that are not counted). Closed loop: a worker sends its next
 * request when the last one is answered, as a pool of busy clients would.
 */
export async function closedLoop(options: {
  url: string;
  connections: number;
  seconds: number;
  warmupSeconds?: number;
  maxRequests?: number;
  request: (n: number) => LoadRequest;
  judge?: Judge;
  /** Sees every answer (e.g. to keep its ETag for the next request). */
  observe?: (request: LoadRequest, status: number, headers: Record<string, unknown>) => void;
}): Promise<LoadResult> {
  const judge = options.judge ?? judgeOk;
  const maxRequests = options.maxRequests ?? 5_000_000;
  const pool = new Pool(options.url, {
    connections: options.connections,
    pipelining: 1,
    headersTimeout: requestTimeoutMs,
    bodyTimeout: requestTimeoutMs,
  });
  const latencies: number[] = [];
  const errorKinds: Record<string, number> = {};
  let sampleBody = "";
  let ok = 0;
  let sequence = 0;
  let recording = false;

  async function one(n: number) {
    const req = options.request(n);
    const started = performance.now();
    let kind: string | null = null;
    try {
      const res = await pool.request(req);
      const text = await res.body.text();
      options.observe?.(req, res.statusCode, res.headers);
      if (judge(res.statusCode, text)) {
        if (!sampleBody) sampleBody = text;
      } else kind = String(res.statusCode);
    } catch (error) {
      kind = (error as { code?: string }).code ?? (error as Error).name;
    }
    if (!recording) return;
    latencies.push(performance.now() - started);
    if (kind) errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
    else ok++;
  }

  async function phase(seconds: number) {
    const deadline = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: options.connections }, async () => {
        while (performance.now() < deadline && sequence < maxRequests) await one(sequence++);
      }),
    );
  }

  try {
    await phase(options.warmupSeconds ?? 0);
    recording = true;
    const started = performance.now();
    await phase(options.seconds);
    const elapsed = (performance.now() - started) / 1000;
    const stats = summarize(latencies);
    return {
      requests: latencies.length,
      ok,
      errors: latencies.length - ok,
      errorKinds,
      perSecond: ok / elapsed,
      p50: stats.p50,
      p99: stats.p99,
      max: stats.max,
      sampleBodyBytes: Buffer.byteLength(sampleBody),
      sampleBody,
    };
  } finally {
    await pool.destroy();
  }
}

export interface BurstAnswer {
  status: number;
  body: string;
  /** From the first send to the answer, across a retry. */
  latencyMs: number;
  /** Sent a second time because the connection was reset before any answer. */
  retried: boolean;
  /** Network failure instead of an answer (after the retry). */
  error?: string;
}

/** The server closed or reset a kept-alive connection before answering. */
const connectionLost = new Set(["ECONNRESET", "EPIPE", "UND_ERR_SOCKET", "UND_ERR_CLOSED"]);

/**
 * Sends every request at once: each inner list pipelined on its own keep-alive connection,
 * opened beforehand (so the burst measures the server, not TCP handshakes). Resolves when the
 * last answer is in, with the time from the first send to that last answer.
 *
 * A request whose connection is reset before it is answered is sent once more on a fresh
 * connection, as browsers do for a request that fails on a reused connection; that is safe
 * here because every booking attempt carries its own idempotency key. Retries are counted.
 */
export async function burst(options: {
  url: string;
  requests: LoadRequest[][];
  warmPath: string;
  timeoutMs?: number;
}): Promise<{ answers: BurstAnswer[]; drainMs: number }> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const perConnection = Math.max(...options.requests.map((list) => list.length));
  const clients = options.requests.map(
    () =>
      new Client(options.url, {
        pipelining: perConnection,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      }),
  );
  try {
    // Open every connection first, a bounded number at a time.
    for (let at = 0; at < clients.length; at += 100) {
      await Promise.all(
        clients.slice(at, at + 100).map(async (client) => {
          const res = await client.request({ method: "GET", path: options.warmPath });
          await res.body.text();
        }),
      );
    }
    const started = performance.now();
    const answers = await Promise.all(
      options.requests.flatMap((list, index) =>
        list.map(async (req): Promise<BurstAnswer> => {
          const client = clients[index] as Client;
          const sent = performance.now();
          let retried = false;
          for (;;) {
            try {
              // Each attempt carries its own idempotency key, so pipelining it is safe.
              const res = await client.request({ ...req, idempotent: true, blocking: false });
              const body = await res.body.text();
              return { status: res.statusCode, body, latencyMs: performance.now() - sent, retried };
            } catch (error) {
              const code = (error as { code?: string }).code ?? (error as Error).name;
              if (!retried && connectionLost.has(code)) {
                retried = true;
                continue;
              }
              return {
                status: 0,
                body: "",
                latencyMs: performance.now() - sent,
                retried,
                error: code,
              };
            }
          }
        }),
      ),
    );
    return { answers, drainMs: performance.now() - started };
  } finally {
    await Promise.all(clients.map((client) => client.destroy()));
  }
}

/** The standard one-booking request: POST /trpc/bookings.create with a bearer token. */
export function bookingRequest(
  token: string,
  input: { eventId: number; seats: number; idempotencyKey: string },
): LoadRequest {
  return {
    method: "POST",
    path: "/trpc/bookings.create",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify(input),
  };
}
