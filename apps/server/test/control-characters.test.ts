import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./harness.ts";
import { fingerprintOf } from "./support/db-snapshot.ts";
import { createEvent } from "./support/fixtures.ts";
import { bearer, rawCall } from "./support/trpc-http.ts";

/**
 * SQLite reads text up to a NUL, so a title of "\u0000x" used to be stored and read back as
 * "" (getting around the required title). Every text field refuses control characters
 * other than tab and line breaks, naming the field.
 */
describe("control characters in text input", () => {
  let server: TestServer;
  let admin: Awaited<ReturnType<TestServer["addUser"]>>;
  let eventId: number;
  beforeAll(async () => {
    server = await startTestServer();
    admin = await server.addUser("admin@example.com", "admin");
    eventId = (await createEvent(server.services, admin.id)).id;
  });
  afterAll(async () => {
    await server.destroy();
  });

  const inAWeek = Date.now() + 7 * 86_400_000;
  const cases = [
    [
      "events.create",
      { title: "\u0000x", startsAt: inAWeek, endsAt: inAWeek + 1, capacity: 5 },
      "title",
    ],
    [
      "events.create",
      { title: "Ok", description: "a\u0007b", startsAt: inAWeek, endsAt: inAWeek + 1, capacity: 5 },
      "description",
    ],
    ["events.update", { id: 0, changes: { location: "\u001b[31mred" } }, "changes.location"],
    ["auth.register", { email: "x@example.com", name: "\u0000", password: "long enough" }, "name"],
    ["events.list", { search: "ja\u0000zz" }, "search"],
  ] as const;

  it.each(cases)("%s refuses it in %j, naming the field", async (path, input, field) => {
    const before = await fingerprintOf(server.services.db);
    const body = path === "events.update" ? { ...input, id: eventId } : input;
    const answer = await rawCall(server.url, path, {
      method: path === "events.list" ? "GET" : "POST",
      input: body,
      headers: bearer(admin.token),
    });
    const error = (answer.body as { error: { message: string; data: { zodError: unknown } } })
      .error;
    expect(answer.status).toBe(400);
    expect(error.message).toMatch(/control character U\+00[01][0-9A-F]/);
    expect(error.data.zodError).toEqual({
      formErrors: [],
      fieldErrors: { [field]: [expect.stringContaining(`from ${field}`)] },
    });
    expect(await fingerprintOf(server.services.db)).toEqual(before);
  });

  it("keeps tabs and line breaks", async () => {
    const answer = await rawCall(server.url, "events.create", {
      method: "POST",
      input: {
        title: "Tabs\tand\nbreaks",
        description: "line one\r\nline two",
        startsAt: inAWeek,
        endsAt: inAWeek + 1,
        capacity: 5,
      },
      headers: bearer(admin.token),
    });
    expect(answer.status).toBe(200);
  });
});
