import type { Command } from "commander";
import { downloadBookingsCsv } from "@boxoffice/client";
import { positiveInt } from "../arguments.ts";
import { withContext } from "../context.ts";
import type { GlobalOptions } from "../settings.ts";

export function registerExport(program: Command): void {
  program
    .command("export")
    .description("an event's bookings as CSV on stdout (admins and the event's creator)")
    .argument("<eventId>", "event id", positiveInt)
    .action((eventId: number, _options: object, command: Command) =>
      withContext(command.optsWithGlobals<GlobalOptions>(), async ({ settings, requireToken }) => {
        const csv = await downloadBookingsCsv({
          url: settings.url,
          token: requireToken(),
          eventId,
        });
        process.stdout.write(csv);
      }),
    );
}
