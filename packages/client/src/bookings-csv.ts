import { BoxofficeHttpError } from "./errors.ts";
import { baseUrl } from "./urls.ts";

export interface BookingsCsvOptions {
  url: string;
  /** An admin's token, or the token of the event's creator. */
  token: string;
  eventId: number;
}

/**
 * The bookings of an event as CSV text (the same file the web app downloads). Rejects
 * with a BoxofficeHttpError carrying the status (401, 403, 404) and the server's message.
 */
export async function downloadBookingsCsv({
  url,
  token,
  eventId,
}: BookingsCsvOptions): Promise<string> {
  const response = await fetch(`${baseUrl(url)}/api/events/${eventId}/bookings.csv`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const body = await response.text();
  if (!response.ok) {
    throw new BoxofficeHttpError(response.status, body.trim() || response.statusText);
  }
  return body;
}
