import type { IncomingMessage } from "node:http";

/** tRPC takes queries as GET, mutations as POST (HEAD it answers empty). */
const trpcMethods = ["GET", "HEAD", "POST"] as const;
/** Health, readiness, the CSV download and the web app are all read-only. */
const readOnlyMethods = ["GET", "HEAD"] as const;

/** The methods a path answers; any other method is a 405 with this list as `Allow`. */
export function allowedMethodsFor(pathname: string): readonly string[] {
  return pathname.startsWith("/trpc/") ? trpcMethods : readOnlyMethods;
}

/**
 * How many procedure calls a tRPC HTTP request asks for: `/trpc/a,b,c?batch=1` is three.
 * Counted from the URL, before any input is parsed, the way tRPC splits the path.
 */
export function batchSizeOf(url: URL): number {
  if (url.searchParams.get("batch") !== "1") return 1;
  return url.pathname.slice("/trpc/".length).split(",").length;
}

/**
 * Most calls one request may batch (TRPC_MAX_BATCH). Far above what the web app and the
 * client send at once; far below the ~1,300 calls a 16 KB URL can hold.
 */
export const defaultMaxBatch = 20;

/** The largest request body the server reads (the largest input is an event's text). */
export const maxBodyKb = 1000;
const maxBodyBytes = maxBodyKb * 1024;

export const bodyTooLargeMessage = `The request body is larger than the ${maxBodyKb} KB this server accepts. Send less in one request (a shorter description, fewer calls per batch).`;

/**
 * The whole body as text, or null as soon as it is known to be over the limit (from
 * Content-Length, or while reading a body sent without one). Reading it here rather than
 * in tRPC is what lets the refusal say what the limit is; tRPC takes a string `req.body`
 * as the body.
 */
export function readBodyWithinLimit(req: IncomingMessage): Promise<string | null> {
  const declared = Number(req.headers["content-length"]);
  if (declared > maxBodyBytes) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodyBytes) return void chunks.push(chunk);
      // The rest is read and dropped (the stream keeps flowing) while the 413 goes out.
      done();
      resolve(null);
    };
    const onEnd = () => {
      done();
      resolve(Buffer.concat(chunks).toString("utf8"));
    };
    const onError = (error: Error) => {
      done();
      reject(error);
    };
    const done = () => {
      req.off("data", onData).off("end", onEnd).off("error", onError);
    };
    req.on("data", onData).on("end", onEnd).on("error", onError);
  });
}
