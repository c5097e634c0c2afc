import type { IncomingMessage, ServerResponse } from "node:http";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { eventCalendarFor, type Context } from "@boxoffice/api";

/** `/api/events/:id/calendar.ics` → the event id, or null for any other path. */
export function calendarEventId(pathname: string): number | null {
  const match = /^\/api\/events\/(\d{1,15})\/calendar\.ics$/.exec(pathname);
  return match?.[1] ? Number(match[1]) : null;
}

/**
 * "Add to calendar": the event as an .ics file in the event's own zone. Built here, on the
 * server, and not in the browser: the calendar library and the zone rules it needs would
 * add tens of kilobytes to the web app for a button pressed now and then.
 */
export async function serveEventCalendar(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: Context,
  eventId: number,
  origin: string,
) {
  let calendar: Awaited<ReturnType<typeof eventCalendarFor>>;
  try {
    calendar = await eventCalendarFor(ctx, eventId, origin);
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    res.writeHead(getHTTPStatusCodeFromError(error), {
      "content-type": "text/plain; charset=utf-8",
    });
    res.end(`${error.message}\n`);
    return;
  }
  res.writeHead(200, {
    "content-type": "text/calendar; charset=utf-8",
    "content-disposition": `attachment; filename="${calendar.fileName}"`,
    "cache-control": "no-store",
  });
  res.end(req.method === "HEAD" ? undefined : calendar.body);
}
