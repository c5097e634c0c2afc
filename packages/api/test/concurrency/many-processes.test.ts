import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { and, eq, sum } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { bookings, events } from "@boxoffice/db";
import { drivers } from "@boxoffice/db/testing";
import { openTestServices, type TestServices } from "../../src/testing.ts";
import { checkInvariant } from "../../src/commands/index.ts";
import { addEvent, addUser } from "../fixtures.ts";

const run = promisify(execFile);
const worker = fileURLToPath(new URL("./booking-worker.ts", import.meta.url));
const PROCESSES = 4;
const REQUESTS_PER_PROCESS = 300;
const CAPACITY = 120;

interface WorkerSummary {
  booked: number;
  seatsBooked: number;
  cancelled: number;
  seatsCancelled: number;
  refusals: Record<string, number>;
  unexpected: string[];
}

describe.each(drivers)("many processes on one %s file", (driver) => {
  let t: TestServices | undefined;
  afterEach(async () => {
    await t?.destroy();
  });

  it(`${PROCESSES} processes × ${REQUESTS_PER_PROCESS} concurrent bookings and cancels never oversell`, async () => {
    t = await openTestServices({ driver });
    const admin = await addUser(t.database.writer, "admin@x.test", "admin");
    const userIds: number[] = [];
    for (let i = 0; i < 20; i++)
      userIds.push((await addUser(t.database.writer, `u${i}@x.test`)).id);
    const event = await addEvent(t.database.writer, admin.id, {
      capacity: CAPACITY,
      maxSeatsPerPerson: CAPACITY,
      maxSeatsPerBooking: 3,
    });

    const summaries = await Promise.all(
      Array.from({ length: PROCESSES }, async (_, id) => {
        const { stdout } = await run(
          process.execPath,
          [
            "--import",
            "tsx",
            worker,
            t?.fileUrl ?? "",
            driver,
            String(event.id),
            userIds.join(","),
            String(REQUESTS_PER_PROCESS),
            String(id),
          ],
          { timeout: 60_000 },
        );
        return JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as WorkerSummary;
      }),
    );

    expect(summaries.flatMap((s) => s.unexpected)).toEqual([]);
    const refusalCodes = new Set(summaries.flatMap((s) => Object.keys(s.refusals)));
    for (const code of refusalCodes) expect(["SOLD_OUT", "NOT_ENOUGH_SEATS"]).toContain(code);
    const total = (key: "booked" | "seatsBooked" | "cancelled" | "seatsCancelled") =>
      summaries.reduce((n, s) => n + s[key], 0);

    const [row] = await t.db.select().from(events).where(eq(events.id, event.id));
    const [confirmed] = await t.db
      .select({ seats: sum(bookings.seats).mapWith(Number) })
      .from(bookings)
      .where(and(eq(bookings.eventId, event.id), eq(bookings.status, "confirmed")));
    // What the callers were told is exactly what the database holds.
    expect(confirmed?.seats ?? 0).toBe(total("seatsBooked") - total("seatsCancelled"));
    expect(row?.availableSeats).toBe(CAPACITY - (confirmed?.seats ?? 0));
    expect(total("booked")).toBeGreaterThan(0);
    // Seats left over only when a refusal explains them: fewer seats than asked for.
    if ((row?.availableSeats ?? 0) > 0) {
      expect(total("cancelled") > 0 || refusalCodes.has("NOT_ENOUGH_SEATS")).toBe(true);
    }
    expect(await checkInvariant(t.db)).toEqual([]);
  });
});
