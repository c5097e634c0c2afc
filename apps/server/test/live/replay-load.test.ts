import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventTomorrow, latestChangeId, unwrap } from "@boxoffice/api/testing";
import { appendChangeHistory } from "../support/bulk-logs.ts";
import { sharedDatabase } from "../support/direct-db.ts";
import { eventually } from "../support/live-client.ts";
import { RawSubscriber, timeGet } from "../support/raw-subscriber.ts";
import { spawnServer, type ServerProcess } from "../support/spawn-server.ts";

const HISTORY = 50_000;
const WINDOW = 10_000;
const SUBSCRIPTIONS = 20;

/**
 * The attack from issue #16, against a real server process (its own event loop, so the
 * timings are the server's): one anonymous socket, 20 seat subscriptions, a long history.
 */
describe("replaying a long history to one socket", () => {
  let db: Awaited<ReturnType<typeof sharedDatabase>>;
  let server: ServerProcess;
  let newest = 0;
  beforeAll(async () => {
    db = await sharedDatabase();
    const admin = await db.userWithToken("admin@replay.test", "admin");
    const { event } = unwrap(
      await db.commands.createEvent(eventTomorrow(admin.id, { capacity: 10 })),
    );
    await appendChangeHistory(db.database, event.id, HISTORY);
    newest = await latestChangeId(db.db);
    server = await spawnServer({
      DATABASE_URL: db.fileUrl,
      PORT: "0",
      LIVE_REPLAY_WINDOW: String(WINDOW),
    });
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await db?.destroy();
  });

  it("answers lastEventId 0 with a resync at once instead of replaying 50,000 changes", async () => {
    const client = new RawSubscriber(server.url, { keep: true });
    await client.opened;
    client.subscribeToSeats(Array.from({ length: SUBSCRIPTIONS }, () => ({ lastEventId: "0" })));
    await eventually(
      () => client.kept.filter((message) => message.error).length === SUBSCRIPTIONS,
      "a refusal per subscription",
      5_000,
    );
    for (const message of client.kept.filter((m) => m.error)) {
      expect(message.error?.data).toMatchObject({ code: "PRECONDITION_FAILED", resync: "TOO_OLD" });
    }
    expect(client.kept.filter((message) => message.result?.type === "data")).toEqual([]);
    client.close();
  });

  it("keeps answering /healthz while it replays the whole window to 20 subscriptions", async () => {
    await timeGet(`${server.url}/healthz`); // the test's own first request costs more
    const client = new RawSubscriber(server.url);
    await client.opened;
    const from = String(newest - WINDOW);
    client.subscribeToSeats(Array.from({ length: SUBSCRIPTIONS }, () => ({ lastEventId: from })));
    const expected = SUBSCRIPTIONS * (WINDOW + 1);
    const latencies: number[] = [];
    let duringReplay = 0;
    while (client.messages < expected) {
      const before = client.messages;
      latencies.push(await timeGet(`${server.url}/healthz`));
      if (before > 0 && client.messages < expected) duringReplay++;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // The check ran while the replay was going on, and never waited long.
    expect(duringReplay).toBeGreaterThanOrEqual(3);
    expect(Math.max(...latencies)).toBeLessThan(1_500);
    client.close();
  });
});
