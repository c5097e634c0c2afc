import { and, asc, desc, eq, gt, gte, lt, lte, or, sql, type SQL } from "drizzle-orm";
import { events, type Event, type ReadDatabase } from "@boxoffice/db";
import { eventColumns } from "../event-columns.ts";
import { foldForSearch } from "../search-folding.ts";
import { decodeCursor, toPage } from "./cursor.ts";
import { readMemoOf } from "./read-memo.ts";

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

type ListShape = Pick<EventListFilter, "when" | "sort"> & {
  search: "none" | "words" | "short";
  tags: boolean;
  from: boolean;
  to: boolean;
  cursor: boolean;
};

const p = sql.placeholder;

/**
 * The list query of one shape (which filters are present), with every value a placeholder,
 * so it is built and prepared once and then reused: building and preparing the query cost
 * about as much as running it (bench/RESULTS.md, browse profiles).
 */
function prepareList(db: ReadDatabase, shape: ListShape) {
  const { column, direction } = sortColumns[shape.sort];
  const conditions: (SQL | undefined)[] = [];
  if (shape.search === "words") {
    const matches = sql`(SELECT rowid FROM events_search WHERE events_search MATCH ${p("phrase")})`;
    // Sorted by start time: SQLite walks events_starts_at_idx in order and stops once the
    // page is full, checking each event against the matches. The unary `+` stops it from
    // driving the query from the match list instead, which fetches and sorts every matching
    // event to keep one page: up to 2.5 times slower for a term matching a tenth of 10,000
    // events; at worst (few matches) the walk costs one pass over the index.
    conditions.push(
      column === events.startsAt
        ? sql`+${events.id} IN ${matches}`
        : sql`${events.id} IN ${matches}`,
    );
  }
  if (shape.search === "short") {
    // Trigrams cannot express one or two characters: a scan of the folded text.
    conditions.push(sql`${events.searchText} LIKE ${p("pattern")} ESCAPE '\\'`);
  }
  if (shape.tags) {
    conditions.push(
      sql`EXISTS (SELECT 1 FROM json_each(${events.tags})
        WHERE value IN (SELECT value FROM json_each(${p("tags")})))`,
    );
  }
  if (shape.from) conditions.push(gte(events.startsAt, p("from")));
  if (shape.to) conditions.push(lte(events.startsAt, p("to")));
  if (shape.when === "upcoming") conditions.push(gt(events.startsAt, p("now")));
  if (shape.when === "past") conditions.push(lte(events.startsAt, p("now")));
  if (shape.cursor) {
    const beyond = direction === "asc" ? gt : lt;
    conditions.push(
      or(
        beyond(column, p("afterValue")),
        and(eq(column, p("afterValue")), beyond(events.id, p("afterId"))),
      ),
    );
  }
  const order = direction === "asc" ? asc : desc;
  return db
    .select(eventColumns)
    .from(events)
    .where(and(...conditions))
    .orderBy(order(column), order(events.id))
    .limit(p("limit"))
    .prepare();
}

const listStatements = new WeakMap<ReadDatabase, Map<string, ReturnType<typeof prepareList>>>();

function listStatement(db: ReadDatabase, shape: ListShape) {
  let statements = listStatements.get(db);
  if (!statements) {
    statements = new Map();
    listStatements.set(db, statements);
  }
  const key = JSON.stringify(shape);
  let statement = statements.get(key);
  if (!statement) {
    statement = prepareList(db, shape);
    statements.set(key, statement);
  }
  return statement;
}

/**
 * A page of events. Pages are remembered until the database changes (see read-memo.ts);
 * an upcoming page also only until the first of its events starts, when it would lose it.
 */
export async function listEvents(db: ReadDatabase, filter: EventListFilter) {
  // Matched ignoring case and accents: the query is folded like events.search_text.
  const trimmed = filter.search?.trim();
  const search = trimmed ? foldForSearch(trimmed) : undefined;
  const after = filter.cursor ? decodeCursor(filter.cursor, `events:${filter.sort}`) : null;
  if (filter.cursor && (!after || typeof after.value !== "number")) throw new InvalidCursorError();
  const shape: ListShape = {
    search: !search ? "none" : [...search].length >= 3 ? "words" : "short",
    tags: Boolean(filter.tags?.length),
    from: filter.from !== undefined,
    to: filter.to !== undefined,
    when: filter.when,
    sort: filter.sort,
    cursor: after !== null,
  };
  const values = {
    phrase: search ? `"${search.replaceAll('"', '""')}"` : undefined,
    pattern: search ? likePattern(search) : undefined,
    tags: filter.tags?.length ? JSON.stringify(filter.tags) : undefined,
    from: filter.from,
    to: filter.to,
    afterValue: after?.value,
    afterId: after?.id,
    limit: filter.limit + 1,
  };
  const compute = async () => {
    const rows = await listStatement(db, shape).all({ ...values, now: filter.now });
    const page = toPage(
      rows,
      filter.limit,
      `events:${filter.sort}`,
      (row: Event) => row[filter.sort === "newest" ? "createdAt" : "startsAt"],
    );
    // Time alone changes a past page (events keep becoming past): not remembered.
    if (filter.when === "past") return { value: page, validUntil: filter.now };
    const firstStart = Math.min(...rows.map((row) => row.startsAt));
    return { value: page, validUntil: filter.when === "upcoming" ? firstStart : Infinity };
  };
  return readMemoOf(db).read(`list:${JSON.stringify([shape, values])}`, filter.now, compute);
}

export async function findEvent(db: ReadDatabase, eventId: number): Promise<Event | undefined> {
  return readMemoOf(db).read(`event:${eventId}`, 0, async () => {
    const [event] = await db
      .select(eventColumns)
      .from(events)
      .where(eq(events.id, eventId))
      .limit(1);
    return { value: event, validUntil: Infinity };
  });
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
