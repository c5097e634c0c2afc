import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { events, tickets } from "@boxoffice/db";
import { drivers } from "@boxoffice/db/testing";
import { checkInvariant } from "../../src/commands/index.ts";
import { unwrap } from "../../src/errors.ts";
import { openTestServices, type TestServices } from "../../src/testing.ts";
import { addEvent, addUser } from "../fixtures.ts";

const run = promisify(execFile);
const worker = fileURLToPath(new URL("./check-in-worker.ts", import.meta.url));
const TICKETS = 120;

interface DoorSummary {
  letIn: number[];
  refusals: Record<string, number>;
  unexpected: string[];
}

describe.each(drivers)("two doors in two processes on one %s file", (driver) => {
  let t: TestServices | undefined;
  afterEach(async () => {
    await t?.destroy();
  });

  it(`both scan the same ${TICKETS} tickets at once: each is let in exactly once`, async () => {
    t = await openTestServices({ driver });
    const admin = await addUser(t.database.writer, "admin@x.test", "admin");
    const guest = await addUser(t.database.writer, "guest@x.test");
    const event = await addEvent(t.database.writer, admin.id, {
      capacity: TICKETS,
      maxSeatsPerBooking: 100,
      maxSeatsPerPerson: TICKETS,
    });
    for (const seats of [100, TICKETS - 100]) {
      unwrap(
        await t.commands.reserveSeats({
          eventId: event.id,
          userId: guest.id,
          seats,
          idempotencyKey: `race-${seats}`,
        }),
      );
    }
    const ids = (await t.db.select({ id: tickets.id }).from(tickets)).map((row) => row.id);
    expect(ids).toHaveLength(TICKETS);

    // Both start at the same wall-clock moment, after both have opened the database.
    const startAt = Date.now() + 2_500;
    const doors = await Promise.all(
      [0, 1].map(async () => {
        const { stdout } = await run(
          process.execPath,
          [
            "--import",
            "tsx",
            worker,
            t?.fileUrl ?? "",
            driver,
            String(event.id),
            ids.join(","),
            String(admin.id),
            String(startAt),
          ],
          { timeout: 60_000 },
        );
        return JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as DoorSummary;
      }),
    );

    expect(doors.flatMap((door) => door.unexpected)).toEqual([]);
    const letIn = doors.flatMap((door) => door.letIn);
    expect(letIn.sort((a, b) => a - b)).toEqual([...ids].sort((a, b) => a - b));
    expect(
      doors.map((door) => door.letIn.length + (door.refusals.ALREADY_CHECKED_IN ?? 0)),
    ).toEqual([TICKETS, TICKETS]);
    expect(doors.flatMap((door) => Object.keys(door.refusals))).not.toContain("UNKNOWN_TICKET");
    const [row] = await t.db.select().from(events).where(eq(events.id, event.id));
    expect(row?.checkedIn).toBe(TICKETS);
    expect(await checkInvariant(t.db)).toEqual([]);
  });
});
