import { describe, expect, it } from "vitest";
import { durationInWords, formatCountdown, ordinal } from "./format.ts";

describe("waiting-list words", () => {
  it("counts down like a clock", () => {
    expect(formatCountdown(59 * 60_000 + 7_000)).toBe("59:07");
    expect(formatCountdown(65 * 60_000)).toBe("1:05:00");
    expect(formatCountdown(-5)).toBe("0:00");
    expect(formatCountdown(1)).toBe("0:01");
  });

  it("says places in line and offer windows as people do", () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101].map(ordinal)).toEqual([
      "1st",
      "2nd",
      "3rd",
      "4th",
      "11th",
      "12th",
      "13th",
      "21st",
      "22nd",
      "101st",
    ]);
    expect([1, 45, 60, 90, 1_440, 10_080].map(durationInWords)).toEqual([
      "1 minute",
      "45 minutes",
      "1 hour",
      "1 hour 30 minutes",
      "1 day",
      "7 days",
    ]);
  });
});
