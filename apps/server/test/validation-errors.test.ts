import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppRouter } from "@boxoffice/api";
import { startTestServer, type TestServer } from "./harness.ts";
import { clientFor } from "./support/trpc-http.ts";

async function zodErrorOf(call: Promise<unknown>) {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCClientError)) throw new Error("expected a tRPC error");
  const { data, message } = error as TRPCClientError<AppRouter>;
  return { code: data?.code, message, zodError: data?.zodError };
}

describe("validation errors", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.destroy();
  });

  it("name each field by its path, so a form can show the message beside it", async () => {
    const admin = await server.addUser("admin@validation.test", "admin");
    const client = clientFor(server.url, admin.token);
    const created = await zodErrorOf(
      client.events.create.mutate({
        title: "",
        startsAt: Date.now() + 86_400_000,
        endsAt: Date.now(),
        capacity: 0,
        tags: ["ok", "!!"],
      }),
    );
    expect(created.code).toBe("BAD_REQUEST");
    expect(created.zodError?.fieldErrors).toEqual({
      title: ["Give the event a title."],
      capacity: ["Capacity is at least 1."],
      tags: ["Tags use letters, digits, spaces, & and -."],
      endsAt: ["The event cannot end before it starts."],
    });
    // The message is readable on its own, not a JSON dump of issues.
    expect(created.message).toContain("Give the event a title.");
    expect(created.message).not.toContain('"code"');

    const updated = await zodErrorOf(
      client.events.update.mutate({ id: 1, changes: { title: " " } }),
    );
    expect(updated.zodError?.fieldErrors).toEqual({ "changes.title": ["Give the event a title."] });
  });

  it("refuse a new event that starts in the past, and a time zone nobody knows", async () => {
    const admin = await server.addUser("past@validation.test", "admin");
    const client = clientFor(server.url, admin.token);
    const past = await zodErrorOf(
      client.events.create.mutate({
        title: "Yesterday",
        startsAt: Date.now() - 86_400_000,
        endsAt: Date.now(),
        capacity: 5,
      }),
    );
    expect(past.code).toBe("BAD_REQUEST");
    expect(past.zodError?.fieldErrors).toEqual({
      startsAt: ["Pick a start time in the future: this moment has already passed."],
    });

    const zone = await zodErrorOf(
      client.events.create.mutate({
        title: "Somewhere",
        startsAt: Date.now() + 86_400_000,
        endsAt: Date.now() + 90_000_000,
        capacity: 5,
        timezone: "Mars/Olympus_Mons",
      }),
    );
    expect(zone.zodError?.fieldErrors).toEqual({
      timezone: ["Use an IANA time zone such as Europe/London or America/New_York."],
    });
  });

  it("give a new event the default time zone unless it names one", async () => {
    const admin = await server.addUser("zone@validation.test", "admin");
    const client = clientFor(server.url, admin.token);
    const fields = {
      startsAt: Date.now() + 86_400_000,
      endsAt: Date.now() + 90_000_000,
      capacity: 5,
    };
    const plain = await client.events.create.mutate({ title: "Plain", ...fields });
    const london = await client.events.create.mutate({
      title: "London",
      ...fields,
      timezone: "Europe/London",
    });
    expect(plain.timezone).toBe(server.services.defaultTimezone);
    expect(london.timezone).toBe("Europe/London");
  });
});
