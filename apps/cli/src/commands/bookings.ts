import { randomUUID } from "node:crypto";
import { Option, type Command } from "commander";
import { positiveInt } from "../arguments.ts";
import { CliError, ExitCode, isUnreachable } from "../exit-codes.ts";
import { formatTime, plural, table } from "../output.ts";
import { withContext } from "../context.ts";
import type { GlobalOptions } from "../settings.ts";

interface BookOptions {
  seats: number;
  idempotencyKey?: string;
}

interface ListOptions {
  status?: "confirmed" | "cancelled";
  limit?: number;
  cursor?: string;
}

export function registerBookings(program: Command): void {
  program
    .command("book")
    .description("book seats for an event")
    .argument("<eventId>", "event id", positiveInt)
    .option("--seats <n>", "how many seats", positiveInt, 1)
    .option(
      "--idempotency-key <key>",
      "reuse the key of an attempt that may have failed: it is never booked twice",
    )
    .action((eventId: number, options: BookOptions, command: Command) =>
      withContext(
        command.optsWithGlobals<GlobalOptions>(),
        async ({ client, out, requireToken }) => {
          requireToken();
          // One key per invocation: a retry inside tRPC is safe, and so is rerunning with it.
          const idempotencyKey = options.idempotencyKey ?? `cli-${randomUUID()}`;
          const result = await client.bookings.create
            .mutate({ eventId, seats: options.seats, idempotencyKey })
            .catch((error: unknown) => {
              if (!isUnreachable(error)) throw error;
              throw new CliError(
                `Could not reach the server, so the booking may or may not have been made. ` +
                  `Run the same command with --idempotency-key ${idempotencyKey} to retry safely.`,
                ExitCode.unreachable,
              );
            });
          const { booking } = result;
          out.result(result, () =>
            result.replayed
              ? `Already booked with this idempotency key: booking #${booking.id}, ${plural(booking.seats, "seat")} (${booking.status}).`
              : `Booked ${plural(booking.seats, "seat")} for event #${eventId}: booking #${booking.id}. ${plural(result.availableSeats, "seat")} left.`,
          );
        },
      ),
    );

  program
    .command("bookings")
    .description("your bookings, newest first")
    .addOption(new Option("--status <status>", "only these").choices(["confirmed", "cancelled"]))
    .option("-n, --limit <n>", "bookings per page (at most 100)", positiveInt)
    .option("--cursor <cursor>", "the next page, from the previous page's output")
    .action((options: ListOptions, command: Command) =>
      withContext(
        command.optsWithGlobals<GlobalOptions>(),
        async ({ client, out, requireToken }) => {
          requireToken();
          const page = await client.bookings.mine.query({
            status: options.status,
            limit: options.limit,
            cursor: options.cursor,
          });
          out.result(page, () => {
            if (page.items.length === 0) return "No bookings.";
            const rows = page.items.map((b) => [
              String(b.id),
              String(b.seats),
              b.status,
              formatTime(b.event.startsAt, b.event.timezone),
              `#${b.event.id} ${b.event.title}`,
            ]);
            const more = page.nextCursor
              ? `\nMore: boxoffice bookings --cursor ${page.nextCursor}`
              : "";
            return table(["ID", "SEATS", "STATUS", "STARTS", "EVENT"], rows) + more;
          });
        },
      ),
    );

  program
    .command("cancel")
    .description("cancel one of your bookings, giving its seats back")
    .argument("<bookingId>", "booking id", positiveInt)
    .action((id: number, _options: object, command: Command) =>
      withContext(
        command.optsWithGlobals<GlobalOptions>(),
        async ({ client, out, requireToken }) => {
          requireToken();
          const booking = await client.bookings.cancel.mutate({ id });
          out.result(
            booking,
            () =>
              `Cancelled booking #${booking.id} (${plural(booking.seats, "seat")} for event #${booking.eventId}).`,
          );
        },
      ),
    );
}
