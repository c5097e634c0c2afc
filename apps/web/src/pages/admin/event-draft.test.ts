import { describe, expect, it } from "vitest";
import { toLocalInput } from "../../lib/format.ts";
import { draftOf, validateEventDraft, type EventDraft } from "./event-draft.ts";
import { eventFixture } from "../../testing/event-fixture.ts";

const now = Date.UTC(2030, 5, 1, 12);
const day = 86_400_000;

function draft(overrides: Partial<EventDraft> = {}): EventDraft {
  return { ...draftOf(undefined, now), title: "Harbour Concert", ...overrides };
}

describe("checking an event draft", () => {
  it("turns a good draft into the API's fields", () => {
    const result = validateEventDraft(
      draft({
        tags: " Music, outdoor ,music,",
        capacity: " 40 ",
        imageUrl: "",
        maxSeatsPerPerson: " 4 ",
      }),
      { isNew: true, now },
    );
    expect(result).toMatchObject({
      ok: true,
      fields: {
        title: "Harbour Concert",
        tags: ["music", "outdoor"],
        capacity: 40,
        maxSeatsPerPerson: 4,
        imageUrl: null,
      },
    });
  });

  it("says in words what is wrong with each field", () => {
    const result = validateEventDraft(
      draft({
        title: "  ",
        startsAt: toLocalInput(now - day),
        endsAt: toLocalInput(now - 2 * day),
        imageUrl: "ftp://example.com/a.png",
        tags: "jazz, c++",
        capacity: "12.5",
        maxSeatsPerBooking: "500",
        maxSeatsPerPerson: "0",
      }),
      { isNew: true, now },
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        title: ["Give the event a title."],
        startsAt: ["Pick a start in the future."],
        endsAt: ["The event must end after it starts."],
        imageUrl: ["Use a web address starting with http:// or https://."],
        tags: ["Tags use letters, digits, spaces, & and - (not “c++”)."],
        capacity: ["Capacity must be a whole number."],
        maxSeatsPerBooking: ["Allow between 1 and 100 seats per booking."],
        maxSeatsPerPerson: ["Allow between 1 and 1,000 seats per person."],
      },
    });
  });

  it("refuses invisible control characters, as the server does", () => {
    const result = validateEventDraft(draft({ location: "Pier\u00074" }), { isNew: true, now });
    expect(result).toEqual({
      ok: false,
      errors: { location: ["Remove the invisible control character (pasted in, perhaps)."] },
    });
  });

  it("lets an edit keep a past start, but not drop capacity below the seats booked", () => {
    const past = draft({
      startsAt: toLocalInput(now - day),
      endsAt: toLocalInput(now - day + 3_600_000),
      capacity: "5",
    });
    expect(validateEventDraft(past, { isNew: false, now, seatsBooked: 5 }).ok).toBe(true);
    expect(validateEventDraft(past, { isNew: false, now, seatsBooked: 6 })).toEqual({
      ok: false,
      errors: { capacity: ["6 seats already booked; capacity cannot go below that."] },
    });
  });

  it("reads the times as clock times where the event happens", () => {
    const london = draft({
      timezone: "Europe/London",
      startsAt: "2030-07-15T06:00",
      endsAt: "2030-07-15T08:00",
    });
    const result = validateEventDraft(london, { isNew: true, now });
    expect(result).toMatchObject({
      ok: true,
      fields: {
        timezone: "Europe/London",
        startsAt: Date.UTC(2030, 6, 15, 5, 0),
        endsAt: Date.UTC(2030, 6, 15, 7, 0),
      },
    });
    expect(validateEventDraft({ ...london, timezone: "Mars/Base" }, { isNew: true, now })).toEqual({
      ok: false,
      errors: { timezone: ["Pick the time zone the event happens in from the list."] },
    });
    const edited = draftOf(
      eventFixture({ startsAt: Date.UTC(2030, 6, 15, 5, 0), timezone: "Europe/London" }),
    );
    expect(edited).toMatchObject({ timezone: "Europe/London", startsAt: "2030-07-15T06:00" });
  });
});
