import type { Command } from "commander";
import type { RouterOutputs } from "@boxoffice/client";
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

/** Prints each event's seats, then every change, until stopped or every event is deleted. */
function watchSeats(
  { client, out, settings: { url } }: CommandContext,
  eventIds: number[],
): Promise<void> {
  const watched = new Map<number, Watched>();
  const print = (eventId: number, changeId: string | null, before?: number) => {
    const event = watched.get(eventId);
    if (!event) return;
    if (out.json) {
      out.line(JSON.stringify({ changeId, eventId, ...event, at: new Date().toISOString() }));
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
    let snapshotTaken = false;
    // Assigned once subscribe() returns; finish() may run before that (a synchronous error).
    // eslint-disable-next-line prefer-const
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
      if (!event) return;
      const before = event.availableSeats;
      const unchanged =
        before === data.availableSeats && event.capacity === data.capacity && !data.deleted;
      if (unchanged) return;
      const { availableSeats, capacity, deleted } = data;
      Object.assign(event, { availableSeats, capacity, deleted });
      print(data.eventId, id, before);
      if ([...watched.values()].every((e) => e.deleted)) finish();
    };

    // The counts are read once the subscription runs, so no change can fall between the two.
    // Changes arriving meanwhile wait; those the counts already include are dropped: every
    // change up to the last one showing the count that was read.
    let pending: SeatChange[] | null = [];
    const takeSnapshot = async () => {
      const events = await Promise.all(eventIds.map((id) => client.events.byId.query({ id })));
      for (const event of events) {
        if (watched.has(event.id)) continue;
        const { title, availableSeats, capacity } = event;
        watched.set(event.id, { title, availableSeats, capacity, deleted: false });
        print(event.id, null);
      }
      const waiting = pending ?? [];
      pending = null;
      const lastIncluded = new Map<number, number>();
      waiting.forEach(({ data }, index) => {
        if (data.availableSeats === watched.get(data.eventId)?.availableSeats)
          lastIncluded.set(data.eventId, index);
      });
      waiting.forEach((change, index) => {
        if (index > (lastIncluded.get(change.data.eventId) ?? -1)) apply(change);
      });
      if (!out.json) out.note("Watching for changes; press Ctrl-C to stop.");
    };

    // The client reconnects by itself and resumes after the last change it received.
    subscription = client.events.onSeats.subscribe(
      { eventIds: [...new Set(eventIds)] },
      {
        onStarted: () => {
          if (snapshotTaken) return;
          snapshotTaken = true;
          takeSnapshot().catch(finish);
        },
        onData: (change) => {
          if (pending) pending.push(change);
          else apply(change);
        },
        onConnectionStateChange: (state) => {
          if (state.state === "connecting" && state.error && !lost) {
            lost = true;
            out.note(
              snapshotTaken
                ? `Connection lost (${state.error.message}); reconnecting…`
                : `Could not connect to ${url} (${state.error.message}); retrying…`,
            );
          } else if (state.state === "pending" && lost) {
            lost = false;
            out.note(snapshotTaken ? "Reconnected; catching up on missed changes." : "Connected.");
          }
        },
        onError: finish,
      },
    );
    if (stopped) subscription.unsubscribe();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
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
