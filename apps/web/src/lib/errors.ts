import { isTRPCClientError } from "@trpc/client";
import { plural } from "./format.ts";
import type { ApiError } from "./trpc.ts";

/** A wait in words, rounded as people say it: "about 40 seconds", "about 5 minutes". */
export function waitInWords(seconds: number): string {
  if (seconds < 60) return `about ${plural(Math.max(1, Math.ceil(seconds)), "second")}`;
  if (seconds < 3_600) return `about ${plural(Math.round(seconds / 60), "minute")}`;
  return `about ${plural(Math.round(seconds / 3_600), "hour")}`;
}

/** What every page says when the server rate-limits (TOO_MANY_REQUESTS). */
export function tooManyAttemptsMessage(retryAfterSeconds: number | null | undefined): string {
  return retryAfterSeconds
    ? `Too many attempts; try again in ${waitInWords(retryAfterSeconds)}.`
    : "Too many attempts; try again in a few minutes.";
}

/** The server's message is written for people; anything else gets a generic one. */
export function errorMessage(error: unknown): string {
  if (isTRPCClientError(error)) {
    if (error.data === undefined && /fetch|network/i.test(error.message)) {
      return "Cannot reach the server. Check your connection and try again.";
    }
    const data = (error as ApiError).data;
    if (data?.code === "TOO_MANY_REQUESTS") return tooManyAttemptsMessage(data.retryAfterSeconds);
    // A zod refusal's message lists raw issues; forms show its field messages instead.
    if (data?.zodError) return "Some of what was sent is not valid; check it and try again.";
    return error.message;
  }
  return error instanceof Error ? error.message : "Something went wrong; please try again.";
}

/**
 * Field-by-field messages from the server's flattened zod error (empty when none). Keys are
 * field paths; `nestedUnder` strips a wrapper such as events.update's `changes.`.
 */
export function fieldErrors(
  error: ApiError | null | undefined,
  nestedUnder?: string,
): Record<string, string[]> {
  const fields: Record<string, string[] | undefined> = error?.data?.zodError?.fieldErrors ?? {};
  const prefix = nestedUnder ? `${nestedUnder}.` : "";
  return Object.fromEntries(
    Object.entries(fields)
      .filter((entry): entry is [string, string[]] => !!entry[1]?.length)
      .map(([field, messages]) => [
        field.startsWith(prefix) ? field.slice(prefix.length) : field,
        messages,
      ]),
  );
}

/**
 * Messages not tied to a field the form shows (the form lists these at the top); when the
 * server's refusal names no message at all, a general one.
 */
export function formErrors(
  error: ApiError | null | undefined,
  shownFields: string[],
  nestedUnder?: string,
): string[] {
  if (!error) return [];
  const data = error.data?.zodError;
  if (!data) return [errorMessage(error)];
  const fields = Object.entries(fieldErrors(error, nestedUnder));
  const unplaced = fields
    .filter(([field]) => !shownFields.includes(field))
    .flatMap(([, messages]) => messages);
  const messages = [...data.formErrors, ...unplaced];
  const placedAny = fields.length > unplaced.length;
  return messages.length > 0 || placedAny ? messages : [errorMessage(error)];
}

/** The booking core's refusal code (SOLD_OUT, HAS_BOOKINGS, …), if that is why it failed. */
export const refusalReason = (error: ApiError | null | undefined) => error?.data?.reason ?? null;
