/**
 * The booking core in-process: bookings/s and latency of one transaction per booking (the
 * baseline) against the group-committed writer, for both drivers, on a WAL file with the
 * default durability (synchronous=FULL).  Run: pnpm bench:core
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createWriter, openDatabase } from "@boxoffice/db";
import { drivers, type Driver } from "@boxoffice/db/testing";
import { createBookingCore } from "@boxoffice/api/core";
import { addEvent, addUser } from "../packages/api/test/fixtures.ts";
import { fixed, summarize } from "./lib/stats.ts";
import { markdownTable, record } from "./lib/report.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CALLERS = [1, 64, 1024];
const EVENTS = 100;

interface Cell {
  driver: Driver;
  mode: "baseline: 1 tx/booking" | "group commit";
  callers: number;
}

async function measure({ driver, mode, callers }: Cell) {
  const dir = mkdtempSync(join(tmpdir(), "boxoffice-bench-"));
  const database = await openDatabase({ url: `file:${join(dir, "bench.db")}`, driver });
  const writer = createWriter(database.connection, mode === "group commit" ? {} : { maxBatch: 1 });
  const core = createBookingCore(writer);
  const admin = await addUser(writer, "admin@bench.test", "admin");
  const users = await Promise.all(
    Array.from({ length: 200 }, (_, i) => addUser(writer, `u${i}@bench.test`)),
  );
  const events = await Promise.all(
    Array.from({ length: EVENTS }, () =>
      addEvent(writer, admin.id, { capacity: 10_000_000, maxSeatsPerBooking: 10 }),
    ),
  );

  const latencies: number[] = [];
  let errors = 0;
  let sequence = 0;
  const deadline = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: callers }, async () => {
      while (performance.now() < deadline) {
        const n = sequence++;
        const t0 = performance.now();
        const result = await core.reserveSeats({
          eventId: events[n % EVENTS]?.id ?? 0,
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
  await writer.close();
  await database.close();
  rmSync(dir, { recursive: true, force: true });
  return { ...summarize(latencies), perSecond: latencies.length / elapsed, errors };
}

const rows: string[][] = [];
for (const driver of drivers) {
  for (const callers of CALLERS) {
    const baseline = await measure({ driver, mode: "baseline: 1 tx/booking", callers });
    const grouped = await measure({ driver, mode: "group commit", callers });
    for (const [mode, r] of [
      ["baseline: 1 tx/booking", baseline],
      ["group commit", grouped],
    ] as const) {
      rows.push([
        driver,
        mode,
        String(callers),
        fixed(r.perSecond, 0),
        fixed(r.p50, 2),
        fixed(r.p99, 2),
        String(r.errors),
        mode === "group commit" ? `${fixed(grouped.perSecond / baseline.perSecond, 1)}×` : "1×",
      ]);
    }
    console.log(rows.at(-2)?.join("  "), "\n", rows.at(-1)?.join("  "));
  }
}

record(
  "Booking core in-process: group commit vs one transaction per booking",
  "pnpm bench:core",
  `${SECONDS} s per cell, 1-seat bookings spread over ${EVENTS} events, WAL + synchronous=FULL, 2-core machine.\n\n` +
    markdownTable(
      [
        "driver",
        "write path",
        "callers",
        "bookings/s",
        "p50 ms",
        "p99 ms",
        "errors",
        "vs baseline",
      ],
      rows,
    ),
);
