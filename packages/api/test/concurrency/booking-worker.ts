/**
 * One of several processes hammering one database file: fires `requests` concurrent
 * reservations of 1–3 seats and, as bookings land, cancels about a quarter of them.
 * Prints one JSON summary line; an unexpected error (SQLITE_BUSY included) is reported,
 * not thrown, so the parent can assert there were none.
 */
import { openServicesOnFile } from "../../src/testing.ts";

const [url, driver, eventIdText, userIdsText, requestsText, workerId] = process.argv.slice(2);
if (!url || !eventIdText || !userIdsText || !requestsText)
  throw new Error("usage: url driver eventId userIds requests id");

const eventId = Number(eventIdText);
const userIds = userIdsText.split(",").map(Number);
const requests = Number(requestsText);

const services = await openServicesOnFile(url, driver);
const { commands } = services;

const summary = {
  booked: 0,
  seatsBooked: 0,
  cancelled: 0,
  seatsCancelled: 0,
  refusals: {} as Record<string, number>,
  unexpected: [] as string[],
};
const unexpected = (error: unknown) => summary.unexpected.push(String(error));

await Promise.all(
  Array.from({ length: requests }, async (_, i) => {
    const seats = 1 + (i % 3);
    const userId = userIds[i % userIds.length] ?? 0;
    try {
      const result = await commands.reserveSeats({
        eventId,
        userId,
        seats,
        idempotencyKey: `w${workerId}-${i}`,
      });
      if (!result.ok) {
        summary.refusals[result.failure.code] = (summary.refusals[result.failure.code] ?? 0) + 1;
        return;
      }
      summary.booked++;
      summary.seatsBooked += seats;
      if (i % 4 !== 0) return;
      const cancelled = await commands.cancelBooking({
        bookingId: result.booking.id,
        actorId: userId,
      });
      if (!cancelled.ok) throw new Error(`cancel refused: ${cancelled.failure.code}`);
      summary.cancelled++;
      summary.seatsCancelled += seats;
    } catch (error) {
      unexpected(error);
    }
  }),
);

await services.close();
process.stdout.write(`${JSON.stringify(summary)}\n`);
