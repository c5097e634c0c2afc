/**
 * One of two doors on one database file: at `startAt` (epoch ms) it scans every ticket in
 * `ticketIds` at once, through the check-in command. Prints one JSON line: the tickets it let
 * in, its refusals by code, and any unexpected error (SQLITE_BUSY included), reported rather
 * than thrown so the parent can assert there were none.
 */
import { openServicesOnFile } from "../../src/testing.ts";

const [url, driver, eventIdText, ticketIdsText, actorIdText, startAtText] = process.argv.slice(2);
if (!url || !eventIdText || !ticketIdsText || !actorIdText || !startAtText)
  throw new Error("usage: url driver eventId ticketIds actorId startAt");

const services = await openServicesOnFile(url, driver);

const summary = {
  letIn: [] as number[],
  refusals: {} as Record<string, number>,
  unexpected: [] as string[],
};
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAtText) - Date.now())));
await Promise.all(
  ticketIdsText.split(",").map(async (text) => {
    const ticketId = Number(text);
    try {
      const outcome = await services.commands.checkIn({
        eventId: Number(eventIdText),
        ticket: { ticketId },
        actorId: Number(actorIdText),
      });
      if (outcome.ok) summary.letIn.push(ticketId);
      else
        summary.refusals[outcome.failure.code] = (summary.refusals[outcome.failure.code] ?? 0) + 1;
    } catch (error) {
      summary.unexpected.push(String(error));
    }
  }),
);
await services.close();
process.stdout.write(`${JSON.stringify(summary)}\n`);
