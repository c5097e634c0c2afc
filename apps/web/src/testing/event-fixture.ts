import type { RouterOutputs } from "@boxoffice/api";

type EventDetail = RouterOutputs["events"]["byId"];

/**
 * An event as events.byId returns it (events.list items are the same without feedPosition), tomorrow with 100 free seats; a test
 * overrides what it is about. One place, so a new field on events is one line here.
 */
export function eventFixture(overrides: Partial<EventDetail> = {}): EventDetail {
  const now = Date.now();
  const startsAt = overrides.startsAt ?? now + 86_400_000;
  return {
    id: 1,
    title: "Test event",
    description: "",
    location: "",
    startsAt,
    endsAt: startsAt + 2 * 3_600_000,
    imageUrl: null,
    tags: [],
    capacity: 100,
    availableSeats: 100,
    maxSeatsPerBooking: 10,
    maxSeatsPerPerson: 10,
    heldSeats: 0,
    waitlistEnabled: true,
    waitlistOfferMinutes: 60,
    checkedIn: 0,
    timezone: "UTC",
    status: "scheduled",
    cancelledAt: null,
    cancellationMessage: null,
    createdBy: 1,
    createdAt: now - 86_400_000,
    updatedAt: now - 86_400_000,
    feedPosition: "0",
    ...overrides,
  };
}
