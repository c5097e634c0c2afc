import { parse } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users, type Event } from "@boxoffice/db";
import { startTestServer, type TestServer, type TestUser } from "./harness.ts";
import { book, createEvent } from "./support/fixtures.ts";
import { bearer, clientFor } from "./support/trpc-http.ts";

const header = [
  "booking_id",
  "name",
  "email",
  "seats",
  "status",
  "booked_at",
  "cancelled_at",
  "reference",
  "tickets",
  "checked_in",
  "check_in_status",
];

/** Names that break naive CSV: separators, quotes, line breaks, formulas, non-ASCII. */
const names = [
  "Smith, John",
  'Dwayne "The Rock" Johnson',
  "Line one\nLine two",
  "=SUM(A1)",
  "+1 555 0100",
  "-2",
  "@cmd",
  "a=b, not a formula",
  "Zoë 😀 Łódź",
  "Renamed below to start with a tab",
];

/** What a spreadsheet must show: formula starters neutralised with a leading quote. */
const shown = (name: string) => (/^[=+\-@\t\r]/.test(name) ? `'${name}` : name);

/** RFC 5987 ext-value characters: attr-chars and %XX escapes only. */
const extValue = /^(?:[A-Za-z0-9!#$&+\-.^_`|~]|%[0-9A-F]{2})*$/;

describe("the bookings CSV download", () => {
  let server: TestServer;
  let admin: TestUser;
  let event: Event;
  const bookers: { id: number; name: string; email: string; seats: number }[] = [];

  const download = (eventId: number, init: RequestInit = {}) =>
    fetch(`${server.url}/api/events/${eventId}/bookings.csv`, {
      ...init,
      headers: bearer(admin.token),
    });

  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.addUser("admin@example.com", "admin");
    event = await createEvent(server.services, admin.id, { title: 'Café "Jazz", Night' });
    for (const [i, name] of names.entries()) {
      const email = `booker-${i}@example.com`;
      const { token, user } = await clientFor(server.url).auth.register.mutate({
        email,
        name,
        password: "a fine password",
        returnToken: true,
      });
      const seats = (i % 3) + 1;
      await clientFor(server.url, token).bookings.create.mutate({
        eventId: event.id,
        seats,
        idempotencyKey: `csv-booking-${i}`,
      });
      bookers.push({ id: user.id, name, email, seats });
    }
    // A leading tab is stripped from names typed into the form, but may exist in old data.
    const tabbed = bookers.at(-1);
    if (!tabbed) throw new Error("no bookers");
    tabbed.name = "\t=cmd|' /C calc'!A0";
    await server.services.database.writer.run((tx) =>
      tx.update(users).set({ name: tabbed.name }).where(eq(users.id, tabbed.id)),
    );
  });
  afterAll(async () => {
    await server.destroy();
  });

  it("has the right headers: CSV, UTF-8, an attachment with a safe ASCII name and the real title", async () => {
    const response = await download(event.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const disposition = response.headers.get("content-disposition") ?? "";
    const match = /^attachment; filename="([^"]*)"; filename\*=UTF-8''(\S+)$/.exec(disposition);
    expect(match, disposition).not.toBeNull();
    const [, ascii = "", encoded = ""] = match ?? [];
    expect(ascii).toBe("bookings-Cafe-Jazz-Night.csv");
    expect(encoded).toMatch(extValue);
    expect(decodeURIComponent(encoded)).toBe('bookings-Café "Jazz", Night.csv');
    await response.arrayBuffer();
  });

  it("every booking is a row, quoted so that it parses back exactly, formulas neutralised", async () => {
    const bytes = new Uint8Array(await (await download(event.id)).arrayBuffer());
    // The UTF-8 byte order mark, so Excel reads the file as UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text).toContain('"Dwayne ""The Rock"" Johnson"');
    expect(text.split("\r\n")[0]).toBe(`\uFEFF${header.join(",")}`);

    const [head, ...rows] = parse(text, { bom: true }) as string[][];
    expect(head).toEqual(header);
    expect(rows).toHaveLength(names.length);
    const newestFirst = [...bookers].reverse();
    for (const [i, row] of rows.entries()) {
      const booker = newestFirst[i];
      const [bookingId, name, email, seats, status, bookedAt, cancelledAt, reference, tickets] =
        row;
      expect(Number(bookingId)).toBeGreaterThan(0);
      expect(name).toBe(shown(booker?.name ?? ""));
      expect(email).toBe(booker?.email);
      expect(seats).toBe(String(booker?.seats));
      expect(status).toBe("confirmed");
      // In the event's zone (UTC here), labelled.
      expect(bookedAt).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
      expect(cancelledAt).toBe("");
      expect(reference).toMatch(/^BX-[A-Z2-9]{6}$/);
      expect(tickets).toBe(String(booker?.seats));
      expect(row.slice(9)).toEqual(["0", "none"]);
    }
    // No cell a spreadsheet would evaluate.
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(rows.map((row) => row[1])).toContain("'=SUM(A1)");
    expect(rows.map((row) => row[1])).toContain("a=b, not a formula");
  });

  it("a cancelled booking keeps its row with the cancellation time", async () => {
    const [latest] = (
      await clientFor(server.url, admin.token).bookings.forEvent.query({ eventId: event.id })
    ).items;
    if (!latest) throw new Error("no bookings");
    await clientFor(server.url, admin.token).bookings.cancel.mutate({ id: latest.id });
    const rows = parse(await (await download(event.id)).text(), { bom: true }) as string[][];
    const row = rows.find((r) => r[0] === String(latest.id));
    expect(row?.[4]).toBe("cancelled");
    expect(row?.[6]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    expect(row?.slice(8)).toEqual(["0", "0", "none"]);
  });

  it("says how many of each booking's tickets are checked in", async () => {
    const asAdmin = clientFor(server.url, admin.token);
    const page = await asAdmin.bookings.forEvent.query({ eventId: event.id, status: "confirmed" });
    const group = page.items.find((booking) => booking.seats === 3);
    const single = page.items.find((booking) => booking.seats === 1);
    if (!group || !single) throw new Error("expected bookings of 3 seats and of 1");
    await asAdmin.checkin.scan.mutate({ eventId: event.id, code: group.reference });
    await asAdmin.checkin.scan.mutate({ eventId: event.id, code: single.reference });
    const rows = parse(await (await download(event.id)).text(), { bom: true }) as string[][];
    const byId = (id: number) => rows.find((r) => r[0] === String(id))?.slice(7);
    expect(byId(group.id)).toEqual([group.reference, "3", "1", "partial"]);
    expect(byId(single.id)).toEqual([single.reference, "1", "1", "all"]);
  });

  it("an event with more bookings than one page holds lists every one once", async () => {
    const big = await createEvent(server.services, admin.id, { capacity: 500 });
    const people = await Promise.all(
      Array.from({ length: 230 }, (_, i) => server.addUser(`many-${i}@example.com`)),
    );
    const booked = await Promise.all(people.map((p) => book(server.services, p.id, big.id)));
    const rows = parse(await (await download(big.id)).text(), { bom: true }) as string[][];
    expect(rows.slice(1).map((row) => Number(row[0]))).toEqual(
      booked.map((b) => b.id).sort((x, y) => y - x),
    );
  });

  it("titles with reserved characters and line breaks still give valid, single headers", async () => {
    const odd = await createEvent(server.services, admin.id, {
      // RFC 5987 reserved characters, and a line break that must not become a header.
      title: "Rock 'n' Roll (Live) *Special* 100% / \\ ?\r\nX-Injected: yes",
    });
    const response = await download(odd.id, { method: "HEAD" });
    expect(response.status).toBe(200);
    const disposition = response.headers.get("content-disposition") ?? "";
    const [, ascii = "", encoded = ""] =
      /filename="([^"]*)"; filename\*=UTF-8''(\S+)$/.exec(disposition) ?? [];
    expect(ascii).toMatch(/^[\w.-]+$/);
    expect(encoded).toMatch(extValue);
    expect(decodeURIComponent(encoded)).toBe(`bookings-${odd.title}.csv`);
    expect(response.headers.get("x-injected")).toBeNull();
    expect(await response.text()).toBe("");
  });
});
