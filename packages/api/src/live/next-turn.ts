import { setImmediate } from "node:timers/promises";

/**
 * Waits for the event loop's next turn, after pending I/O: what a long loop over
 * synchronous reads calls between pages so that other requests (and /healthz) get in.
 */
export const nextTurn = (): Promise<void> => setImmediate();

/** How long live work may run before it lets pending I/O in. */
const sliceMs = 10;
let sliceStarted = performance.now();

/**
 * Lets pending I/O in once the process has been busy for a slice. Sending changes is
 * synchronous end to end (the embedded database answers at once, the socket buffers), so
 * twenty subscriptions replaying thousands of changes would otherwise hold the process
 * until they are all done. Shared by every subscription: however many are sending, other
 * requests wait at most about one slice.
 */
export async function giveWayIfBusy(): Promise<void> {
  if (performance.now() - sliceStarted < sliceMs) return;
  await setImmediate();
  sliceStarted = performance.now();
}
