import ical, { type VEvent } from "node-ical";

/** The one VEVENT of an .ics file, parsed back by node-ical as a calendar app would. */
export function onlyEventOf(ics: string): VEvent {
  const events = Object.values(ical.sync.parseICS(ics)).filter(
    (component): component is VEvent => component?.type === "VEVENT",
  );
  if (events.length !== 1) throw new Error(`expected one VEVENT, found ${events.length}`);
  const [event] = events;
  if (!event) throw new Error("no VEVENT");
  return event;
}

/** 06:00 in London on 15 July next year (BST, UTC+1): a moment whose zone matters. */
export function londonSummerMorning(): number {
  return Date.UTC(new Date().getUTCFullYear() + 1, 6, 15, 5, 0);
}
