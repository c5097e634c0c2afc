import { describe, expect, it } from "vitest";
import { eventsListQuery } from "./events-query.ts";

const inputOf = (search: Parameters<typeof eventsListQuery>[0]) =>
  eventsListQuery(search).queryKey[1]?.input;

describe("the events list query for a URL", () => {
  it("turns a day range into the start of the first day and the end of the last", () => {
    expect(inputOf({ from: "2030-05-01", to: "2030-05-31" })).toMatchObject({
      from: new Date(2030, 4, 1).getTime(),
      to: new Date(2030, 5, 1).getTime() - 1,
      when: "upcoming",
    });
  });

  it("ignores anything that is not a day", () => {
    const input = inputOf({ from: "yesterday", to: "2030-13-45x" });
    expect(input).toMatchObject({ from: undefined, to: undefined });
  });
});
