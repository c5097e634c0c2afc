/**
 * Why a subscription cannot resume from the `lastEventId` it was given. Either way the
 * client reloads what it shows (the snapshot carries a new `feedPosition`) and subscribes
 * again from there. Sent to clients as `error.data.resync`.
 * - `TOO_OLD`: more changes have happened since than the server replays (LIVE_REPLAY_WINDOW).
 * - `AHEAD`: the id is past the newest change, so it did not come from this server's data
 *   (another database, or one restored from a backup).
 */
export type ResyncReason = "TOO_OLD" | "AHEAD";

/** Carried as a TRPCError's cause, so the error formatter can tell clients to resync. */
export class ResyncRequired extends Error {
  constructor(readonly reason: ResyncReason) {
    super(`resync: ${reason}`);
    this.name = "ResyncRequired";
  }
}
