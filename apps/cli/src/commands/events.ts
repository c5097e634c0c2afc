import type { Command } from "commander";
import type { RouterInputs, RouterOutputs } from "@boxoffice/client";
import { collect, dateTime, positiveInt } from "../arguments.ts";
import { formatTime, seats, table } from "../output.ts";
import { withContext } from "../context.ts";
import type { GlobalOptions } from "../settings.ts";

/** An event as every read returns it (byId adds the feed position). */
type Event = RouterOutputs["events"]["create"];

function describeEvent(event: Event): string {
  const rows: [string, string][] = [
    ["Event", `#${event.id} ${event.title}`],
    ["Starts", formatTime(event.startsAt, event.timezone)],
    ["Ends", formatTime(event.endsAt, event.timezone)],
    ["Time zone", event.timezone],
    ["Location", event.location || "-"],
    ["Seats", seats(event.availableSeats, event.capacity)],
    ["Per booking", `at most ${event.maxSeatsPerBooking}`],
    ["Tags", event.tags.join(", ") || "-"],
  ];
  if (event.description) rows.push(["About", event.description]);
  if (event.status === "cancelled") {
    rows.unshift(["Status", `CANCELLED: ${event.cancellationMessage ?? ""}`.trim()]);
  }
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${`${label}:`.padEnd(width + 2)}${value}`).join("\n");
}

interface ListOptions {
  search?: string;
  tag?: string[];
  past?: boolean;
  all?: boolean;
  limit?: number;
  cursor?: string;
}

interface CreateOptions {
  title: string;
  startsAt: number;
  endsAt: number;
  capacity: number;
  description?: string;
  location?: string;
  tag?: string[];
  maxPerBooking?: number;
  imageUrl?: string;
  timezone?: string;
}

export function registerEvents(program: Command): void {
  const events = program.command("events").description("browse events; admins create them");

  events
    .command("list")
    .description("upcoming events, soonest first")
    .option("-s, --search <text>", "match title, description or location")
    .option("-t, --tag <tag>", "only events with this tag (repeatable)", collect)
    .option("--past", "events that have already started")
    .option("--all", "past and upcoming events")
    .option("-n, --limit <n>", "events per page (at most 100)", positiveInt)
    .option("--cursor <cursor>", "the next page, from the previous page's output")
    .action((options: ListOptions, command: Command) =>
      withContext(command.optsWithGlobals<GlobalOptions>(), async ({ client, out }) => {
        const input: RouterInputs["events"]["list"] = {
          search: options.search,
          tags: options.tag,
          when: options.all ? "all" : options.past ? "past" : "upcoming",
          limit: options.limit,
          cursor: options.cursor,
        };
        const page = await client.events.list.query(input);
        out.result(page, () => {
          if (page.items.length === 0) return "No events found.";
          const rows = page.items.map((e) => [
            String(e.id),
            formatTime(e.startsAt, e.timezone),
            e.status === "cancelled" ? "cancelled" : seats(e.availableSeats, e.capacity),
            e.title,
          ]);
          const more = page.nextCursor
            ? `\nMore: boxoffice events list --cursor ${page.nextCursor}`
            : "";
          return table(["ID", "STARTS", "SEATS", "TITLE"], rows) + more;
        });
      }),
    );

  events
    .command("show")
    .description("one event with its live seat count")
    .argument("<eventId>", "event id", positiveInt)
    .action((id: number, _options: object, command: Command) =>
      withContext(command.optsWithGlobals<GlobalOptions>(), async ({ client, out }) => {
        const event = await client.events.byId.query({ id });
        out.result(event, () => describeEvent(event));
      }),
    );

  events
    .command("create")
    .description("create an event (admins)")
    .requiredOption("--title <title>", "what the event is called")
    .requiredOption("--starts-at <time>", "e.g. 2026-05-01T18:00 (local) or …Z (UTC)", dateTime)
    .requiredOption("--ends-at <time>", "when it ends", dateTime)
    .requiredOption("--capacity <n>", "number of seats", positiveInt)
    .option("--description <text>", "what to expect")
    .option("--location <place>", "where it is")
    .option("-t, --tag <tag>", "a tag (repeatable)", collect)
    .option("--max-per-booking <n>", "most seats one booking may take (default 10)", positiveInt)
    .option("--image-url <url>", "an http(s) image")
    .option("--timezone <zone>", "where it happens, e.g. Europe/London (default: the server's)")
    .action((options: CreateOptions, command: Command) =>
      withContext(
        command.optsWithGlobals<GlobalOptions>(),
        async ({ client, out, requireToken }) => {
          requireToken();
          const event = await client.events.create.mutate({
            title: options.title,
            startsAt: options.startsAt,
            endsAt: options.endsAt,
            capacity: options.capacity,
            description: options.description,
            location: options.location,
            tags: options.tag,
            maxSeatsPerBooking: options.maxPerBooking,
            imageUrl: options.imageUrl,
            timezone: options.timezone,
          });
          out.result(event, () => `Created event #${event.id}.\n\n${describeEvent(event)}`);
        },
      ),
    );

  events
    .command("cancel")
    .description(
      "cancel an event (admins and its creator): its bookings are cancelled and their holders told",
    )
    .argument("<eventId>", "event id", positiveInt)
    .requiredOption("--message <text>", "why, for the people who booked")
    .action((id: number, options: { message: string }, command: Command) =>
      withContext(
        command.optsWithGlobals<GlobalOptions>(),
        async ({ client, out, requireToken }) => {
          requireToken();
          const result = await client.events.cancel.mutate({ id, message: options.message });
          out.result(
            result,
            () =>
              `Cancelled event #${id}; ${result.cancelledBookings} booking(s) cancelled and their holders told.`,
          );
        },
      ),
    );
}
