import { isTRPCClientError } from "@trpc/client";
import type { BookingFailureCode, BoxofficeClientError, ResyncReason } from "./types.ts";

/** Narrows an error to one from the Boxoffice API, so `error.data` is typed. */
export function isBoxofficeError(error: unknown): error is BoxofficeClientError {
  return isTRPCClientError(error);
}

/**
 * Why the server refused a booking, cancellation, event change or role change
 * (`SOLD_OUT`, `NOT_ENOUGH_SEATS`, …), or null for any other error.
 */
export function refusalReason(error: unknown): BookingFailureCode | null {
  return isBoxofficeError(error) ? (error.data?.reason ?? null) : null;
}

/**
 * Why a subscription could not resume from its `lastEventId` (`TOO_OLD`: further back than
 * the server replays; `AHEAD`: not from this server's data), or null for any other error.
 * Either way: read the data again, and subscribe from the `feedPosition` it comes with.
 */
export function resyncReason(error: unknown): ResyncReason | null {
  return isBoxofficeError(error) ? (error.data?.resync ?? null) : null;
}

/** A plain-HTTP route (the CSV download) answered with an error status. */
export class BoxofficeHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "BoxofficeHttpError";
  }
}
