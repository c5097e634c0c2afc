import { and, asc, desc, eq, gt, gte, lt, lte, or, sql, type SQL } from "drizzle-orm";
import { events, type Event, type ReadDatabase } from "@boxoffice/db";
import { eventColumns } from "../event-columns.ts";
import { foldForSearch } from "../search-folding.ts";
import { decodeCursor, toPage } from "./cursor.ts";

export const eventSorts = ["soonest", "latest", "newest"] as const;
export type EventSort = (typeof eventSorts)[number];

export interface EventListFilter {
  /** Matched anywhere in title, description or location, case-insensitively. */
  search?: string | undefined;
  /** Events carrying any of these tags. */
  tags?: string[] | undefined;
  /** Start time bounds, inclusive. */
  from?: number | undefined;
  to?: number | undefined;
  /** Upcoming events can still be booked: they start after `now`. */
  when: "upcoming" | "past" | "all";
  sort: EventSort;
  cursor?: string | null | undefined;
  limit: number;
  now: number;
}

const sortColumns = {
  soonest: { column: events.startsAt, direction: "asc" },
  latest: { column: events.startsAt, direction: "desc" },
  newest: { column: events.createdAt, direction: "desc" },
} as const;

/** `%` and `_` in a search are literal characters, not wildcards. */
export function likePattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listEvents(db: ReadDatabase, filter: EventListFilter) {
  const { column, direction } = sortColumns[filter.sort];
  const conditions: (SQL | undefined)[] = [];

  const search = filter.search?.trim();
  if (search) conditions.push(matchesSearch(search, column === events.startsAt));
  if (filter.tags?.length) {
    const wanted = sql.join(
      filter.tags.map((tag) => sql`${tag}`),
      sql`, `,
    );
    conditions.push(
      sql`EXISTS (SELECT 1 FROM json_each(${events.tags}) WHERE value IN (${wanted}))`,
    );
  }
  if (filter.from !== undefined) conditions.push(gte(events.startsAt, filter.from));
  if (filter.to !== undefined) conditions.push(lte(events.startsAt, filter.to));
  if (filter.when === "upcoming") conditions.push(gt(events.startsAt, filter.now));
  if (filter.when === "past") conditions.push(lte(events.startsAt, filter.now));

  if (filter.cursor) {
    const after = decodeCursor(filter.cursor, `events:${filter.sort}`);
    if (!after || typeof after.value !== "number") throw new InvalidCursorError();
    const beyond = direction === "asc" ? gt : lt;
    conditions.push(
      or(beyond(column, after.value), and(eq(column, after.value), beyond(events.id, after.id))),
    );
  }

  const order = direction === "asc" ? asc : desc;
  const rows = await db
    .select(eventColumns)
    .from(events)
    .where(and(...conditions))
    .orderBy(order(column), order(events.id))
    .limit(filter.limit + 1);
  return toPage(
    rows,
    filter.limit,
    `events:${filter.sort}`,
    (row: Event) => row[filter.sort === "newest" ? "createdAt" : "startsAt"],
  );
}

/**
 * Text anywhere in title, description or location, ignoring case and accents: the query is
 * folded like events.search_text (search-folding.ts). Three characters or more go through
 * the trigram index over that column (events_search, migration 0003); shorter ones, which
 * trigrams cannot express, scan it with LIKE.
 *
 * `inStartOrder`: the page is sorted by start time, so SQLite should walk
 * events_starts_at_idx in order and stop once the page is full, checking each event against
 * the set of matches. The unary `+` stops it from driving the query from the match list
 * instead, which fetches and sorts every matching event to keep one page: up to 2.5 times
 * slower for a term matching a tenth of 10,000 events; at worst (few matches) the walk costs one
 * pass over the index.
 */
function matchesSearch(search: string, inStartOrder: boolean): SQL | undefined {
  const folded = foldForSearch(search);
  if ([...folded].length >= 3) {
    const phrase = `"${folded.replaceAll('"', '""')}"`;
    const matches = sql`(SELECT rowid FROM events_search WHERE events_search MATCH ${phrase})`;
    return inStartOrder ? sql`+${events.id} IN ${matches}` : sql`${events.id} IN ${matches}`;
  }
  return sql`${events.searchText} LIKE ${likePattern(folded)} ESCAPE '\\'`;
}

export async function findEvent(db: ReadDatabase, eventId: number): Promise<Event | undefined> {
  const [event] = await db.select(eventColumns).from(events).where(eq(events.id, eventId)).limit(1);
  return event;
}

export class InvalidCursorError extends Error {
  constructor() {
    super("This page cursor is not valid here; start again from the first page.");
    this.name = "InvalidCursorError";
  }
}

/** Tags of the events a list would show (upcoming, past or all), most used first. */
export async function listTags(
  db: ReadDatabase,
  filter: { when: "upcoming" | "past" | "all"; now: number },
) {
  const when =
    filter.when === "upcoming"
      ? sql`${events.startsAt} > ${filter.now}`
      : filter.when === "past"
        ? sql`${events.startsAt} <= ${filter.now}`
        : sql`1`;
  return db.all<{ tag: string; count: number }>(sql`
    SELECT tag.value AS tag, COUNT(*) AS count
    FROM ${events}, json_each(${events.tags}) AS tag
    WHERE ${when}
    GROUP BY tag.value
    ORDER BY count DESC, tag.value`);
}
