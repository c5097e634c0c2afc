import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { User } from "@boxoffice/db";
import { drivers } from "@boxoffice/db/testing";
import { eventTomorrow, openTestServices, type TestServices } from "../../src/testing.ts";
import { type Commands } from "../../src/commands/index.ts";
import { unwrap } from "../../src/errors.ts";
import { listEvents } from "../../src/queries/events.ts";
import { addUser } from "../fixtures.ts";

describe.each(drivers)("events.list search on %s", (driver) => {
  let t: TestServices;
  let core: Commands;
  let admin: User;
  beforeEach(async () => {
    t = await openTestServices({ driver });
    core = t.commands;
    admin = await addUser(t.database.writer, "admin@x.test", "admin");
  });
  afterEach(async () => {
    await t.destroy();
  });

  const create = async (title: string, description = "", location = "") =>
    unwrap(
      await core.createEvent(
        eventTomorrow(admin.id, { title, description, location, capacity: 10 }),
      ),
    ).event;
  const titles = async (search: string) =>
    (
      await listEvents(t.db, { search, when: "all", sort: "soonest", limit: 50, now: Date.now() })
    ).items
      .map((e) => e.title)
      .sort();

  it("finds text anywhere in title, description or location, in any case", async () => {
    await create("Jazz Night", "Quartet plays standards", "Amsterdam");
    await create("Rust Meetup", "talks about JAZZY type systems", "Zürich");
    await create("Yoga", "", "Café Müller, Berlin");
    expect(await titles("jazz")).toEqual(["Jazz Night", "Rust Meetup"]);
    expect(await titles("MÜLLER")).toEqual(["Yoga"]);
    expect(await titles("zürich")).toEqual(["Rust Meetup"]);
    expect(await titles("ru")).toEqual(["Rust Meetup"]);
    expect(await titles("nothing like this")).toEqual([]);
  });

  it("treats quotes, % and _ as plain characters", async () => {
    await create('The "Best" Show', "100% fun", "room_1");
    await create("Other", "1000 fun", "room11");
    expect(await titles('"Best"')).toEqual(['The "Best" Show']);
    expect(await titles("0% f")).toEqual(['The "Best" Show']);
    expect(await titles("m_1")).toEqual(['The "Best" Show']);
    expect(await titles("%")).toEqual(['The "Best" Show']);
  });

  it("follows title changes and deletions", async () => {
    const event = await create("Old Name");
    await core.updateEvent({
      eventId: event.id,
      changes: { title: "New Name" },
      actorId: admin.id,
    });
    expect(await titles("old name")).toEqual([]);
    expect(await titles("new name")).toEqual(["New Name"]);
    await core.deleteEvent({ eventId: event.id, force: false, actorId: admin.id });
    expect(await titles("new name")).toEqual([]);
  });
});
