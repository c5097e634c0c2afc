/**
 * Test data written straight into a database file before the server starts: bulk inserts
 * through the group-commit writer, one argon2 hash shared by every user, and a session per
 * user stored as the server stores them, so each user has a bearer token the server accepts.
 */
import { copyFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import {
  generateSessionToken,
  hashPassword,
  sessionIdOf,
  sessionLifetimeMs,
} from "@boxoffice/auth";
import {
  filePathOf,
  bookingLogs,
  bookings,
  events,
  openDatabase,
  sessions,
  users,
  type Database,
  type Event,
  type NewEvent,
  type Writer,
} from "@boxoffice/db";
import { tempDir } from "./cleanup.ts";
import { benchDriver } from "./processes.ts";

const hour = 3_600_000;
const day = 24 * hour;
const chunk = 500;

export interface BenchDatabase {
  dir: string;
  /** `file:` URL for the server's DATABASE_URL. */
  url: string;
  database: Database;
  writer: Writer;
  close(): Promise<void>;
}

/** A migrated database file in a fresh temporary directory (deleted when the bench exits). */
export async function createBenchDatabase(label: string): Promise<BenchDatabase> {
  const dir = tempDir(label);
  const url = `file:${join(dir, "boxoffice.db")}`;
  const database = await openDatabase({ url, driver: benchDriver });
  return {
    dir,
    url,
    database,
    writer: database.writer,
    async close() {
      await database.close();
    },
  };
}

export interface BenchUser {
  id: number;
  /** Session token for `Authorization: Bearer`. */
  token: string;
}

export const benchPassword = "bench password 123";
let sharedHash: Promise<string> | undefined;

/** `count` users sharing one real argon2id hash, each with a live session. */
export async function addUsers(
  writer: Writer,
  count: number,
  options: { prefix: string; role?: "user" | "admin" },
): Promise<BenchUser[]> {
  sharedHash ??= hashPassword(benchPassword);
  const passwordHash = await sharedHash;
  const rows = Array.from({ length: count }, (_, i) => ({
    email: `${options.prefix}${i}@bench.test`,
    name: `${options.prefix} ${i}`,
    passwordHash,
    role: options.role ?? ("user" as const),
  }));
  const ids = await writer.run(async (tx) => {
    const inserted: number[] = [];
    for (let at = 0; at < rows.length; at += chunk) {
      const batch = await tx
        .insert(users)
        .values(rows.slice(at, at + chunk))
        .returning({ id: users.id });
      inserted.push(...batch.map((row) => row.id));
    }
    return inserted;
  });
  const signedIn = ids.map((id) => ({ id, token: generateSessionToken() }));
  const expiresAt = Date.now() + sessionLifetimeMs;
  await writer.run(async (tx) => {
    for (let at = 0; at < signedIn.length; at += chunk) {
      const batch = signedIn.slice(at, at + chunk);
      await tx
        .insert(sessions)
        .values(batch.map(({ id, token }) => ({ id: sessionIdOf(token), userId: id, expiresAt })));
    }
  });
  return signedIn;
}

export type EventSpec = Omit<NewEvent, "createdBy" | "availableSeats">;

/** Inserts events (seats start at capacity), in order; returns the rows. */
export async function addEvents(
  writer: Writer,
  createdBy: number,
  specs: EventSpec[],
): Promise<Event[]> {
  return writer.run(async (tx) => {
    const inserted: Event[] = [];
    for (let at = 0; at < specs.length; at += chunk) {
      const values = specs
        .slice(at, at + chunk)
        .map((spec) => ({ ...spec, createdBy, availableSeats: spec.capacity }));
      inserted.push(...(await tx.insert(events).values(values).returning()));
    }
    return inserted;
  });
}

/** An event tomorrow with `capacity` seats; load comes from few users, so no per-person cap. */
export function plainEvent(title: string, capacity: number): EventSpec {
  const startsAt = Date.now() + day;
  return {
    title,
    startsAt,
    endsAt: startsAt + 2 * hour,
    capacity,
    maxSeatsPerBooking: 10,
    maxSeatsPerPerson: capacity,
  };
}

const genres = ["Jazz", "Opera", "Comedy", "Theatre", "Ballet", "Techno", "Poetry", "Cinema"];
const moods = ["Midnight", "Sunday", "Summer", "Winter", "Late", "Open", "Grand", "Little"];
const formats = ["Night", "Session", "Festival", "Matinee", "Showcase", "Marathon", "Gala"];
const cities = ["Berlin", "Lisbon", "Glasgow", "Utrecht", "Krakow", "Seville", "Bergen"];
const venues = ["Old Mill", "Harbour Hall", "Palace Theatre", "Warehouse", "Town Hall"];

/** Search terms a visitor might type, each matching a slice of the generated catalogue. */
export const searchTerms = [
  ...genres.map((g) => g.toLowerCase()),
  ...cities.map((c) => c.toLowerCase()),
  "harbour",
  "night",
  "festival",
];

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length] as T;

/** The i-th event of a catalogue spread over the coming year. */
export function catalogueEvent(i: number, now: number): EventSpec {
  const genre = pick(genres, i);
  const city = pick(cities, Math.floor(i / genres.length));
  const venue = pick(venues, Math.floor(i / 3));
  const startsAt = now + hour + Math.floor((i * 365 * day) / 10_000) + (i % 7) * hour;
  return {
    title: `${pick(moods, i * 7 + 3)} ${genre} ${pick(formats, i * 3 + 1)}`,
    description: `${genre} at the ${venue} in ${city}: doors at seven, bar open, all ages welcome.`,
    location: `${venue}, ${city}`,
    tags: [genre.toLowerCase(), city.toLowerCase()],
    startsAt,
    endsAt: startsAt + 2 * hour,
    capacity: 100 + ((i * 37) % 400),
    maxSeatsPerBooking: 10,
  };
}

/** A small deterministic generator, so every run books the same seats. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * `count` confirmed one-seat bookings with their booking_logs rows, spread over `events`,
 * written as the core would have left them: seats taken from each event and the log's
 * available_after counting down, so checkInvariant holds. Assumes no bookings exist yet.
 */
export async function addBookings(
  writer: Writer,
  eventRows: Event[],
  bookers: BenchUser[],
  count: number,
): Promise<void> {
  const random = seededRandom(42);
  const available = new Map(eventRows.map((e) => [e.id, e.availableSeats]));
  const now = Date.now();
  const perRun = 10_000;
  for (let start = 0; start < count; start += perRun) {
    const bookingRows: (typeof bookings.$inferInsert)[] = [];
    const logRows: (typeof bookingLogs.$inferInsert)[] = [];
    for (let i = start; i < Math.min(count, start + perRun); i++) {
      let event = eventRows[Math.floor(random() * eventRows.length)];
      for (let tries = 0; event && (available.get(event.id) ?? 0) < 1 && tries < 100; tries++) {
        event = eventRows[Math.floor(random() * eventRows.length)];
      }
      const user = bookers[Math.floor(random() * bookers.length)];
      if (!event || !user || (available.get(event.id) ?? 0) < 1) {
        throw new Error("Not enough seats in the catalogue for the bookings asked for");
      }
      const left = (available.get(event.id) ?? 0) - 1;
      available.set(event.id, left);
      const createdAt = now - (count - i) * 1000;
      bookingRows.push({
        id: i + 1,
        eventId: event.id,
        userId: user.id,
        seats: 1,
        // Unique by construction: the row number in base 36.
        reference: `BX-${(i + 1).toString(36).toUpperCase().padStart(6, "0")}`,
        idempotencyKey: `seed-${i}`,
        createdAt,
      });
      logRows.push({
        id: i + 1,
        eventId: event.id,
        bookingId: i + 1,
        userId: user.id,
        action: "booked",
        seats: 1,
        availableAfter: left,
        capacityAfter: event.capacity,
        createdAt,
      });
    }
    await writer.run(async (tx) => {
      for (let at = 0; at < bookingRows.length; at += chunk) {
        await tx.insert(bookings).values(bookingRows.slice(at, at + chunk));
        await tx.insert(bookingLogs).values(logRows.slice(at, at + chunk));
      }
    });
  }
  await writer.run(async (tx) => {
    // One ticket per seat, as the core makes them with each booking.
    await tx.run(sql`
      INSERT INTO tickets (booking_id, event_id, seat, code, created_at)
      SELECT b.id, b.event_id, 1, lower(hex(randomblob(16))), b.created_at FROM bookings b
      WHERE NOT EXISTS (SELECT 1 FROM tickets t WHERE t.booking_id = b.id)`);
    await tx.run(sql`
      UPDATE events SET available_seats = capacity - COALESCE(
        (SELECT SUM(b.seats) FROM bookings b WHERE b.event_id = events.id AND b.status = 'confirmed'), 0)`);
  });
}

/** The browsing catalogue: `eventCount` events and `bookingCount` bookings by 1,000 users. */
export async function buildCatalogue(
  label: string,
  eventCount: number,
  bookingCount: number,
): Promise<BenchDatabase> {
  const bench = await createBenchDatabase(label);
  const [admin] = await addUsers(bench.writer, 1, { prefix: "admin", role: "admin" });
  if (!admin) throw new Error("no admin");
  const bookers = await addUsers(bench.writer, 1_000, { prefix: "visitor" });
  const now = Date.now();
  const rows = await addEvents(
    bench.writer,
    admin.id,
    Array.from({ length: eventCount }, (_, i) => catalogueEvent(i, now)),
  );
  await addBookings(bench.writer, rows, bookers, bookingCount);
  return bench;
}

/**
 * Copies of a prepared (closed) database file, one per server under test, so each starts
 * from the same data: each call returns a new copy's URL.
 */
export function freshCopies(url: string): () => string {
  const prepared = filePathOf(url);
  let copies = 0;
  return () => {
    const path = `${prepared}.${++copies}.db`;
    copyFileSync(prepared, path);
    // The writer's last commits may still sit in the write-ahead log.
    if (existsSync(`${prepared}-wal`)) copyFileSync(`${prepared}-wal`, `${path}-wal`);
    return `file:${path}`;
  };
}
