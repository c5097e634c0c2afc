import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addTestUser,
  eventTomorrow,
  latestChangeId,
  signInAs,
  unwrap,
} from "@boxoffice/api/testing";
import { readEnv } from "../../src/env.ts";
import { startServer, type RunningServer } from "../../src/server.ts";
import { appendChangeHistory } from "../support/bulk-logs.ts";
import { eventually } from "../support/live-client.ts";
import { RawSubscriber } from "../support/raw-subscriber.ts";

interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** A server in this process (so the test can look at its sockets), logging into `lines`. */
async function serverWith(env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), "boxoffice-limits-"));
  const lines: LogLine[] = [];
  const logger = pino(
    { level: "info" },
    { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) },
  );
  const server = await startServer(
    readEnv({
      NODE_ENV: "test",
      PORT: "0",
      DATABASE_URL: `file:${join(dir, "boxoffice.db")}`,
      ...env,
    }),
    logger,
  );
  return {
    server,
    lines,
    async destroy() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const refusals = (client: RawSubscriber) =>
  client.kept.filter((message) => message.error?.data?.code === "TOO_MANY_REQUESTS");
/** Subscriptions running now: tRPC answers "started" before the slot is taken (or refused). */
const active = (client: RawSubscriber) =>
  client.kept.filter((message) => message.result?.type === "started").length -
  refusals(client).length;

describe("a client that stops reading", () => {
  const limit = 64 * 1024;
  let running: Awaited<ReturnType<typeof serverWith>>;
  let server: RunningServer;
  beforeAll(async () => {
    running = await serverWith({
      WS_MAX_BUFFERED_BYTES: String(limit),
      WS_SLOW_CLIENT_TIMEOUT_MS: "500",
    });
    server = running.server;
  });
  afterAll(async () => {
    await running.destroy();
  });

  it("is closed once its send buffer stays full, and the buffer never grows past the limit", async () => {
    const admin = await addTestUser(server.services, "admin@slow.test", "admin");
    const { event } = unwrap(
      await server.services.commands.createEvent(eventTomorrow(admin.id, { capacity: 10 })),
    );
    await appendChangeHistory(server.services.database, event.id, 10_000);
    const from = String((await latestChangeId(server.services.db)) - 10_000);

    // ~25 MB of replay for a client that reads none of it (the RSS 239 → 901 MB).
    const client = new RawSubscriber(server.url);
    await client.opened;
    client.stopReading();
    client.subscribeToSeats(Array.from({ length: 20 }, () => ({ lastEventId: from })));

    let mostBuffered = 0;
    let closedByServer = false;
    await eventually(
      () => {
        const [socket] = server.websocket.wss.clients;
        if (socket) mostBuffered = Math.max(mostBuffered, socket.bufferedAmount);
        closedByServer = running.lines.some((line) => line.msg.includes("too slow"));
        return closedByServer && server.websocket.wss.clients.size === 0;
      },
      "the server to close the socket",
      15_000,
    );
    // Each of the 20 subscriptions may add one change after the check that found room.
    expect(mostBuffered).toBeLessThan(limit + 20 * 1_024);
    const warning = running.lines.find((line) => line.msg.includes("too slow"));
    expect(warning).toMatchObject({ level: 40, clientIp: "127.0.0.1", limit });
    expect(JSON.stringify(warning)).not.toMatch(/"stack"/);
    client.close();
  });
});

describe("fair limits for anonymous subscribers", () => {
  let running: Awaited<ReturnType<typeof serverWith>>;
  let server: RunningServer;
  beforeAll(async () => {
    running = await serverWith({
      WS_MAX_CONNECTIONS_PER_IP: "3",
      WS_MAX_ANONYMOUS_SUBSCRIPTIONS_PER_IP: "4",
    });
    server = running.server;
  });
  afterAll(async () => {
    await running.destroy();
  });

  it("caps sockets per address at the upgrade, and frees the slot when one closes", async () => {
    const open = [new RawSubscriber(server.url), new RawSubscriber(server.url)];
    open.push(new RawSubscriber(server.url));
    await Promise.all(open.map((client) => client.opened));
    const fourth = new RawSubscriber(server.url);
    await expect(fourth.opened).rejects.toThrow(/429/);

    open[0]?.close();
    await eventually(() => server.websocket.wss.clients.size === 2, "the socket to close");
    const replacement = new RawSubscriber(server.url);
    await replacement.opened;
    for (const client of [...open, replacement]) client.close();
    await eventually(() => server.websocket.wss.clients.size === 0, "every socket to close");
  });

  it("caps anonymous subscriptions across an address's sockets, not signed-in ones", async () => {
    const user = await addTestUser(server.services, "user@fair.test");
    const token = await signInAs(server.services, user.id);
    const first = new RawSubscriber(server.url, { keep: true });
    const second = new RawSubscriber(server.url, { keep: true });
    const signedIn = new RawSubscriber(server.url, {
      keep: true,
      headers: { authorization: `Bearer ${token}` },
    });
    await Promise.all([first.opened, second.opened, signedIn.opened]);

    first.subscribeToSeats([{}, {}, {}]);
    await eventually(() => active(first) === 3, "three anonymous subscriptions");
    second.subscribeToSeats([{}, {}]);
    await eventually(() => refusals(second).length === 1, "the fifth one's refusal");
    expect(refusals(second)[0]?.error?.message).toMatch(/from one address without signing in/);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(active(second)).toBe(1);

    signedIn.subscribeToSeats([{}, {}, {}, {}, {}]);
    await eventually(() => active(signedIn) === 5, "the signed-in subscriptions");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(refusals(signedIn)).toEqual([]);

    // Closing a socket gives its subscriptions back to the address.
    first.close();
    await eventually(() => server.websocket.wss.clients.size === 2, "the first socket to close");
    second.subscribeToSeats([{}, {}, {}], 10);
    await eventually(() => active(second) === 4, "three more on the second socket");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(refusals(second)).toHaveLength(1);
    second.close();
    signedIn.close();
  });
});
