import { setImmediate } from "node:timers/promises";

/**
 * Waits for the event loop's next turn, after pending I/O: what a long loop over
 * synchronous reads calls between pages so that other requests (and /healthz) get in.
 */
export const nextTurn = (): Promise<void> => setImmediate();
