import { describe, expect, it } from "vitest";
import {
  formatClock,
  formatCompact,
  formatDateTime,
  formatRange,
  fromZonedInput,
  isTimeZone,
  sameClock,
  timeZoneNames,
  toZonedInput,
  zoneAbbreviation,
  zoneOffsetMinutes,
} from "../src/index.ts";

const winter = Date.UTC(2026, 0, 15, 6, 0); // 06:00 in London, 01:00 in New York
const summer = Date.UTC(2026, 6, 15, 5, 0); // 06:00 in London (BST)

describe("zoned time", () => {
  it("labels London, New York and Paris with their letters, other zones with the offset", () => {
    expect(zoneAbbreviation(winter, "Europe/London")).toBe("GMT");
    expect(zoneAbbreviation(summer, "Europe/London")).toBe("BST");
    expect(zoneAbbreviation(winter, "America/New_York")).toBe("EST");
    expect(zoneAbbreviation(summer, "America/New_York")).toBe("EDT");
    expect(zoneAbbreviation(summer, "Europe/Paris")).toBe("CEST");
    expect(zoneAbbreviation(summer, "Asia/Tokyo")).toBe("GMT+9");
    expect(zoneAbbreviation(summer, "UTC")).toBe("UTC");
  });

  it("shows the clock at the venue, whatever zone this process is in", () => {
    expect(formatClock(winter, "Europe/London")).toBe("06:00 GMT");
    expect(formatClock(summer, "Europe/London")).toBe("06:00 BST");
    expect(formatClock(winter, "America/New_York")).toBe("01:00 EST");
    expect(formatDateTime(winter, "Europe/London", { locale: "en-GB" })).toBe(
      "Thu, 15 Jan 2026, 06:00 GMT",
    );
    expect(formatCompact(summer, "Europe/London")).toBe("2026-07-15 06:00 BST");
  });

  it("writes a range on one day once, and both ends in full across days", () => {
    expect(formatRange(winter, winter + 2 * 3_600_000, "Europe/London", { locale: "en-GB" })).toBe(
      "Thu, 15 Jan 2026, 06:00 – 08:00 GMT",
    );
    expect(formatRange(winter, winter + 20 * 3_600_000, "Europe/London", { locale: "en-GB" })).toBe(
      "Thu, 15 Jan 2026, 06:00 GMT – Fri, 16 Jan 2026, 02:00 GMT",
    );
    // The clocks go forward at 01:00 GMT on 29 March 2026.
    const night = Date.UTC(2026, 2, 29, 0, 30);
    expect(formatRange(night, night + 3_600_000, "Europe/London", { locale: "en-GB" })).toBe(
      "Sun, 29 Mar 2026, 00:30 GMT – 02:30 BST",
    );
  });

  it("knows offsets and when two zones show the same clock", () => {
    expect(zoneOffsetMinutes(summer, "Europe/London")).toBe(60);
    expect(zoneOffsetMinutes(winter, "America/New_York")).toBe(-300);
    expect(zoneOffsetMinutes(winter, "Asia/Kolkata")).toBe(330);
    expect(sameClock(winter, "Europe/London", "UTC")).toBe(true);
    expect(sameClock(summer, "Europe/London", "UTC")).toBe(false);
  });

  it("turns a datetime-local value in the event's zone into the moment and back", () => {
    expect(fromZonedInput("2026-07-15T06:00", "Europe/London")).toBe(summer);
    expect(fromZonedInput("2026-01-15T01:00", "America/New_York")).toBe(winter);
    expect(toZonedInput(summer, "Europe/London")).toBe("2026-07-15T06:00");
    expect(toZonedInput(winter, "America/New_York")).toBe("2026-01-15T01:00");
    // 01:30 does not exist in London on 29 March 2026: it lands after the change.
    expect(fromZonedInput("2026-03-29T01:30", "Europe/London")).toBe(Date.UTC(2026, 2, 29, 1, 30));
    // Around the autumn change both readings are real moments; the answer is one of them.
    const ambiguous = fromZonedInput("2026-10-25T01:30", "Europe/London");
    expect([Date.UTC(2026, 9, 25, 0, 30), Date.UTC(2026, 9, 25, 1, 30)]).toContain(ambiguous);
    expect(fromZonedInput("nonsense", "Europe/London")).toBeUndefined();
  });

  it("lists zones with UTC first and validates names", () => {
    const names = timeZoneNames();
    expect(names[0]).toBe("UTC");
    expect(names).toContain("Europe/London");
    expect(isTimeZone("Europe/London")).toBe(true);
    expect(isTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isTimeZone("")).toBe(false);
  });
});
