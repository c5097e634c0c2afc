import type { BookingLog } from "@boxoffice/db";

export type SeatBusListener = (log: BookingLog) => void;

/**
 * Carries committed booking_logs rows to live subscribers. Publishers call it only after
 * the writer has committed, so a subscriber never sees a change that could still vanish.
 */
export interface SeatBus {
  publish(logs: readonly BookingLog[]): void;
  /** Returns the unsubscribe function. */
  subscribe(listener: SeatBusListener): () => void;
  close(): Promise<void>;
}

/** The default: subscribers in this process hear what this process commits. */
export function createLocalSeatBus(): SeatBus {
  const listeners = new Set<SeatBusListener>();
  return {
    publish(logs) {
      for (const log of logs) for (const listener of listeners) listener(log);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
    },
  };
}
