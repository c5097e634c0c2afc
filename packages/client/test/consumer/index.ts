// A TypeScript app outside the workspace, using the packed @boxoffice/client from npm.
import {
  createBoxofficeClient,
  refusalReason,
  signIn,
  type BookingFailureCode,
  type RouterInputs,
  type RouterOutputs,
} from "@boxoffice/client";
import { keepAlive, retryDelayMs } from "@boxoffice/client/connection-settings";

const [url = "", email = "", password = ""] = process.argv.slice(2);
const { token, user } = await signIn(url, email, password);
// The published settings subpath resolves and is typed; a client may pass its own backoff.
if (!keepAlive.enabled || retryDelayMs(0, () => 1) !== 500) throw new Error("settings changed");
const client = createBoxofficeClient({ url, token, retryDelayMs: (n) => retryDelayMs(n) });

const page: RouterOutputs["events"]["list"] = await client.events.list.query({ limit: 50 });
const open = page.items.find((event) => event.availableSeats >= 2);
const soldOut = page.items.find((event) => event.availableSeats === 0);
if (!open || !soldOut) throw new Error("expected an open and a sold-out event");

// The types are the router's: a wrong call does not compile.
const wrongSeats = { eventId: open.id, seats: "2", idempotencyKey: "consumer-wrong" };
// @ts-expect-error seats is a number
const wrong: RouterInputs["bookings"]["create"] = wrongSeats;
void wrong;

const changes: { eventId: number; availableSeats: number }[] = [];
let started!: () => void;
const subscribed = new Promise<void>((resolve) => (started = resolve));
// From the list's feedPosition: nothing that changed since the list was read is missed.
const subscription = client.events.onSeats.subscribe(
  { eventIds: [open.id], lastEventId: page.feedPosition },
  { onStarted: () => started(), onData: ({ data }) => changes.push(data) },
);
await subscribed;

const input: RouterInputs["bookings"]["create"] = {
  eventId: open.id,
  seats: 2,
  idempotencyKey: `consumer-${Date.now()}`,
};
const booked = await client.bookings.create.mutate(input);

let reason: BookingFailureCode | null = null;
try {
  await client.bookings.create.mutate({
    ...input,
    eventId: soldOut.id,
    idempotencyKey: "x-sold-out",
  });
} catch (error) {
  reason = refusalReason(error);
}

const deadline = Date.now() + 10_000;
while (changes.length === 0 && Date.now() < deadline) {
  await new Promise((resolve) => setTimeout(resolve, 20));
}
subscription.unsubscribe();
await client.close();

console.log(
  JSON.stringify({
    user: user.email,
    eventId: open.id,
    availableSeats: booked.availableSeats,
    reason,
    change: changes[0] ?? null,
  }),
);
