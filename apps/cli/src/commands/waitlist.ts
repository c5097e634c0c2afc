import { randomUUID } from "node:crypto";
import type { Command } from "commander";
import type { RouterOutputs } from "@boxoffice/client";
import { positiveInt } from "../arguments.ts";
import { CliError, ExitCode, isUnreachable } from "../exit-codes.ts";
import { formatTime, plural, table } from "../output.ts";
import { withContext } from "../context.ts";
import type { GlobalOptions } from "../settings.ts";

type Place = RouterOutputs["waitlist"]["mine"][number];

const state = (place: Place) =>
  place.status === "offered"
    ? `offered until ${formatTime(place.offerExpiresAt ?? 0, place.event.timezone)}`
    : `waiting, #${place.position ?? "?"} in line`;

export function registerWaitlist(program: Command): void {
  const waitlist = program
    .command("waitlist")
    .description("waiting lists of sold-out events: join, leave, claim or decline an offer");

  waitlist
    .command("join")
    .description("join a sold-out event's waiting list; freed seats are offered in order")
    .argument("<eventId>", "event id", positiveInt)
    .option("--seats <n>", "how many seats you want", positiveInt, 1)
    .action((eventId: number, options: { seats: number }, command: Command) =>
      withContext(
        command.optsWithGlobals<GlobalOptions>(),
        async ({ client, out, requireToken }) => {
          requireToken();
          const entry = await client.waitlist.join.mutate({ eventId, seats: options.seats });
          const [place] = (await client.waitlist.mine.query()).filter((p) => p.id === entry.id);
          out.result(
            entry,
            () =>
              `On the waiting list for event #${eventId} (${plural(entry.seats, "seat")})` +
              (place?.position ? `, #${place.position} in line.` : ".") +
              " Run `boxoffice waitlist` to see offers.",
          );
        },
      ),
    );

  waitlist
    .command("leave")
    .description("leave an event's waiting list (holding an offer, this declines it)")
    .argument("<eventId>", "event id", positiveInt)
    .action((eventId: number, _options: object, command: Command) =>
      withContext(
        command.optsWithGlobals<GlobalOptions>(),
        async ({ client, out, requireToken }) => {
          requireToken();
          const entry = await client.waitlist.leave.mutate({ eventId });
          out.result(entry, () =>
            entry.status === "declined"
              ? `Declined the offer of ${plural(entry.seats, "seat")} for event #${eventId}; it went to the next in line.`
              : `Left the waiting list for event #${eventId}.`,
          );
        },
      ),
    );

  waitlist
    .command("claim")
    .description("claim seats offered to you: they become a booking")
    .argument("<offerId>", "offer id (from `boxoffice waitlist`)", positiveInt)
    .option(
      "--idempotency-key <key>",
      "reuse the key of an attempt that may have failed: it is never booked twice",
    )
    .action((offerId: number, options: { idempotencyKey?: string }, command: Command) =>
      withContext(
        command.optsWithGlobals<GlobalOptions>(),
        async ({ client, out, requireToken }) => {
          requireToken();
          const idempotencyKey = options.idempotencyKey ?? `cli-${randomUUID()}`;
          const result = await client.waitlist.claim
            .mutate({ offerId, idempotencyKey })
            .catch((error: unknown) => {
              if (!isUnreachable(error)) throw error;
              throw new CliError(
                `Could not reach the server, so the offer may or may not have been claimed. ` +
                  `Run the same command with --idempotency-key ${idempotencyKey} to retry safely.`,
                ExitCode.unreachable,
              );
            });
          const { booking } = result;
          out.result(result, () =>
            result.replayed
              ? `Already claimed with this idempotency key: booking #${booking.id}, ${plural(booking.seats, "seat")}.`
              : `Claimed ${plural(booking.seats, "seat")} for event #${booking.eventId}: booking #${booking.id}.`,
          );
        },
      ),
    );

  waitlist
    .command("decline")
    .description("decline seats offered to you: they go to the next in line at once")
    .argument("<offerId>", "offer id (from `boxoffice waitlist`)", positiveInt)
    .action((offerId: number, _options: object, command: Command) =>
      withContext(
        command.optsWithGlobals<GlobalOptions>(),
        async ({ client, out, requireToken }) => {
          requireToken();
          const entry = await client.waitlist.decline.mutate({ offerId });
          out.result(
            entry,
            () =>
              `Declined the offer of ${plural(entry.seats, "seat")} for event #${entry.eventId}.`,
          );
        },
      ),
    );

  waitlist
    .command("list", { isDefault: true })
    .description("your places in line and open offers")
    .action((_options: object, command: Command) =>
      withContext(
        command.optsWithGlobals<GlobalOptions>(),
        async ({ client, out, requireToken }) => {
          requireToken();
          const places = await client.waitlist.mine.query();
          out.result(places, () => {
            if (places.length === 0) return "Not on any waiting list.";
            const rows = places.map((p) => [
              String(p.id),
              String(p.seats),
              state(p),
              `#${p.event.id} ${p.event.title}`,
            ]);
            const offers = places.some((p) => p.status === "offered")
              ? "\nClaim with: boxoffice waitlist claim <ID>  (or decline <ID>)"
              : "";
            return table(["ID", "SEATS", "STATE", "EVENT"], rows) + offers;
          });
        },
      ),
    );
}
