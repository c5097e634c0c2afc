import type { Command } from "commander";
import { positiveInt } from "../arguments.ts";
import { withContext } from "../context.ts";
import { formatTime, plural, table } from "../output.ts";
import type { GlobalOptions } from "../settings.ts";

/** A QR token is 116 URL-safe characters; anything shorter is a reference or a ticket code. */
const isToken = (text: string) => /^[\w-]{100,200}$/.test(text.trim());

export function registerTickets(program: Command): void {
  program
    .command("tickets")
    .description("a booking's reference and tickets (the holder, an admin or the organiser)")
    .argument("<bookingId>", "booking id", positiveInt)
    .action((bookingId: number, _options: object, command: Command) =>
      withContext(
        command.optsWithGlobals<GlobalOptions>(),
        async ({ client, out, requireToken }) => {
          requireToken();
          const view = await client.bookings.tickets.query({ bookingId });
          out.result(view, () => {
            const rows = view.tickets.map((ticket) => [
              String(ticket.seat),
              ticket.status,
              ticket.checkedInAt === null
                ? "–"
                : formatTime(ticket.checkedInAt, view.event.timezone),
              ticket.code,
            ]);
            return [
              `${view.booking.reference} · ${view.event.title} · ${formatTime(view.event.startsAt, view.event.timezone)}` +
                `${view.event.location ? ` · ${view.event.location}` : ""}`,
              `${view.holder.name}, ${plural(view.booking.seats, "seat")} (${view.booking.status})`,
              "",
              table(["SEAT", "STATUS", "CHECKED IN", "CODE"], rows),
              "",
              "The QR tokens are in --json; at the door, the reference or a code can be typed in.",
            ].join("\n");
          });
        },
      ),
    );

  program
    .command("checkin")
    .description("let a ticket in at an event's door (admins, the organiser and its door staff)")
    .argument("<eventId>", "event id", positiveInt)
    .argument("<ticket>", "the QR token, the booking reference (BX-…) or the ticket code")
    .action((eventId: number, ticket: string, _options: object, command: Command) =>
      withContext(
        command.optsWithGlobals<GlobalOptions>(),
        async ({ client, out, requireToken }) => {
          requireToken();
          const input = isToken(ticket)
            ? { eventId, token: ticket.trim() }
            : { eventId, code: ticket };
          // A refusal's message says why (and for a second scan, when and by whom); main()
          // prints it and exits 5 (refused) or 4 (not a ticket).
          const admitted = await client.checkin.scan.mutate(input);
          out.result(admitted, () => {
            const more =
              admitted.stillToCome > 0
                ? ` ${plural(admitted.stillToCome, "more ticket")} of ${admitted.booking?.reference ?? "this booking"} to come.`
                : "";
            return (
              `Checked in: ${admitted.holder?.name ?? "?"}, seat ${admitted.ticket.seat} of ` +
              `${admitted.booking?.seats ?? "?"} (${admitted.booking?.reference ?? "?"}).${more} ` +
              `${admitted.counts.checkedIn}/${admitted.counts.total} in.`
            );
          });
        },
      ),
    );
}
