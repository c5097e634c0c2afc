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
