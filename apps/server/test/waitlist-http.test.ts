import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { checkInvariant } from "@boxoffice/api/commands";
import { waitlistEntries } from "@boxoffice/db";
import { startTestServer, type TestServer } from "./harness.ts";
import { book, createEvent } from "./support/fixtures.ts";
import { eventually, liveClient } from "./support/live-client.ts";
import { clientFor, refusalOf } from "./support/trpc-http.ts";

/** Moves an offer's end into the past, as if its window had run out. */
async function endWindow(server: TestServer, offerId: number) {
  await server.services.database.writer.run((tx) =>
    tx
      .update(waitlistEntries)
      .set({ offerExpiresAt: Date.now() - 1 })
      .where(eq(waitlistEntries.id, offerId)),
  );
}

async function until(check: () => Promise<boolean>, what: string, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const statusOf = async (server: TestServer, id: number) =>
  (
    await server.services.db
      .select({ status: waitlistEntries.status })
      .from(waitlistEntries)
      .where(eq(waitlistEntries.id, id))
  )[0]?.status;

describe("the waiting list over HTTP", () => {
  const servers: TestServer[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      expect(await checkInvariant(server.services.db)).toEqual([]);
      await server.destroy();
    }
  });

  it("join, claim and decline say why they are refused, in words and as a reason", async () => {
    const server = await startTestServer({ env: { WAITLIST_EXPIRY_CHECK_MS: "0" } });
    servers.push(server);
    const [organiser, holder, waiter] = await Promise.all([
      server.addUser("organiser@example.com", "admin"),
      server.addUser("holder@example.com"),
      server.addUser("waiter@example.com"),
    ]);
    const event = await createEvent(server.services, organiser.id, { capacity: 3 });
    const seat = await book(server.services, holder.id, event.id, 2);
    const api = clientFor(server.url, waiter.token);

    expect(await refusalOf(api.waitlist.join.mutate({ eventId: event.id, seats: 1 }))).toEqual({
      code: "CONFLICT",
      httpStatus: 409,
      reason: "SEATS_AVAILABLE",
      message: "1 seat is available: book it instead of joining the waiting list.",
      retryAfterSeconds: null,
    });
    const entry = await api.waitlist.join.mutate({ eventId: event.id, seats: 3 });
    expect(entry).toMatchObject({ seats: 3, status: "waiting" });
    expect(
      (await refusalOf(api.waitlist.join.mutate({ eventId: event.id, seats: 3 }))).reason,
    ).toBe("ALREADY_ON_WAITLIST");
    expect(await api.waitlist.mine.query()).toEqual([
      expect.objectContaining({ id: entry.id, position: 1, status: "waiting" }),
    ]);

    await clientFor(server.url, holder.token).bookings.cancel.mutate({ id: seat.id });
    const [offer] = await api.waitlist.mine.query();
    expect(offer).toMatchObject({ id: entry.id, status: "offered", position: null });
    const someoneElse = clientFor(server.url, holder.token);
    expect(
      await refusalOf(
        someoneElse.waitlist.claim.mutate({ offerId: entry.id, idempotencyKey: "not-mine-123" }),
      ),
    ).toMatchObject({
      code: "NOT_FOUND",
      message: "That offer does not exist (it may have been deleted).",
    });

    const claim = { offerId: entry.id, idempotencyKey: "claim-over-http" };
    const first = await api.waitlist.claim.mutate(claim);
    const again = await api.waitlist.claim.mutate(claim);
    expect(first.replayed).toBe(false);
    expect(again).toEqual({ booking: first.booking, replayed: true });
    expect(first.booking).toMatchObject({ seats: 3, status: "confirmed" });
    expect(await refusalOf(api.waitlist.decline.mutate({ offerId: entry.id }))).toMatchObject({
      code: "CONFLICT",
      reason: "OFFER_CLOSED",
      message: "This offer was already claimed: the seats are in your bookings.",
    });
    const organiserView = await clientFor(server.url, organiser.token).waitlist.forEvent.query({
      eventId: event.id,
    });
    expect(organiserView.items).toEqual([]);
  });

  it("expires offers on a timer, with no request needed, and tells the next in line live", async () => {
    const server = await startTestServer({ env: { WAITLIST_EXPIRY_CHECK_MS: "50" } });
    servers.push(server);
    const [organiser, holder, first, second] = await Promise.all([
      server.addUser("organiser@example.com", "admin"),
      server.addUser("holder@example.com"),
      server.addUser("first@example.com"),
      server.addUser("second@example.com"),
    ]);
    const event = await createEvent(server.services, organiser.id, { capacity: 1 });
    const seat = await book(server.services, holder.id, event.id);
    const a = await clientFor(server.url, first.token).waitlist.join.mutate({
      eventId: event.id,
      seats: 1,
    });
    const b = await clientFor(server.url, second.token).waitlist.join.mutate({
      eventId: event.id,
      seats: 1,
    });
    const live = liveClient(server.url, { token: second.token });
    const heard: string[] = [];
    let started = false;
    live.client.bookings.onMine.subscribe(undefined, {
      onStarted: () => (started = true),
      onData: ({ data }) => heard.push(`${data.action}:${data.waitlistEntryId}`),
    });
    await eventually(() => started, "onMine");
    await clientFor(server.url, holder.token).bookings.cancel.mutate({ id: seat.id });
    expect(await statusOf(server, a.id)).toBe("offered");

    await endWindow(server, a.id);
    await eventually(() => heard.includes(`offer_made:${b.id}`), "the offer to the next in line");
    expect(await statusOf(server, a.id)).toBe("expired");
    await live.close();
  });

  it("expires offers whose window ended while no server ran, as soon as one starts", async () => {
    const dir = mkdtempSync(join(tmpdir(), "boxoffice-expiry-"));
    try {
      const before = await startTestServer({ dir, env: { WAITLIST_EXPIRY_CHECK_MS: "0" } });
      const [organiser, holder, waiter] = await Promise.all([
        before.addUser("organiser@example.com", "admin"),
        before.addUser("holder@example.com"),
        before.addUser("waiter@example.com"),
      ]);
      const event = await createEvent(before.services, organiser.id, { capacity: 1 });
      const seat = await book(before.services, holder.id, event.id);
      const entry = await clientFor(before.url, waiter.token).waitlist.join.mutate({
        eventId: event.id,
        seats: 1,
      });
      await clientFor(before.url, holder.token).bookings.cancel.mutate({ id: seat.id });
      await endWindow(before, entry.id);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await statusOf(before, entry.id)).toBe("offered");
      await before.stop();

      // An hour between checks: only the check at start can expire it now.
      const after = await startTestServer({ dir, env: { WAITLIST_EXPIRY_CHECK_MS: "3600000" } });
      servers.push(after);
      await until(async () => (await statusOf(after, entry.id)) === "expired", "expiry at start");
    } finally {
      for (const server of servers.splice(0)) await server.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
