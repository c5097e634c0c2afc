import { stringify } from "csv-stringify/sync";
import type { Event, ReadDatabase } from "@boxoffice/db";
import { formatCompact } from "@boxoffice/time";
import { listBookingsOfEvent } from "../queries/bookings.ts";

/**
 * A spreadsheet opening this file must not run anything in it: a cell starting with
 * = + - @ (or a tab/CR that some apps strip first) is prefixed with ' (OWASP's advice).
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** `none`, `partial` or `all` of a booking's valid tickets let in (`none` without tickets). */
function checkInStatus(tickets: number, checkedIn: number): string {
  if (checkedIn === 0) return "none";
  return checkedIn < tickets ? "partial" : "all";
}

/**
 * Every booking of an event, newest first, as RFC 4180 CSV with a UTF-8 BOM for Excel. Times
 * are in the event's zone, labelled: "2026-05-03 06:00 BST".
 */
export async function bookingsCsv(
  db: ReadDatabase,
  event: Pick<Event, "id" | "title" | "timezone">,
) {
  const time = (ms: number | null) => (ms === null ? "" : formatCompact(ms, event.timezone));
  const rows: string[][] = [];
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<typeof listBookingsOfEvent>> = await listBookingsOfEvent(
      db,
      event.id,
      {
        cursor,
        limit: 100,
      },
    );
    for (const booking of page.items) {
      rows.push([
        String(booking.id),
        booking.user.name,
        booking.user.email,
        String(booking.seats),
        booking.status,
        time(booking.createdAt),
        time(booking.cancelledAt),
        booking.reference,
        String(booking.tickets),
        String(booking.checkedIn),
        checkInStatus(booking.tickets, booking.checkedIn),
      ]);
    }
    cursor = page.nextCursor;
  } while (cursor);

  const body = stringify(
    rows.map((row) => row.map(neutraliseFormula)),
    {
      header: true,
      // New columns go at the end, so scripts reading columns by position keep working.
      columns: [
        "booking_id",
        "name",
        "email",
        "seats",
        "status",
        "booked_at",
        "cancelled_at",
        "reference",
        "tickets",
        "checked_in",
        "check_in_status",
      ],
      quoted_match: /[",\r\n]/,
      record_delimiter: "\r\n",
    },
  );
  return { body: `\uFEFF${body}`, contentDisposition: contentDisposition(event.title) };
}

/** `bookings-<title>.csv`, safe as a file name on every OS; the full title goes in filename*. */
function fileNameFor(title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[^\w\s-]/g, "")
    .trim()
    .replace(/\s+/g, "-")
    .slice(0, 60);
  return `bookings-${slug || "event"}.csv`;
}

/** A Content-Disposition header naming the file, with the UTF-8 title for browsers that read it. */
export function contentDisposition(title: string): string {
  const ascii = fileNameFor(title);
  // RFC 5987 allows fewer characters than encodeURIComponent leaves as they are: ' ( ) *
  // must be escaped too (a bare ' would end the charset'language' prefix early).
  const utf8 = encodeURIComponent(`bookings-${title}.csv`).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}
