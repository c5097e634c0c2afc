import type { RouterInputs, RouterOutputs } from "@boxoffice/api";
import { deviceTimeZone, isTimeZone } from "@boxoffice/time";
import { fromLocalInput, plural, toLocalInput } from "../../lib/format.ts";

export type EventFields = RouterInputs["events"]["create"];
type Event = RouterOutputs["events"]["byId"];

/** The event form's inputs, as text; `validateEventDraft` turns them into API fields. */
export interface EventDraft {
  title: string;
  description: string;
  location: string;
  /** Where the event happens (IANA); startsAt and endsAt are clock times there. */
  timezone: string;
  startsAt: string;
  endsAt: string;
  imageUrl: string;
  tags: string;
  capacity: string;
  maxSeatsPerBooking: string;
  /** What one person may hold in all, over every booking (and waiting-list offer). */
  maxSeatsPerPerson: string;
}

export type DraftField = keyof EventDraft;
export type DraftErrors = Partial<Record<DraftField, string[]>>;

/** In the order the form shows them, so the first error is the first field in it. */
export const draftFields: DraftField[] = [
  "title",
  "description",
  "location",
  "timezone",
  "startsAt",
  "endsAt",
  "imageUrl",
  "tags",
  "capacity",
  "maxSeatsPerBooking",
  "maxSeatsPerPerson",
];

export function draftOf(
  event: Event | undefined,
  now = Date.now(),
  zone = deviceTimeZone(),
): EventDraft {
  const nextWeek = now + 7 * 24 * 3_600_000;
  const start = event?.startsAt ?? nextWeek - (nextWeek % 3_600_000);
  const timezone = event?.timezone ?? zone;
  return {
    title: event?.title ?? "",
    description: event?.description ?? "",
    location: event?.location ?? "",
    timezone,
    startsAt: toLocalInput(start, timezone),
    endsAt: toLocalInput(event?.endsAt ?? start + 2 * 3_600_000, timezone),
    imageUrl: event?.imageUrl ?? "",
    tags: event?.tags.join(", ") ?? "",
    capacity: String(event?.capacity ?? 50),
    maxSeatsPerBooking: String(event?.maxSeatsPerBooking ?? 10),
    maxSeatsPerPerson: String(event?.maxSeatsPerPerson ?? 10),
  };
}

// The server's limits (packages/api inputs.ts), checked here first so every message is ours.
const earliest = Date.UTC(2000, 0, 1);
const latest = Date.UTC(2200, 0, 1);
const tagPattern = /^[\p{L}\p{N}][\p{L}\p{N} &-]*$/u;

// Tabs and line breaks are fine; the server refuses every other control character.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlCharacter = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const textFields = ["title", "description", "location", "imageUrl", "tags"] as const;

const tooLong = (what: string, max: number) =>
  `Keep the ${what} to ${max.toLocaleString("en")} characters or fewer.`;

function wholeNumber(text: string): number | undefined {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : undefined;
}

function isHttpUrl(text: string): boolean {
  try {
    return /^https?:$/.test(new URL(text).protocol);
  } catch {
    return false;
  }
}

export interface DraftContext {
  /** New events must start in the future; an edit may keep a start that has passed. */
  isNew: boolean;
  now: number;
  /** Seats already booked (editing): capacity cannot go below them. */
  seatsBooked?: number;
}

/** The API fields for a draft, or a human message for each field that is not right. */
export function validateEventDraft(
  draft: EventDraft,
  context: DraftContext,
): { ok: true; fields: EventFields } | { ok: false; errors: DraftErrors } {
  const errors: DraftErrors = {};
  const fail = (field: DraftField, message: string) => (errors[field] ??= []).push(message);

  for (const field of textFields) {
    if (controlCharacter.test(draft[field])) {
      fail(field, "Remove the invisible control character (pasted in, perhaps).");
    }
  }
  const title = draft.title.trim();
  if (!title) fail("title", "Give the event a title.");
  else if (title.length > 200) fail("title", tooLong("title", 200));
  if (draft.description.trim().length > 10_000) {
    fail("description", tooLong("description", 10_000));
  }
  if (draft.location.trim().length > 200) fail("location", tooLong("location", 200));

  const zoneKnown = isTimeZone(draft.timezone);
  if (!zoneKnown) fail("timezone", "Pick the time zone the event happens in from the list.");
  const zone = zoneKnown ? draft.timezone : "UTC";
  const startsAt = fromLocalInput(draft.startsAt, zone);
  const endsAt = fromLocalInput(draft.endsAt, zone);
  if (startsAt === undefined) fail("startsAt", "Pick a start date and time.");
  else if (startsAt < earliest || startsAt >= latest) {
    fail("startsAt", "Pick a date between the years 2000 and 2200.");
  } else if (context.isNew && startsAt <= context.now) {
    fail("startsAt", "Pick a start in the future.");
  }
  if (endsAt === undefined) fail("endsAt", "Pick an end date and time.");
  else if (startsAt !== undefined && endsAt <= startsAt) {
    fail("endsAt", "The event must end after it starts.");
  } else if (endsAt < earliest || endsAt >= latest) {
    fail("endsAt", "Pick a date between the years 2000 and 2200.");
  }

  const imageUrl = draft.imageUrl.trim();
  if (imageUrl && !isHttpUrl(imageUrl)) {
    fail("imageUrl", "Use a web address starting with http:// or https://.");
  } else if (imageUrl.length > 2_000) fail("imageUrl", tooLong("image address", 2_000));

  const tags = [
    ...new Set(
      draft.tags
        .split(",")
        .map((tag) => tag.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
  const badTag = tags.find((tag) => !tagPattern.test(tag));
  const longTag = tags.find((tag) => tag.length > 30);
  if (badTag) fail("tags", `Tags use letters, digits, spaces, & and - (not “${badTag}”).`);
  else if (longTag) fail("tags", `Keep each tag to 30 characters or fewer (“${longTag}”).`);
  else if (tags.length > 10) fail("tags", "Use at most 10 tags.");

  const capacity = wholeNumber(draft.capacity);
  const booked = context.seatsBooked ?? 0;
  if (capacity === undefined) fail("capacity", "Capacity must be a whole number.");
  else if (capacity < 1) fail("capacity", "Capacity must be at least 1.");
  else if (capacity > 1_000_000) fail("capacity", "Capacity can be at most 1,000,000.");
  else if (capacity < booked) {
    fail("capacity", `${plural(booked, "seat")} already booked; capacity cannot go below that.`);
  }

  const maxSeats = wholeNumber(draft.maxSeatsPerBooking);
  if (maxSeats === undefined) fail("maxSeatsPerBooking", "Use a whole number of seats.");
  else if (maxSeats < 1 || maxSeats > 100) {
    fail("maxSeatsPerBooking", "Allow between 1 and 100 seats per booking.");
  }
  const perPerson = wholeNumber(draft.maxSeatsPerPerson);
  if (perPerson === undefined) fail("maxSeatsPerPerson", "Use a whole number of seats.");
  else if (perPerson < 1 || perPerson > 1_000) {
    fail("maxSeatsPerPerson", "Allow between 1 and 1,000 seats per person.");
  }

  if (
    Object.keys(errors).length > 0 ||
    startsAt === undefined ||
    endsAt === undefined ||
    capacity === undefined ||
    maxSeats === undefined ||
    perPerson === undefined
  ) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    fields: {
      title,
      description: draft.description.trim(),
      location: draft.location.trim(),
      timezone: draft.timezone,
      startsAt,
      endsAt,
      imageUrl: imageUrl || null,
      tags,
      capacity,
      maxSeatsPerBooking: maxSeats,
      maxSeatsPerPerson: perPerson,
    },
  };
}
