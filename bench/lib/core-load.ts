/**
 * The booking core driven in-process, with no HTTP: the baseline the over-the-wire
 * benchmarks stand beside, and the body of `pnpm bench:core`.
 */
import { openDatabase } from "@boxoffice/db";
import type { Driver } from "@boxoffice/db/testing";
import { checkInvariant, createCommands, systemClock } from "@boxoffice/api/commands";
import { join } from "node:path";
import { addEvent, addUser } from "../../packages/api/test/fixtures.ts";
import { removeTempDir, tempDir } from "./cleanup.ts";
import { summarize } from "./stats.ts";

export type WritePath = "baseline: 1 tx/booking" | "group commit";

async function coreDatabase(driver: Driver, mode: WritePath) {
  const dir = tempDir("core");
  const database = await openDatabase(
    { url: `file:${join(dir, "bench.db")}`, driver },
    mode === "group commit" ? {} : { maxBatch: 1 },
  );
  // Nobody subscribes in-process: the commands' published rows go nowhere.
  const noSubscribers = { committed() {} };
  return {
    database,
    writer: database.writer,
    core: createCommands(database.writer, noSubscribers, systemClock),
    async close() {
      await database.close();
      removeTempDir(dir);
    },
  };
}

/**
 * `callers` concurrent callers book one seat at a time for `seconds`, spread over `events`
 * large events and 200 users. Returns bookings/s and per-booking latency.
 */
export async function measureCoreBookings(cell: {
  driver: Driver;
  mode: WritePath;
  callers: number;
  seconds: number;
  events?: number;
}) {
  const eventCount = cell.events ?? 100;
  const bench = await coreDatabase(cell.driver, cell.mode);
  try {
    const admin = await addUser(bench.writer, "admin@bench.test", "admin");
    const users = await Promise.all(
      Array.from({ length: 200 }, (_, i) => addUser(bench.writer, `u${i}@bench.test`)),
    );
    const events = await Promise.all(
      Array.from({ length: eventCount }, () =>
        addEvent(bench.writer, admin.id, {
          capacity: 10_000_000,
          maxSeatsPerBooking: 10,
          maxSeatsPerPerson: 10_000_000,
        }),
      ),
    );

    const latencies: number[] = [];
    let errors = 0;
    let sequence = 0;
    const deadline = performance.now() + cell.seconds * 1000;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: cell.callers }, async () => {
        while (performance.now() < deadline) {
          const n = sequence++;
          const t0 = performance.now();
          const result = await bench.core.reserveSeats({
            eventId: events[n % eventCount]?.id ?? 0,
            userId: users[n % users.length]?.id ?? 0,
            seats: 1,
            idempotencyKey: `b${n}`,
          });
          latencies.push(performance.now() - t0);
          if (!result.ok) errors++;
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    return { ...summarize(latencies), perSecond: (latencies.length - errors) / elapsed, errors };
  } finally {
    await bench.close();
  }
}

/**
 * The hot-event burst in-process: `attempts` concurrent one-seat bookings from `userCount`
 * users on one event of `seats` seats. Returns how many were booked, the time to drain, and
 * the invariant check.
 */
export async function coreBurst(options: {
  driver: Driver;
  userCount: number;
  attempts: number;
  seats: number;
}) {
  const bench = await coreDatabase(options.driver, "group commit");
  try {
    const admin = await addUser(bench.writer, "admin@bench.test", "admin");
    const users = await Promise.all(
      Array.from({ length: options.userCount }, (_, i) => addUser(bench.writer, `u${i}@b.test`)),
    );
    const event = await addEvent(bench.writer, admin.id, {
      capacity: options.seats,
      maxSeatsPerBooking: 10,
      maxSeatsPerPerson: options.seats,
    });
    const started = performance.now();
    const latencies: number[] = [];
    const outcomes = await Promise.all(
      Array.from({ length: options.attempts }, async (_, n) => {
        const t0 = performance.now();
        const outcome = await bench.core.reserveSeats({
          eventId: event.id,
          userId: users[n % users.length]?.id ?? 0,
          seats: 1,
          idempotencyKey: `hot-${n}`,
        });
        latencies.push(performance.now() - t0);
        return outcome;
      }),
    );
    const drainMs = performance.now() - started;
    const refusals: Record<string, number> = {};
    for (const outcome of outcomes) {
      if (!outcome.ok) refusals[outcome.failure.code] = (refusals[outcome.failure.code] ?? 0) + 1;
    }
    return {
      booked: outcomes.filter((outcome) => outcome.ok).length,
      refusals,
      drainMs,
      latency: summarize(latencies),
      violations: await checkInvariant(bench.database.db),
    };
  } finally {
    await bench.close();
  }
}
