import { Command } from "commander";
import { registerAuth } from "./commands/auth.ts";
import { registerBookings } from "./commands/bookings.ts";
import { registerEvents } from "./commands/events.ts";
import { registerExport } from "./commands/export.ts";
import { registerTickets } from "./commands/tickets.ts";
import { registerWaitlist } from "./commands/waitlist.ts";
import { registerWatch } from "./commands/watch.ts";
import { defaultUrl } from "./config.ts";

export function createProgram(): Command {
  const program = new Command("boxoffice")
    .description("Book seats and manage events on a Boxoffice server.")
    .version("0.1.0")
    .option("--url <url>", `server URL (env BOXOFFICE_URL; default ${defaultUrl})`)
    .option("--token <token>", "session token (env BOXOFFICE_TOKEN; default: saved by login)")
    .option("--json", "print results as JSON for scripts")
    // Settings every subcommand inherits: errors are thrown to main(), not process.exit().
    .exitOverride()
    .showHelpAfterError("(run with --help for usage)")
    .addHelpText(
      "after",
      "\nExit codes: 0 ok, 1 unexpected, 2 usage, 3 not signed in or not allowed,\n" +
        "4 not found, 5 refused (sold out, not enough seats, …), 6 server unreachable.",
    );

  registerAuth(program);
  registerEvents(program);
  registerBookings(program);
  registerWaitlist(program);
  registerWatch(program);
  registerExport(program);
  registerTickets(program);
  return program;
}
