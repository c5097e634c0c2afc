import { z } from "zod";

/** Database ids: positive integers (SQLite rowids). */
export const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

const minTime = Date.UTC(2000, 0, 1);
const maxTime = Date.UTC(2200, 0, 1);

/** A moment as epoch milliseconds or an ISO 8601 string with a time zone. */
export const timestamp = z
  .union([z.number().int(), z.iso.datetime({ offset: true })])
  .transform((value) => (typeof value === "number" ? value : Date.parse(value)))
  .refine((ms) => ms >= minTime && ms < maxTime, "Pick a date between the years 2000 and 2200.");

const tag = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(30)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} &-]*$/u, "Tags use letters, digits, spaces, & and -.");

export const tags = z
  .array(tag)
  .max(10, "At most 10 tags.")
  .transform((list) => [...new Set(list)]);

/** Every field an organiser edits; create adds defaults, update makes them optional. */
const eventFieldsBase = z.object({
  title: z.string().trim().min(1, "Give the event a title.").max(200),
  description: z.string().trim().max(10_000),
  location: z.string().trim().max(200),
  startsAt: timestamp,
  endsAt: timestamp,
  imageUrl: z
    .url({ protocol: /^https?$/, message: "Use an http(s) image URL." })
    .max(2_000)
    .nullable(),
  tags,
  capacity: z.number().int().min(1, "Capacity is at least 1.").max(1_000_000),
  maxSeatsPerBooking: z.number().int().min(1).max(100),
});

const endsAfterStart = (event: { startsAt?: number; endsAt?: number }) =>
  event.startsAt === undefined || event.endsAt === undefined || event.endsAt >= event.startsAt;
const endsAfterStartIssue = { message: "The event cannot end before it starts.", path: ["endsAt"] };

export const createEventInput = eventFieldsBase
  .extend({
    description: eventFieldsBase.shape.description.default(""),
    location: eventFieldsBase.shape.location.default(""),
    imageUrl: eventFieldsBase.shape.imageUrl.default(null),
    tags: eventFieldsBase.shape.tags.default([]),
    maxSeatsPerBooking: eventFieldsBase.shape.maxSeatsPerBooking.default(10),
  })
  .refine(endsAfterStart, endsAfterStartIssue);

export const updateEventInput = z.object({
  id,
  changes: eventFieldsBase.partial().refine(endsAfterStart, endsAfterStartIssue),
});

/** Client-chosen, e.g. a UUID per booking attempt; a retry reuses it. */
export const idempotencyKey = z
  .string()
  .min(8, "Use an idempotency key of at least 8 characters (a UUID is ideal).")
  .max(100)
  .regex(/^[\w.:-]+$/, "Idempotency keys use letters, digits and . _ : -");

/**
 * Text to search for. SQLite reads a string only up to a NUL character, so a NUL would
 * silently cut the search short (or break the full-text query): refuse it instead.
 */
export const searchText = z
  .string()
  .max(200)
  .refine((text) => !text.includes("\u0000"), "Search text cannot contain a NUL character.");

export const pageSize = z.number().int().min(1).max(100).default(20);

/** An opaque position in a list, from the previous page's `nextCursor`. */
export const cursor = z.string().max(200).nullish();

export const email = z
  .email("Enter a valid email address.")
  .max(254)
  .transform((value) => value.trim().toLowerCase());

export const password = z
  .string()
  .min(8, "Use at least 8 characters.")
  .max(256, "Use at most 256 characters.");
