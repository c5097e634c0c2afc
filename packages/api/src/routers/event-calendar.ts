import type { Context } from "../context.ts";
import { calendarFileName, eventCalendar } from "../calendar/event-calendar.ts";
import { refusalError } from "../errors.ts";
import { findEvent } from "../queries/events.ts";

/**
 * "Add to calendar" for the HTTP route beside tRPC: the event's .ics, in its own zone.
 * Events are public, so anyone may download it; an unknown id is the API's NOT_FOUND.
 */
export async function eventCalendarFor(ctx: Context, eventId: number, origin: string) {
  const event = await findEvent(ctx.services.db, eventId);
  if (!event) throw refusalError({ code: "NOT_FOUND", entity: "event" });
  return {
    body: eventCalendar(event, {
      url: `${origin}/events/${event.id}`,
      domain: new URL(origin).hostname || "boxoffice",
    }),
    fileName: calendarFileName(event.title),
  };
}
