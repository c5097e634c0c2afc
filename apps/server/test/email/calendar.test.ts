import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../harness.ts";
import { londonSummerMorning, onlyEventOf } from "../support/calendar.ts";
import { createEvent, hour } from "../support/fixtures.ts";

describe("GET /api/events/:id/calendar.ics", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.destroy();
  });

  it("is the event in its own zone, for anyone, and 404 for no such event", async () => {
    const admin = await server.addUser("admin@example.com", "admin");
    const startsAt = londonSummerMorning();
    const event = await createEvent(server.services, admin.id, {
      title: "Sunrise; Yoga, by the river",
      startsAt,
      endsAt: startsAt + hour,
      timezone: "Europe/London",
      location: "Primrose Hill",
    });
    const response = await fetch(`${server.url}/api/events/${event.id}/calendar.ics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(
      'attachment; filename="Sunrise-Yoga-by-the-river.ics"',
    );
    const body = await response.text();
    expect(body).toContain("DTSTART;TZID=Europe/London:");
    expect(body).toContain("BEGIN:VTIMEZONE");
    const parsed = onlyEventOf(body);
    expect(parsed.summary).toBe("Sunrise; Yoga, by the river");
    expect(parsed.location).toBe("Primrose Hill");
    expect(parsed.start.getTime()).toBe(startsAt);
    expect(parsed.uid).toMatch(new RegExp(`^event-${event.id}@`));
    expect(body).toContain(`URL;VALUE=URI:${server.url}/events/${event.id}`);

    const missing = await fetch(`${server.url}/api/events/987654/calendar.ics`);
    expect(missing.status).toBe(404);
    await missing.text();
  });
});
