/**
 * Times as people at the venue read them: in the event's IANA zone, labelled with the
 * zone's abbreviation ("Sat, 3 May 2026, 06:00 BST"). Used by the web app, the emails, the
 * CSV export and the CLI, so every place shows an event's time the same way, whatever zone
 * the reader's device is in.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Building an Intl.DateTimeFormat costs far more than using one: keep each one made. */
function formatter(
  locale: string | undefined,
  timeZone: string,
  options: Intl.DateTimeFormatOptions,
) {
  const key = `${locale ?? ""}|${timeZone}|${JSON.stringify(options)}`;
  let made = formatters.get(key);
  if (!made) {
    made = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formatters.set(key, made);
  }
  return made;
}

/** Whether the running JavaScript knows `name` as a time zone (IANA names, `UTC`). */
export function isTimeZone(name: string): boolean {
  if (!name) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Every zone a person can pick, sorted, with UTC (which some engines leave out) first. */
export function timeZoneNames(): string[] {
  const names =
    typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return ["UTC", ...names.filter((name) => name !== "UTC")];
}

/** The zone this device is set to. */
export function deviceTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
}

const numericOffset = /^(GMT|UTC)[+-]/;

/**
 * The zone's short name at that moment: "GMT"/"BST" in London, "EST"/"EDT" in New York,
 * "CET"/"CEST" in Paris. English locales disagree on which zones have letters (en-US knows
 * EST, en-GB knows BST and CET), so both are asked; zones without a common abbreviation get
 * their offset ("GMT+9").
 */
export function zoneAbbreviation(ms: number, timeZone: string): string {
  let fallback = "";
  for (const locale of ["en-US", "en-GB"]) {
    const name =
      formatter(locale, timeZone, { timeZoneName: "short" })
        .formatToParts(ms)
        .find((part) => part.type === "timeZoneName")?.value ?? "";
    if (name && !numericOffset.test(name)) return name;
    fallback ||= name;
  }
  return fallback || timeZone;
}

/** Minutes the zone is ahead of UTC at that moment (London in summer: 60). */
export function zoneOffsetMinutes(ms: number, timeZone: string): number {
  const parts = wallClock(ms, timeZone);
  const asUtc = Date.UTC(
    parts.year,
    parts.month - 1,
    parts.day,
    parts.hour,
    parts.minute,
    parts.second,
  );
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(ms: number, timeZone: string): WallClock {
  const parts = formatter("en-US", timeZone, {
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
    hourCycle: "h23",
  }).formatToParts(ms);
  const value = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((part) => part.type === type)?.value ?? 0);
  return {
    year: value("year"),
    month: value("month"),
    day: value("day"),
    hour: value("hour"),
    minute: value("minute"),
    second: value("second"),
  };
}

/** Whether two zones show the same clock time at that moment (so one label is enough). */
export function sameClock(ms: number, zoneA: string, zoneB: string): boolean {
  return zoneOffsetMinutes(ms, zoneA) === zoneOffsetMinutes(ms, zoneB);
}

const dateOptions: Intl.DateTimeFormatOptions = {
  weekday: "short",
  day: "numeric",
  month: "short",
  year: "numeric",
};
const clockOptions: Intl.DateTimeFormatOptions = {
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
};

export interface ZonedFormatOptions {
  /** A BCP 47 locale; the runtime's own when left out. */
  locale?: string | undefined;
}

/** "06:00 BST" */
export function formatClock(
  ms: number,
  timeZone: string,
  options: ZonedFormatOptions = {},
): string {
  return `${formatter(options.locale, timeZone, clockOptions).format(ms)} ${zoneAbbreviation(ms, timeZone)}`;
}

/** "Sat, 3 May 2026" (the date at the venue) */
export function formatDate(ms: number, timeZone: string, options: ZonedFormatOptions = {}): string {
  return formatter(options.locale, timeZone, dateOptions).format(ms);
}

/** "Sat, 3 May 2026, 06:00 BST" */
export function formatDateTime(
  ms: number,
  timeZone: string,
  options: ZonedFormatOptions = {},
): string {
  return `${formatDate(ms, timeZone, options)}, ${formatClock(ms, timeZone, options)}`;
}

/** "3 May": the calendar chip on an event card. */
export function formatDay(ms: number, timeZone: string, options: ZonedFormatOptions = {}): string {
  return formatter(options.locale, timeZone, { day: "numeric", month: "short" }).format(ms);
}

/**
 * "Sat, 3 May 2026, 18:00 – 21:00 BST"; across days, or across a change of clocks, both ends
 * in full: "Sat, 3 May 2026, 22:00 BST – Sun, 4 May 2026, 02:00 BST".
 */
export function formatRange(
  startsAt: number,
  endsAt: number,
  timeZone: string,
  options: ZonedFormatOptions = {},
): string {
  const sameDay = formatDate(startsAt, timeZone, options) === formatDate(endsAt, timeZone, options);
  const sameZoneName = zoneAbbreviation(startsAt, timeZone) === zoneAbbreviation(endsAt, timeZone);
  if (sameDay && sameZoneName) {
    const clock = formatter(options.locale, timeZone, clockOptions);
    return `${formatDate(startsAt, timeZone, options)}, ${clock.format(startsAt)} – ${clock.format(endsAt)} ${zoneAbbreviation(startsAt, timeZone)}`;
  }
  if (sameDay) {
    return `${formatDate(startsAt, timeZone, options)}, ${formatClock(startsAt, timeZone, options)} – ${formatClock(endsAt, timeZone, options)}`;
  }
  return `${formatDateTime(startsAt, timeZone, options)} – ${formatDateTime(endsAt, timeZone, options)}`;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "2026-05-03 06:00 BST": sortable, for tables and CSV files. */
export function formatCompact(ms: number, timeZone: string): string {
  const t = wallClock(ms, timeZone);
  return `${t.year}-${pad(t.month)}-${pad(t.day)} ${pad(t.hour)}:${pad(t.minute)} ${zoneAbbreviation(ms, timeZone)}`;
}

/** The value of an `<input type="datetime-local">` showing this moment's clock time in the zone. */
export function toZonedInput(ms: number, timeZone: string): string {
  const t = wallClock(ms, timeZone);
  return `${t.year}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}`;
}

const inputPattern = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The moment a clock in the zone shows `value` ("2026-05-03T06:00"), or undefined when the
 * text is not such a value. A time skipped by a change of clocks (02:30 on a spring-forward
 * night) lands just after the change, as calendar apps do.
 */
export function fromZonedInput(value: string, timeZone: string): number | undefined {
  const match = inputPattern.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0));
  const asUtc = Date.UTC(
    year ?? 0,
    (month ?? 1) - 1,
    day ?? 1,
    hour ?? 0,
    minute ?? 0,
    second ?? 0,
  );
  if (!Number.isFinite(asUtc)) return undefined;
  // The zone's offset at the guess, then again at the corrected moment (it differs only
  // when the guess and the answer fall on two sides of a change of clocks).
  const first = asUtc - zoneOffsetMinutes(asUtc, timeZone) * 60_000;
  return asUtc - zoneOffsetMinutes(first, timeZone) * 60_000;
}
