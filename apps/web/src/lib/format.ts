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

/** Epoch ms from a datetime-local value read in `timeZone`, or undefined when blank/invalid. */
export const fromLocalInput = (value: string, timeZone: string = deviceTimeZone()) =>
  fromZonedInput(value, timeZone);
