import { InvalidArgumentError } from "commander";

/** A positive whole number (ids, seats, capacity, limits). */
export function positiveInt(value: string): number {
  if (!/^\d{1,15}$/.test(value) || Number(value) < 1) {
    throw new InvalidArgumentError("Expected a whole number of at least 1.");
  }
  return Number(value);
}

/** For repeatable options: `--tag a --tag b`. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/**
 * A moment for the API: an ISO 8601 date-time. Without a zone (`2026-05-01T18:00`) it is
 * local time, as in JavaScript; a bare date is midnight local time.
 */
export function dateTime(value: string): number {
  const local = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00` : value;
  const ms = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(local)
    ? Date.parse(local.replace(" ", "T"))
    : NaN;
  if (Number.isNaN(ms)) {
    throw new InvalidArgumentError(
      "Expected a date and time like 2026-05-01T18:00 (local) or 2026-05-01T18:00Z.",
    );
  }
  return ms;
}
