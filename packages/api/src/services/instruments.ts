/**
 * What the API reports to whoever measures it (the server's Prometheus metrics). The API
 * knows nothing of how it is measured; without a measurer every report goes nowhere.
 */
export interface Instruments {
  /** A tRPC call finished: `outcome` is "ok" or the error code. */
  procedure(path: string, type: string, outcome: string, seconds: number): void;
  /** A command finished: "ok" or the refusal's code (SOLD_OUT, …). */
  command(name: string, outcome: string): void;
  /** Rows a resuming subscription replayed from booking_logs. */
  replayed(rows: number): void;
  /** A live subscription started (+1) or ended (-1). */
  subscriptions(change: 1 | -1): void;
}

export const unmeasured: Instruments = {
  procedure() {},
  command() {},
  replayed() {},
  subscriptions() {},
};
