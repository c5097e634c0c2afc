import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import { Temporal } from "temporal-polyfill";
import { tzlib_get_ical_block } from "timezones-ical-library";
import type { Event } from "@boxoffice/db";

export type CalendarEvent = Pick<
  Event,
  | "id"
  | "title"
  | "description"
  | "location"
  | "startsAt"
  | "endsAt"
  | "timezone"
  | "status"
  | "updatedAt"
>;

/** The VTIMEZONE of an IANA zone, from the tz database the library ships (current rules). */
function vtimezone(zone: string): string | null {
  const block = tzlib_get_ical_block(zone);
  return Array.isArray(block) && block[0] ? block[0] : null;
}

const isUtc = (zone: string) => zone === "UTC" || zone === "Etc/UTC";

/**
 * An .ics file for one event, with its times in the event's zone (`DTSTART;TZID=Europe/London`)
 * and that zone's VTIMEZONE, so a calendar shows it at the right time wherever its owner is,
 * and moves it correctly if clocks change. The UID is the event's, so importing a newer file
 * (after a change, or a cancellation: STATUS:CANCELLED) updates the entry instead of adding one.
 * Built with ical-generator: escaping, line folding and CRLFs are its job, not ours.
 */
export function eventCalendar(event: CalendarEvent, options: { url?: string; domain: string }) {
  const zoned = (ms: number) =>
    isUtc(event.timezone)
      ? new Date(ms)
      : Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(event.timezone);
  const calendar = ical({
    prodId: { company: "Boxoffice", product: "Boxoffice", language: "EN" },
    method: ICalCalendarMethod.PUBLISH,
    // No calendar-wide zone (it would turn DTSTAMP into local time); the generator still
    // adds the VTIMEZONE of every zone an event uses.
    timezone: { name: null, generator: vtimezone },
  });
  calendar.createEvent({
    id: `event-${event.id}@${options.domain}`,
    // Seconds since the epoch grow with every change, as SEQUENCE must.
    sequence: Math.floor(event.updatedAt / 1000),
    stamp: new Date(event.updatedAt),
    start: zoned(event.startsAt),
    end: zoned(event.endsAt),
    timezone: isUtc(event.timezone) ? null : event.timezone,
    summary: event.status === "cancelled" ? `Cancelled: ${event.title}` : event.title,
    description: event.description || null,
    location: event.location || null,
    url: options.url ?? null,
    status: event.status === "cancelled" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return calendar.toString();
}

/** `Jazz Night.ics` → a file name safe on every OS. */
export function calendarFileName(title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[^\w\s-]/g, "")
    .trim()
    .replace(/\s+/g, "-")
    .slice(0, 60);
  return `${slug || "event"}.ics`;
}
