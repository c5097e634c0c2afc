const dateTime = new Intl.DateTimeFormat(undefined, {
  weekday: "short",
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});
const timeOnly = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });
const dayOnly = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short" });

export const formatDateTime = (ms: number): string => dateTime.format(ms);

/** "Sat, 3 May 2025, 18:00 – 21:00", or both full dates when it spans days. */
export function formatDateRange(startsAt: number, endsAt: number): string {
  const sameDay = new Date(startsAt).toDateString() === new Date(endsAt).toDateString();
  return `${dateTime.format(startsAt)} – ${(sameDay ? timeOnly : dateTime).format(endsAt)}`;
}

/** The calendar chip on a card: day and month. */
export const formatDay = (ms: number): string => dayOnly.format(ms);

export const plural = (n: number, word: string, many = `${word}s`): string =>
  `${n.toLocaleString()} ${n === 1 ? word : many}`;

/** `<input type="datetime-local">` value in the browser's time zone. */
export function toLocalInput(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(
    date.getHours(),
  )}:${pad(date.getMinutes())}`;
}

/** Epoch ms from a datetime-local value (browser time zone), or undefined when blank/invalid. */
export function fromLocalInput(value: string): number | undefined {
  if (!value) return undefined;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms : undefined;
}

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
