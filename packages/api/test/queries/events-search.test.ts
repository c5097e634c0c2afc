import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { events, type User } from "@boxoffice/db";
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

  it("ignores accents and case for every length of query", async () => {
    await create("Yoga", "", "Berlin, Görlitzer Park");
    await create("CAFÉ CONCERT", "Crème brûlée after", "Zürich");
    await create("Plain", "", "Paris");
    expect(await titles("gorlitzer")).toEqual(["Yoga"]);
    expect(await titles("GÖRLITZER")).toEqual(["Yoga"]);
    expect(await titles("cafe")).toEqual(["CAFÉ CONCERT"]);
    expect(await titles("brulee")).toEqual(["CAFÉ CONCERT"]);
    expect(await titles("zu")).toEqual(["CAFÉ CONCERT"]);
    expect(await titles("Ü")).toEqual(["CAFÉ CONCERT"]);
    expect(await titles("gö")).toEqual(["Yoga"]);
  });

  it("folds events written before search ignored accents when the services start", async () => {
    const event = await create("Jazz im Café", "", "Köln");
    await t.database.writer.run((tx) =>
      tx.update(events).set({ searchText: null }).where(eq(events.id, event.id)),
    );
    expect(await titles("koln")).toEqual([]);
    expect(await t.commands.foldSearchText({ batch: 10 })).toEqual({
      ok: true,
      logs: [],
      folded: 1,
    });
    expect(await titles("koln")).toEqual(["Jazz im Café"]);
    expect(await titles("ca")).toEqual(["Jazz im Café"]);
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
    await core.deleteEvent({ eventId: event.id, actorId: admin.id });
    expect(await titles("new name")).toEqual([]);
  });
});
