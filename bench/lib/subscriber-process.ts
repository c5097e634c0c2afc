/**
 * A child process holding SUB_COUNT WebSocket subscribers, one tRPC subscription each
 * (events.onSeats for SUB_EVENT_ID), speaking tRPC's WebSocket protocol with `ws` directly so
 * the client side stays light. It timestamps every change on arrival with a clock shared by
 * all processes on the machine (performance.timeOrigin + performance.now()), and talks to the
 * benchmark over IPC:
 *   → { type: "ready", connected, failed, error }     once every socket is subscribed
 *   ← { type: "collect", value, timeoutMs }            wait for the change carrying `value`
 *   → { type: "collected", value, times, missing }     arrival times (ms since the epoch)
 *   ← { type: "close" }                                close every socket and exit
 */
import type WebSocket from "ws";
import { openAll, openSubscription } from "./raw-subscription.ts";

const url = process.env.SUB_URL ?? "";
const count = Number(process.env.SUB_COUNT ?? 0);
const eventId = Number(process.env.SUB_EVENT_ID ?? 1);
const parallel = Number(process.env.SUB_PARALLEL ?? 50);
const connectTimeoutMs = 60_000;

const sockets: WebSocket[] = [];
/** Change value (available seats) → arrival time per subscriber. */
const arrivals = new Map<number, number[]>();
let waiter: { value: number; done: () => void } | null = null;

function arrived(data: unknown, at: number) {
  const value = (data as { availableSeats?: number }).availableSeats;
  if (value === undefined) return;
  const times = arrivals.get(value) ?? [];
  times.push(at);
  arrivals.set(value, times);
  if (waiter?.value === value && times.length >= sockets.length) waiter.done();
}

const { failed, error } = await openAll(count, parallel, async () => {
  const socket = await openSubscription({
    url,
    path: "events.onSeats",
    input: { eventIds: [eventId] },
    timeoutMs: connectTimeoutMs,
    onChange: arrived,
  });
  sockets.push(socket);
});
process.send?.({ type: "ready", connected: sockets.length, failed, error });

process.on("message", (message: { type: string; value?: number; timeoutMs?: number }) => {
  if (message.type === "close") {
    for (const socket of sockets) socket.terminate();
    process.exit(0);
  }
  if (message.type === "collect" && message.value !== undefined) {
    const value = message.value;
    const reply = () => {
      clearTimeout(timer);
      waiter = null;
      const times = arrivals.get(value) ?? [];
      process.send?.({
        type: "collected",
        value,
        times,
        missing: sockets.length - times.length,
      });
    };
    const timer = setTimeout(reply, message.timeoutMs ?? 30_000);
    waiter = { value, done: reply };
    if ((arrivals.get(value)?.length ?? 0) >= sockets.length) reply();
  }
});
// The benchmark went away: do not linger.
process.on("disconnect", () => process.exit(0));
