import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RouterInputs } from "@boxoffice/api";
import { bookingLogs, events, type BookingLog, type Event } from "@boxoffice/db";
import { startTestServer, type TestServer, type TestUser } from "./harness.ts";
import { book, createEvent, day } from "./support/fixtures.ts";
import { clientFor, refusalOf, type Client } from "./support/trpc-http.ts";

type ListInput = Exclude<RouterInputs["events"]["list"], void | undefined>;

/** The catalogue: text and tags to search, past and upcoming, ties on start time. */
// prettier-ignore
const catalogue = [
  { title: "100% Jazz Night", description: "Saxophones until late", location: "Amsterdam", tags: ["music", "jazz"], days: 2 },
  { title: "100 Jazz Standards", description: "A quartet", location: "Utrecht", tags: ["music"], days: 3 },
  { title: "snake_case talk", description: "Naming things", location: "Berlin", tags: ["tech"], days: 4 },
  { title: "snakeXcase talk", description: "", location: "Berlin", tags: ["tech", "meetup"], days: 5 },
  { title: "Pottery", description: "Clay and WHEELS", location: "Lisbon", tags: ["art", "workshop"], days: 6 },
  { title: "Sunrise Yoga", description: "", location: "Regent's Park, LONDON", tags: ["wellness"], days: 1 },
  { title: "Old Jazz Gig", description: "", location: "Paris", tags: ["music", "jazz"], days: -3 },
  { title: "Last year's Hackathon", description: "", location: "", tags: ["tech"], days: -400 },
  ...Array.from({ length: 5 }, (_, i) => ({ title: `Tie ${i}`, description: "", location: "", tags: ["tie"], days: 10 })),
  ...Array.from({ length: 12 }, (_, i) => ({
    title: `Filler ${i}`,
    description: "",
    location: "",
    tags: [],
    days: i % 2 === 0 ? 20 + i : -(20 + i),
  })),
];

describe("events.list", () => {
  let server: TestServer;
  let admin: TestUser;
  let client: Client;
  let all: Event[];
  let now: number;
  const byTitle = (title: string) => {
    const event = all.find((e) => e.title === title);
    if (!event) throw new Error(`no event ${title}`);
    return event;
  };

  /** Every page, following nextCursor, as ids in the order served. */
  async function walk(input: ListInput): Promise<number[]> {
    const ids: number[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const page: { items: Event[]; nextCursor: string | null } = await client.events.list.query({
        ...input,
        cursor,
      });
      ids.push(...page.items.map((e) => e.id));
      if (!page.nextCursor) return ids;
      expect(page.items).toHaveLength(input.limit ?? 20);
      cursor = page.nextCursor;
    }
    throw new Error("more than 100 pages");
  }

  /** What a list should hold, worked out here from the rows themselves. */
  function expected(
    filter: (e: Event) => boolean,
    sort: "soonest" | "latest" | "newest" = "soonest",
  ): number[] {
    const key = (e: Event) => (sort === "newest" ? e.createdAt : e.startsAt);
    const direction = sort === "soonest" ? 1 : -1;
    return all
      .filter(filter)
      .sort((a, b) => direction * (key(a) - key(b) || a.id - b.id))
      .map((e) => e.id);
  }
  const upcoming = (e: Event) => e.startsAt > now;
  const containing = (text: string) => (e: Event) =>
    [e.title, e.description, e.location].some((f) => f.toLowerCase().includes(text.toLowerCase()));

  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.addUser("admin@example.com", "admin");
    now = Date.now();
    // Same day, same hour: the ties really tie.
    const base = Math.floor(now / 3_600_000) * 3_600_000 + 3_600_000;
    for (const { days, ...fields } of catalogue) {
      await createEvent(server.services, admin.id, { ...fields, startsAt: base + days * day });
    }
    all = await server.services.db.select().from(events);
    client = clientFor(server.url);
  });
  afterAll(async () => {
    await server.destroy();
  });

  it("defaults to upcoming events, soonest first, 20 a page", async () => {
    const page = await client.events.list.query();
    expect(page.items.map((e) => e.id)).toEqual(expected(upcoming).slice(0, 20));
    expect(page.items[0]?.title).toBe("Sunrise Yoga");
  });

  it("lists the tags in use with their counts, for upcoming, past or all events", async () => {
    const counted = (keep: (e: Event) => boolean) => {
      const counts = new Map<string, number>();
      for (const event of all.filter(keep))
        for (const tag of event.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
      return [...counts]
        .map(([tag, count]) => ({ tag, count }))
        .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
    };
    expect(await client.events.tags.query()).toEqual(counted(upcoming));
    expect(await client.events.tags.query({ when: "past" })).toEqual(counted((e) => !upcoming(e)));
    expect(await client.events.tags.query({ when: "all" })).toEqual(counted(() => true));
    expect(await client.events.tags.query()).toContainEqual({ tag: "tie", count: 5 });
  });

  it("searches title, description and location, ignoring case", async () => {
    const search = async (text: string) =>
      (await client.events.list.query({ search: text, when: "all", limit: 100 })).items
        .map((e) => e.id)
        .sort();
    const ids = (...titles: string[]) => titles.map((t) => byTitle(t).id).sort();

    expect(await search("jazz")).toEqual(
      ids("100% Jazz Night", "100 Jazz Standards", "Old Jazz Gig"),
    );
    expect(await search("JAZZ")).toEqual(await search("jazz"));
    expect(await search("wheels")).toEqual(ids("Pottery"));
    expect(await search("london")).toEqual(ids("Sunrise Yoga"));
    expect(await search("  Berlin ")).toEqual(ids("snake_case talk", "snakeXcase talk"));
    expect(await search("no such thing")).toEqual([]);
    // % and _ are the characters themselves, short or long, never wildcards.
    expect(await search("%")).toEqual(ids("100% Jazz Night"));
    expect(await search("0%")).toEqual(ids("100% Jazz Night"));
    expect(await search("100%")).toEqual(ids("100% Jazz Night"));
    expect(await search("_")).toEqual(ids("snake_case talk"));
    expect(await search("e_c")).toEqual(ids("snake_case talk"));
    expect(await search("snake_case")).toEqual(ids("snake_case talk"));
    for (const text of ["a", "ja", "jaz", "talk", "'s", "ar's"]) {
      expect(await search(text), text).toEqual(expected(containing(text)).sort());
    }
  });

  it("filters by any of the given tags", async () => {
    const tagged =
      (...tags: string[]) =>
      (e: Event) =>
        e.tags.some((t) => tags.includes(t));
    const list = (tags: string[]) => client.events.list.query({ tags, when: "all", limit: 100 });
    expect((await list(["jazz", "art"])).items.map((e) => e.id)).toEqual(
      expected(tagged("jazz", "art")),
    );
    expect((await list(["JAZZ "])).items.map((e) => e.id)).toEqual(expected(tagged("jazz")));
    expect((await list(["nothing-here"])).items).toEqual([]);
    const both = await client.events.list.query({ tags: ["tech"], search: "berlin", when: "all" });
    expect(both.items.map((e) => e.title).sort()).toEqual(
      ["snake_case talk", "snakeXcase talk"].sort(),
    );
  });

  it("filters by a start date range, bounds included, as epoch ms or ISO strings", async () => {
    const from = byTitle("100 Jazz Standards").startsAt;
    const to = byTitle("Pottery").startsAt;
    const inRange = (e: Event) => e.startsAt >= from && e.startsAt <= to;
    const asNumbers = await client.events.list.query({ from, to, when: "all" });
    expect(asNumbers.items.map((e) => e.id)).toEqual(expected(inRange));
    expect(asNumbers.items).toHaveLength(4);
    const asIso = await client.events.list.query({
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString().replace("Z", "+00:00"),
      when: "all",
    });
    expect(asIso.items.map((e) => e.id)).toEqual(expected(inRange));
  });

  it("upcoming, past and all", async () => {
    const ids = async (when: "upcoming" | "past" | "all") =>
      (await client.events.list.query({ when, limit: 100 })).items.map((e) => e.id);
    expect(await ids("upcoming")).toEqual(expected(upcoming));
    expect(await ids("past")).toEqual(expected((e) => !upcoming(e)));
    expect(await ids("all")).toEqual(expected(() => true));
    expect((await ids("past")).length).toBe(8);
  });

  it("cursor pagination walks every matching event exactly once, in each sort", async () => {
    for (const sort of ["soonest", "latest", "newest"] as const) {
      for (const when of ["upcoming", "past", "all"] as const) {
        const filter =
          when === "all" ? () => true : when === "upcoming" ? upcoming : (e: Event) => !upcoming(e);
        expect(await walk({ sort, when, limit: 3 }), `${sort} ${when}`).toEqual(
          expected(filter, sort),
        );
      }
      const ties = (e: Event) => e.tags.includes("tie") || e.tags.includes("jazz");
      expect(await walk({ sort, when: "all", tags: ["tie", "jazz"], limit: 2 })).toEqual(
        expected(ties, sort),
      );
    }
    // One event per page, across the five that start at the same moment.
    expect(await walk({ tags: ["tie"], limit: 1 })).toEqual(
      expected((e) => e.tags.includes("tie")),
    );
  });

  it("a cursor that is not one of ours is BAD_REQUEST", async () => {
    const encoded = (json: string) => Buffer.from(json).toString("base64url");
    for (const cursor of ["garbage", encoded('["a",1]'), encoded("[1]"), encoded('[1,"x"]')]) {
      const refusal = await refusalOf(client.events.list.query({ cursor }));
      expect(refusal, cursor).toMatchObject({ code: "BAD_REQUEST", httpStatus: 400 });
      expect(refusal.message).toMatch(/cursor/i);
    }
  });

  it("a cursor from another sort is BAD_REQUEST, not a wrong position", async () => {
    const first = await client.events.list.query({ when: "all", sort: "soonest", limit: 1 });
    expect(first.nextCursor).not.toBeNull();
    const cursor = first.nextCursor ?? "";
    expect(
      (await client.events.list.query({ when: "all", sort: "soonest", cursor })).items.length,
    ).toBeGreaterThan(0);
    const refusal = await refusalOf(
      client.events.list.query({ when: "all", sort: "latest", cursor }),
    );
    expect(refusal).toMatchObject({ code: "BAD_REQUEST", httpStatus: 400 });
  });
});

describe("admin.stats and admin.auditLog", () => {
  let server: TestServer;
  let asAdmin: Client;
  let admin: TestUser;
  let people: TestUser[];
  let logs: BookingLog[];
  let eventIds: number[];

  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.addUser("admin@example.com", "admin");
    people = await Promise.all([1, 2, 3].map((i) => server.addUser(`person-${i}@example.com`)));
    const { services } = server;
    const [a, b, c] = [
      await createEvent(services, admin.id, { capacity: 10 }),
      await createEvent(services, admin.id, { capacity: 20 }),
      await createEvent(services, admin.id, { capacity: 5, startsAt: Date.now() - day }),
    ];
    eventIds = [a.id, b.id, c.id];
    const [p1, p2, p3] = people.map((p) => p.id) as [number, number, number];
    await book(services, p1, a.id, 2);
    const cancelled = await book(services, p2, a.id, 3);
    await book(services, p1, b.id, 4);
    await book(services, p3, b.id, 1);
    await services.commands.cancelBooking({ bookingId: cancelled.id, actorId: admin.id });
    await services.commands.updateEvent({
      eventId: b.id,
      changes: { capacity: 25 },
      actorId: admin.id,
    });
    logs = (await services.db.select().from(bookingLogs)).sort((x, y) => y.id - x.id);
    asAdmin = clientFor(server.url, admin.token);
  });
  afterAll(async () => {
    await server.destroy();
  });

  it("stats count events, bookings, seats sold and utilisation", async () => {
    expect(await asAdmin.admin.stats.query()).toEqual({
      events: 3,
      upcomingEvents: 2,
      capacity: 10 + 25 + 5,
      seatsSold: 2 + 4 + 1,
      confirmedBookings: 3,
      cancelledBookings: 1,
      users: 4,
      utilisation: 7 / 40,
    });
  });

  it("the audit log filters by event, user and action, newest first", async () => {
    const ids = async (
      filter: Omit<Exclude<RouterInputs["admin"]["auditLog"], void | undefined>, "limit">,
    ) => (await asAdmin.admin.auditLog.query({ ...filter, limit: 100 })).items.map((l) => l.id);
    const where = (keep: (log: BookingLog) => boolean) => logs.filter(keep).map((l) => l.id);
    const [a, b] = eventIds;
    const [p1] = people;

    // Six seat changes, and the admin's promotion (a role_changed row about no event).
    expect(logs).toHaveLength(7);
    expect(await ids({})).toEqual(where(() => true));
    expect(await ids({ action: "role_changed" })).toEqual(
      where((l) => l.action === "role_changed" && l.userId === admin.id),
    );
    expect(await ids({ eventId: a })).toEqual(where((l) => l.eventId === a));
    expect(await ids({ userId: p1?.id })).toEqual(where((l) => l.userId === p1?.id));
    expect(await ids({ action: "cancelled" })).toEqual(where((l) => l.action === "cancelled"));
    expect(await ids({ eventId: b, action: "capacity_changed" })).toEqual(
      where((l) => l.eventId === b && l.action === "capacity_changed"),
    );
    expect(await ids({ action: "event_deleted" })).toEqual([]);
  });

  it("the audit log pages through every entry exactly once", async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: BookingLog[]; nextCursor: string | null } =
        await asAdmin.admin.auditLog.query({ cursor, limit: 4 });
      seen.push(...page.items.map((l) => l.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(logs.map((l) => l.id));
    const refusal = await refusalOf(asAdmin.admin.auditLog.query({ cursor: "not-a-cursor" }));
    expect(refusal.code).toBe("BAD_REQUEST");
  });

  it("the audit log names the event, the person and who acted, even once the event is gone", async () => {
    const [, p2] = people;
    const gone = await createEvent(server.services, admin.id, { title: "Gone Gala" });
    await server.services.commands.deleteEvent({ eventId: gone.id, actorId: admin.id });
    const { items } = await asAdmin.admin.auditLog.query({ limit: 100 });
    const cancelledByAdmin = items.find((l) => l.action === "cancelled");
    expect(cancelledByAdmin).toMatchObject({
      eventTitle: "Test event",
      userName: p2?.email.split("@")[0],
      actorName: "admin",
    });
    expect(items.find((l) => l.action === "event_deleted")).toMatchObject({
      eventId: gone.id,
      eventTitle: "Gone Gala",
      actorName: "admin",
    });
  });

  it("users.list searches by name or email and pages through everyone once", async () => {
    const found = await asAdmin.admin.users.list.query({ search: "PERSON-2" });
    expect(found.items.map((u) => u.email)).toEqual(["person-2@example.com"]);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: number }[]; nextCursor: string | null } =
        await asAdmin.admin.users.list.query({ cursor, limit: 3 });
      seen.push(...page.items.map((u) => u.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...people.map((p) => p.id), admin.id].sort((x, y) => y - x));
  });
});
