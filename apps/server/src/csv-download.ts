import type { IncomingMessage, ServerResponse } from "node:http";
import {
  bookingsCsv,
  canManageEvent,
  contentDisposition,
  createRequestContext,
  findEvent,
  type RequestInfo,
  type Services,
} from "@boxoffice/api";

/** `/api/events/:id/bookings.csv` → the event id, or null for any other path. */
export function csvEventId(pathname: string): number | null {
  const match = /^\/api\/events\/(\d{1,15})\/bookings\.csv$/.exec(pathname);
  return match?.[1] ? Number(match[1]) : null;
}

function sendText(res: ServerResponse, status: number, message: string) {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
  res.end(`${message}\n`);
}

/** The bookings of an event as a CSV download, for admins and the event's creator. */
export async function serveBookingsCsv(
  req: IncomingMessage,
  res: ServerResponse,
  services: Services,
  request: RequestInfo,
  eventId: number,
) {
  const ctx = await createRequestContext(services, request);
  if (!ctx.user) return sendText(res, 401, "Sign in to download bookings.");
  const event = await findEvent(services.db, eventId);
  if (!event) return sendText(res, 404, "That event does not exist (it may have been deleted).");
  if (!canManageEvent(ctx.user, event)) {
    return sendText(res, 403, "Only an admin or the event's creator can download its bookings.");
  }
  const csv = await bookingsCsv(services.db, event);
  res.writeHead(200, {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": contentDisposition(event.title),
    "cache-control": "no-store",
  });
  res.end(req.method === "HEAD" ? undefined : csv.body);
}
