import { TRPCClientError } from "@trpc/client";
import { sql } from "drizzle-orm";
import { checkInvariant } from "@boxoffice/api/queries";
import { bookings, openDatabase } from "@boxoffice/db";
import { clientFor } from "./trpc-http.ts";

/** The sample accounts (`SEED_SAMPLE_DATA=true`); the first is the admin. */
const sampleEmails = [
  "admin@example.com",
  "john@example.com",
  "jane@example.com",
  "bob@example.com",
];

/** Signs in every sample account over HTTP; sessions live in the database, across restarts. */
export async function signInSampleAccounts(url: string): Promise<string[]> {
  const api = clientFor(url);
  return Promise.all(
    sampleEmails.map(async (email) => {
      const { token } = await api.auth.login.mutate({
        email,
        password: "password123",
        returnToken: true,
      });
      if (!token) throw new Error(`no token for ${email}`);
      return token;
    }),
  );
}

/**
 * Events for the load, created by the admin over HTTP, each letting one person hold up to
 * 1,000 seats (the default is 10).
 */
export async function createLoadEvents(
  url: string,
  adminToken: string,
  count: number,
  capacity: number,
) {
  const api = clientFor(url, adminToken);
  const startsAt = Date.now() + 86_400_000;
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const event = await api.events.create.mutate({
      title: `Load ${i + 1}`,
      description: "",
      location: "",
      startsAt,
      endsAt: startsAt + 3_600_000,
      imageUrl: null,
      tags: [],
      capacity,
      maxSeatsPerBooking: 10,
      maxSeatsPerPerson: 1_000,
    });
    ids.push(event.id);
  }
  return ids;
}

/** What the server acknowledged (answered with success), across rounds and restarts. */
export interface Acknowledged {
  /** Booking id → seats, for every booking the server confirmed. */
  bookings: Map<number, number>;
  /** Bookings whose cancel the server confirmed. */
  cancelled: Set<number>;
  /** Bookings a cancel was sent for, answered or not: their status is unknown without one. */
  cancelSent: Set<number>;
}

export const nothingAcknowledged = (): Acknowledged => ({
  bookings: new Map(),
  cancelled: new Set(),
  cancelSent: new Set(),
});

/**
 * Concurrent bookings (1–3 seats) and, with `cancelShare`, cancels of the worker's own
 * confirmed bookings, over HTTP until `stop()`. A call that fails outside tRPC (the server
 * went away mid-request) has an unknown outcome and is not recorded as acknowledged.
 */
export function runBookingLoad(options: {
  url: string;
  tokens: string[];
  eventIds: number[];
  workers: number;
  cancelShare: number;
  acknowledged: Acknowledged;
}) {
  const { acknowledged } = options;
  let running = true;
  const worker = async (index: number) => {
    const token = options.tokens[index % options.tokens.length] ?? "";
    const api = clientFor(options.url, token);
    const mine: number[] = [];
    while (running) {
      const cancel = mine.length > 0 && Math.random() < options.cancelShare;
      try {
        if (cancel) {
          const id = mine.splice(Math.floor(Math.random() * mine.length), 1)[0] ?? 0;
          acknowledged.cancelSent.add(id);
          await api.bookings.cancel.mutate({ id });
          acknowledged.cancelled.add(id);
        } else {
          const seats = 1 + Math.floor(Math.random() * 3);
          const { booking } = await api.bookings.create.mutate({
            eventId: options.eventIds[Math.floor(Math.random() * options.eventIds.length)] ?? 0,
            seats,
            idempotencyKey: crypto.randomUUID(),
          });
          acknowledged.bookings.set(booking.id, booking.seats);
          mine.push(booking.id);
        }
      } catch (error) {
        // A refusal (e.g. sold out) is an answer; anything else means the server is gone.
        if (!(error instanceof TRPCClientError) || !error.data) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
    }
  };
  const done = Promise.all(Array.from({ length: options.workers }, (_, i) => worker(i)));
  return {
    async stop() {
      running = false;
      await done;
    },
  };
}

/**
 * Opens the file the way a server does (recovering a WAL a killed one left) and reports:
 * SQLite's integrity check, the booking invariant, and acknowledged work that is missing.
 */
export async function auditDatabase(
  url: string,
  driver: "libsql" | "better-sqlite3",
  acknowledged: Acknowledged,
) {
  const database = await openDatabase({ url, driver });
  try {
    const integrity = await database.db.all<{ integrity_check: string }>(
      sql`PRAGMA integrity_check`,
    );
    const rows = await database.db
      .select({ id: bookings.id, status: bookings.status })
      .from(bookings);
    const status = new Map(rows.map((row) => [row.id, row.status]));
    const missing: string[] = [];
    for (const id of acknowledged.bookings.keys()) {
      const now = status.get(id);
      if (now === undefined) missing.push(`booking ${id} is gone`);
      else if (acknowledged.cancelled.has(id) && now !== "cancelled") {
        missing.push(`booking ${id}'s cancel was acknowledged, but it is ${now}`);
      } else if (!acknowledged.cancelSent.has(id) && now !== "confirmed") {
        missing.push(`booking ${id} was never cancelled, but it is ${now}`);
      }
    }
    return {
      integrity: integrity.map((row) => row.integrity_check),
      violations: await checkInvariant(database.db),
      missing,
      bookingCount: rows.length,
    };
  } finally {
    await database.close();
  }
}
