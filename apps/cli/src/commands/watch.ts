import type { Command } from "commander";
import { resyncReason, type RouterOutputs } from "@boxoffice/client";
import { positiveInt } from "../arguments.ts";
import { seats } from "../output.ts";
import { withContext, type CommandContext } from "../context.ts";
import type { GlobalOptions } from "../settings.ts";

interface Watched {
  title: string;
  availableSeats: number;
  capacity: number;
  deleted: boolean;
}

type SeatChange =
  RouterOutputs["events"]["onSeats"] extends AsyncIterable<infer Change> ? Change : never;

const ids = (value: string, previous: number[] = []) => [...previous, positiveInt(value)];

/** `18:03:04`, local time. */
const clock = () => new Date().toTimeString().slice(0, 8);

/**
 * Prints each event's seats, then every change, until stopped or every event is deleted.
 * The counts come with the feed position they were read at, and the subscription starts
 * from there: nothing that happens between the two is missed, and nothing the counts
 * already show is printed again.
 */
function watchSeats({ client, out }: CommandContext, eventIds: number[]): Promise<void> {
  const wanted = [...new Set(eventIds)];
  const watched = new Map<number, Watched & { readAt: number }>();
  const print = (eventId: number, changeId: string | null, before?: number) => {
    const event = watched.get(eventId);
    if (!event) return;
    if (out.json) {
      const { title, availableSeats, capacity, deleted } = event;
      const line = { changeId, eventId, title, availableSeats, capacity, deleted };
      out.line(JSON.stringify({ ...line, at: new Date().toISOString() }));
      return;
    }
    const delta = before === undefined ? 0 : event.availableSeats - before;
    const change = delta === 0 ? "" : ` (${delta > 0 ? "+" : ""}${delta})`;
    const state = event.deleted ? "deleted" : seats(event.availableSeats, event.capacity);
    out.line(`${clock()}  #${eventId} ${event.title}: ${state}${change}`);
  };

  return new Promise<void>((resolve, reject) => {
    let stopped = false;
    let lost = false;
    let subscription: { unsubscribe(): void } | undefined;
    const finish = (error?: unknown) => {
      if (stopped) return;
      stopped = true;
      subscription?.unsubscribe();
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      if (error === undefined) resolve();
      else reject(error);
    };
    const stop = () => finish();

    const apply = ({ id, data }: SeatChange) => {
      const event = watched.get(data.eventId);
      // A change the counts were read after is already in them.
      if (!event || Number(id) <= event.readAt) return;
      const before = event.availableSeats;
      const unchanged =
        before === data.availableSeats && event.capacity === data.capacity && !data.deleted;
      if (unchanged) return;
      const { availableSeats, capacity, deleted } = data;
      Object.assign(event, { availableSeats, capacity, deleted });
      print(data.eventId, id, before);
      if ([...watched.values()].every((e) => e.deleted)) finish();
    };

    /** Reads the counts (printing what is new), then follows from where they were read. */
    const follow = async (first: boolean) => {
      const events = await Promise.all(wanted.map((id) => client.events.byId.query({ id })));
      if (stopped) return;
      for (const event of events) {
        const { title, availableSeats, capacity } = event;
        const known = watched.get(event.id);
        const readAt = Number(event.feedPosition);
        watched.set(event.id, { title, availableSeats, capacity, deleted: false, readAt });
        if (!known || known.availableSeats !== availableSeats || known.capacity !== capacity) {
          print(event.id, null, known?.availableSeats);
        }
      }
      const from = Math.min(...events.map((event) => Number(event.feedPosition)));
      // The client reconnects by itself and resumes after the last change it received.
      subscription = client.events.onSeats.subscribe(
        { eventIds: wanted, lastEventId: String(from) },
        {
          onStarted: () => {
            if (first && !out.json) out.note("Watching for changes; press Ctrl-C to stop.");
            first = false;
          },
          onData: apply,
          onConnectionStateChange: (state) => {
            if (state.state === "connecting" && state.error && !lost) {
              lost = true;
              out.note(`Connection lost (${state.error.message}); reconnecting…`);
            } else if (state.state === "pending" && lost) {
              lost = false;
              out.note("Reconnected; catching up on missed changes.");
            }
          },
          onError: (error) => {
            if (!resyncReason(error)) return finish(error);
            // Away for longer than the server replays: read the counts again instead.
            subscription?.unsubscribe();
            out.note("Too far behind to catch up change by change; reading the counts again.");
            follow(false).catch(finish);
          },
        },
      );
    };

    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    follow(true).catch(finish);
  });
}

export function registerWatch(program: Command): void {
  program
    .command("watch")
    .description("print live seat counts of events as they change, until Ctrl-C")
    .argument("<eventId...>", "event ids", ids)
    .action((eventIds: number[], _options: object, command: Command) =>
      withContext(command.optsWithGlobals<GlobalOptions>(), (context) =>
        watchSeats(context, eventIds),
      ),
    );
}
