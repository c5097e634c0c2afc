import {
  deviceTimeZone,
  formatDateTime as zonedDateTime,
  formatDay as zonedDay,
  formatRange,
  fromZonedInput,
  sameClock,
  toZonedInput,
} from "@boxoffice/time";

/**
 * "Sat, 3 May 2025, 18:00 BST". An event's times are given with its zone (they are shown as
 * people at the venue read them, whatever zone this device is in); moments that belong to no
 * event (a sign-up, an audit entry) are in this device's zone, labelled too.
 */
export const formatDateTime = (ms: number, timeZone: string = deviceTimeZone()): string =>
  zonedDateTime(ms, timeZone);

/** "Sat, 3 May 2025, 18:00 – 21:00 BST", or both ends in full when it spans days. */
export const formatDateRange = (startsAt: number, endsAt: number, timeZone: string): string =>
  formatRange(startsAt, endsAt, timeZone);

/** The calendar chip on a card: day and month at the venue. */
export const formatDay = (ms: number, timeZone: string): string => zonedDay(ms, timeZone);

/** The moment in this device's zone, when its clock shows another time than the venue's. */
export function inViewersZone(ms: number, eventZone: string): string | null {
  const here = deviceTimeZone();
  return sameClock(ms, eventZone, here) ? null : zonedDateTime(ms, here);
}

export const plural = (n: number, word: string, many = `${word}s`): string =>
  `${n.toLocaleString()} ${n === 1 ? word : many}`;

/** `<input type="datetime-local">` value showing the moment as a clock in `timeZone` does. */
export const toLocalInput = (ms: number, timeZone: string = deviceTimeZone()): string =>
  toZonedInput(ms, timeZone);

/** Time left as a clock reads it: "59:07", "1:05:00"; never below "0:00". */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1_000));
  const [hours, minutes, seconds] = [
    Math.floor(total / 3_600),
    Math.floor(total / 60) % 60,
    total % 60,
  ];
  const two = (n: number) => String(n).padStart(2, "0");
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${minutes}:${two(seconds)}`;
}

/** 1 → "1st", 2 → "2nd", 11 → "11th", 23 → "23rd". */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix =
    tens >= 11 && tens <= 13
      ? "th"
      : (({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th");
  return `${n.toLocaleString()}${suffix}`;
}

/** An offer window in words: "30 minutes", "1 hour", "1 hour 30 minutes", "2 days". */
export function durationInWords(minutes: number): string {
  if (minutes % 1_440 === 0) return plural(minutes / 1_440, "day");
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return plural(rest, "minute");
  return rest === 0 ? plural(hours, "hour") : `${plural(hours, "hour")} ${plural(rest, "minute")}`;
}
/** Epoch ms from a datetime-local value read in `timeZone`, or undefined when blank/invalid. */
export const fromLocalInput = (value: string, timeZone: string = deviceTimeZone()) =>
  fromZonedInput(value, timeZone);
