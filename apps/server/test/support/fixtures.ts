import type { Services } from "@boxoffice/api";
import { unwrap } from "@boxoffice/api/testing";
import type { EventFields } from "@boxoffice/api/commands";

export const hour = 3_600_000;
export const day = 24 * hour;

/** An event straight through the commands (no HTTP): tomorrow, 100 seats, unless told. */
export async function createEvent(
  services: Services,
  createdBy: number,
  fields: Partial<EventFields> = {},
) {
  const startsAt = fields.startsAt ?? Date.now() + day;
  const outcome = await services.commands.createEvent({
    title: "Test event",
    description: "",
    location: "",
    imageUrl: null,
    tags: [],
    capacity: 100,
    maxSeatsPerBooking: 10,
    endsAt: startsAt + 2 * hour,
    ...fields,
    startsAt,
    createdBy,
  });
  return unwrap(outcome).event;
}

let keys = 0;

/** A confirmed booking straight through the commands; throws when refused. */
export async function book(
  services: Services,
  userId: number,
  eventId: number,
  seats = 1,
  idempotencyKey = `fixture-${process.pid}-${++keys}`,
) {
  const result = await services.commands.reserveSeats({ userId, eventId, seats, idempotencyKey });
  if (!result.ok) throw new Error(`fixture booking refused: ${result.failure.code}`);
  return result.booking;
}
