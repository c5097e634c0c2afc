/**
 * The booking core in-process: bookings/s and latency of one transaction per booking (the
 * baseline) against the group-committed writer, for both drivers, on a WAL file with the
 * default durability (synchronous=FULL).  Run: pnpm bench:core
 */
import { drivers, type Driver } from "@boxoffice/db/testing";
import { measureCoreBookings, type WritePath } from "./lib/core-load.ts";
import { fixed } from "./lib/stats.ts";
import { markdownTable, record } from "./lib/report.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CALLERS = [1, 64, 1024];
const EVENTS = 100;

const measure = (cell: { driver: Driver; mode: WritePath; callers: number }) =>
  measureCoreBookings({ ...cell, seconds: SECONDS, events: EVENTS });

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
