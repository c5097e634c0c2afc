import { isTRPCClientError } from "@trpc/client";
import type { ApiError } from "./trpc.ts";

/** The server's message is written for people; anything else gets a generic one. */
export function errorMessage(error: unknown): string {
  if (isTRPCClientError(error)) {
    if (error.data === undefined && /fetch|network/i.test(error.message)) {
      return "Cannot reach the server. Check your connection and try again.";
    }
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

/** Messages not tied to a field the form shows (the form lists these at the top). */
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
