import { createInsertSchema, createUpdateSchema } from "drizzle-zod";
import { z } from "zod";
import { events } from "@boxoffice/db";
import { editableEventColumns } from "./commands/events.ts";

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

/** An IANA time zone name such as `Europe/London`, as the running JavaScript knows them. */
export const timeZone = z
  .string()
  .max(64)
  .refine(isTimeZone, "Use an IANA time zone such as Europe/London or America/New_York.");

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return name.length > 0;
  } catch {
    return false;
  }
}

/** An integer field with messages that name it ("Capacity must be a whole number."). */
const wholeNumber = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label} must be a number.` })
    .int(`${label} must be a whole number.`)
    .min(min, `${label} is at least ${min}.`)
    .max(max, `${label} is at most ${max.toLocaleString("en")}.`);

/**
 * How each field an organiser edits is checked, on top of what the schema says (which
 * fields exist, which have defaults). Create and update are both derived from the events
 * table with these, so a new column is one place to add. Columns with a default (or NULL)
 * may be left out: drizzle-zod makes them optional at run time, and `.optional()` here says
 * so to the type checker too (its types drop that for refined columns).
 */
const eventFieldRules = {
  title: (field: z.ZodString) =>
    field.trim().min(1, "Give the event a title.").max(200, "Keep the title to 200 characters."),
  description: (field: z.ZodString) =>
    field.trim().max(10_000, "Keep the description to 10,000 characters.").optional(),
  location: (field: z.ZodString) =>
    field.trim().max(200, "Keep the location to 200 characters.").optional(),
  startsAt: () => timestamp,
  endsAt: () => timestamp,
  imageUrl: () =>
    z
      .url({ protocol: /^https?$/, message: "Use an http(s) image URL." })
      .max(2_000, "Keep the image URL to 2,000 characters.")
      .nullable()
      .optional(),
  tags: () => tags.optional(),
  capacity: () => wholeNumber("Capacity", 1, 1_000_000),
  maxSeatsPerBooking: () => wholeNumber("Seats per booking", 1, 100).optional(),
  maxSeatsPerPerson: () => wholeNumber("Seats per person", 1, 1_000).optional(),
  waitlistEnabled: () => z.boolean({ error: "Say whether the waiting list is on." }).optional(),
  waitlistOfferMinutes: () => wholeNumber("The offer window", 1, 10_080).optional(),
  timezone: () => timeZone.optional(),
};

const editable = Object.fromEntries(editableEventColumns.map((column) => [column, true])) as {
  [Column in (typeof editableEventColumns)[number]]: true;
};

const endsAfterStart = (event: { startsAt?: number; endsAt?: number }) =>
  event.startsAt === undefined || event.endsAt === undefined || event.endsAt >= event.startsAt;
const endsAfterStartIssue = { message: "The event cannot end before it starts.", path: ["endsAt"] };

/** Fields with a default in the schema (description, location, …) may be left out. */
export const createEventInput = createInsertSchema(events, eventFieldRules)
  .pick(editable)
  .refine(endsAfterStart, endsAfterStartIssue);

export const updateEventInput = z.object({
  id,
  changes: createUpdateSchema(events, eventFieldRules)
    .pick(editable)
    .refine(endsAfterStart, endsAfterStartIssue),
});

/** Client-chosen, e.g. a UUID per booking attempt; a retry reuses it. */
export const idempotencyKey = z
  .string()
  .min(8, "Use an idempotency key of at least 8 characters (a UUID is ideal).")
  .max(100)
  .regex(/^[\w.:-]+$/, "Idempotency keys use letters, digits and . _ : -");

/** Text to search for (control characters are refused for every input; see trpc.ts). */
export const searchText = z.string().max(200, "Keep the search to 200 characters.");

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
