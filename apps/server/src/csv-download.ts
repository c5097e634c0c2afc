import type { IncomingMessage, ServerResponse } from "node:http";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { bookingsCsvFor, type Context } from "@boxoffice/api";

/** `/api/events/:id/bookings.csv` → the event id, or null for any other path. */
export function csvEventId(pathname: string): number | null {
  const match = /^\/api\/events\/(\d{1,15})\/bookings\.csv$/.exec(pathname);
  return match?.[1] ? Number(match[1]) : null;
}

/**
 * The bookings of an event as a CSV download. Who may download is the API's rule
 * (bookingsCsvFor); a refusal keeps its message and gets the status tRPC would give it.
 */
export async function serveBookingsCsv(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: Context,
  eventId: number,
) {
  let csv: Awaited<ReturnType<typeof bookingsCsvFor>>;
  try {
    csv = await bookingsCsvFor(ctx, eventId);
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    res.writeHead(getHTTPStatusCodeFromError(error), {
      "content-type": "text/plain; charset=utf-8",
    });
    res.end(`${error.message}\n`);
    return;
  }
  res.writeHead(200, {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": csv.contentDisposition,
    "cache-control": "no-store",
  });
  res.end(req.method === "HEAD" ? undefined : csv.body);
}
