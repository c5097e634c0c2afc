/**
 * WORKERS > 1: a cluster primary owning the writer and several worker processes on one
 * port and one database file. Correctness only: concurrent bookings and cancels spread over
 * the workers never oversell and never surface a database error; a commit made through one
 * worker reaches subscribers on every worker with no Redis and no polling; /readyz speaks
 * for every worker and a dead worker is replaced; SIGTERM lets in-flight requests finish.
 */
import { readdirSync, readFileSync, mkdtempSync, rmSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TRPCClientError } from "@trpc/client";
import { afterAll, describe, expect, it } from "vitest";
import { auditDatabase, createLoadEvents, signInSampleAccounts } from "./support/booking-load.ts";
import { eventually, liveClient } from "./support/live-client.ts";
import { spawnServer, type ServerProcess } from "./support/spawn-server.ts";
import { clientFor } from "./support/trpc-http.ts";

const running = new Set<ServerProcess>();
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all([...running].map((server) => server.stop()));
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function startCluster(workers: number, env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), "boxoffice-cluster-"));
  dirs.push(dir);
  const fileUrl = `file:${join(dir, "boxoffice.db")}`;
  const server = await spawnServer({
    DATABASE_URL: fileUrl,
    PORT: "0",
    WORKERS: String(workers),
    SEED_SAMPLE_DATA: "true",
    RATE_LIMIT_BOOKINGS_PER_USER: "1000000/60",
    ...env,
  });
  running.add(server);
  return { server, fileUrl };
}

/** The worker processes under a primary, from /proc. */
function workerPids(primary: number): number[] {
  return readdirSync(`/proc/${primary}/task`).flatMap((task) =>
    readFileSync(`/proc/${primary}/task/${task}/children`, "utf8")
      .split(" ")
      .filter(Boolean)
      .map(Number),
  );
}

async function readiness(url: string) {
  const response = await fetch(`${url}/readyz`);
  return {
    status: response.status,
    body: (await response.json()) as { ready: boolean; workers?: { ready: number } },
  };
}

describe.each(["libsql", "better-sqlite3"] as const)("a cluster of workers on %s", (driver) => {
  it("takes concurrent bookings and cancels through 3 workers without overselling or a database error", async () => {
    const { server, fileUrl } = await startCluster(3, { DATABASE_DRIVER: driver });
    expect((await readiness(server.url)).body.workers).toMatchObject({ ready: 3, workers: 3 });
    const tokens = await signInSampleAccounts(server.url);
    const eventIds = await createLoadEvents(server.url, tokens[0] ?? "", 3, 150);

    const acknowledged = { bookings: new Map<number, number>(), cancelled: new Set<number>() };
    const refusals: Record<string, number> = {};
    const unexpected: string[] = [];
    // 24 callers × 25 operations: more seats asked for than exist, so events sell out.
    await Promise.all(
      Array.from({ length: 24 }, async (_, caller) => {
        const api = clientFor(server.url, tokens[caller % tokens.length]);
        const mine: number[] = [];
        for (let op = 0; op < 25; op++) {
          try {
            if (mine.length > 0 && op % 4 === 3) {
              const id = mine.shift() ?? 0;
              await api.bookings.cancel.mutate({ id });
              acknowledged.cancelled.add(id);
            } else {
              const { booking } = await api.bookings.create.mutate({
                eventId: eventIds[(caller + op) % eventIds.length] ?? 0,
                seats: 1 + (op % 3),
                idempotencyKey: `cluster-${driver}-${caller}-${op}`,
              });
              acknowledged.bookings.set(booking.id, booking.seats);
              mine.push(booking.id);
            }
          } catch (error) {
            const reason = error instanceof TRPCClientError ? error.data?.reason : null;
            if (reason === "SOLD_OUT" || reason === "NOT_ENOUGH_SEATS") {
              refusals[reason] = (refusals[reason] ?? 0) + 1;
            } else {
              unexpected.push(String(error));
            }
          }
        }
      }),
    );

    expect(unexpected).toEqual([]);
    expect(refusals.SOLD_OUT ?? 0).toBeGreaterThan(0);
    expect(await server.stop()).toBe(0);
    running.delete(server);
    const audit = await auditDatabase(fileUrl, driver, {
      ...acknowledged,
      cancelSent: acknowledged.cancelled,
    });
    expect(audit.integrity).toEqual(["ok"]);
    expect(audit.violations).toEqual([]);
    expect(audit.missing).toEqual([]);
  });
});

describe("live updates across workers", () => {
  it("a commit through one worker reaches subscribers on every worker, with no Redis and no polling", async () => {
    const { server } = await startCluster(2, { LIVE_POLL_MS: "0" });
    const tokens = await signInSampleAccounts(server.url);
    const [eventId = 0] = await createLoadEvents(server.url, tokens[0] ?? "", 1, 100);

    // node:cluster hands connections to the workers in turn: six sockets cover both.
    const subscribers = Array.from({ length: 6 }, () => {
      const live = liveClient(server.url);
      const seen: number[] = [];
      let started = false;
      live.client.events.onSeats.subscribe(
        { eventIds: [eventId] },
        {
          onStarted: () => (started = true),
          onData: ({ data }) => seen.push(data.availableSeats),
        },
      );
      return { live, seen, started: () => started };
    });
    await eventually(() => subscribers.every((s) => s.started()), "every subscription");

    for (let i = 0; i < 3; i++) {
      // A new connection each time, so the bookings go through different workers too.
      await clientFor(server.url, tokens[1]).bookings.create.mutate({
        eventId,
        seats: 1,
        idempotencyKey: `live-cluster-${i}`,
      });
    }
    await eventually(
      () => subscribers.every((s) => s.seen.length === 3),
      "every booking on every subscriber",
    );
    for (const subscriber of subscribers) expect(subscriber.seen).toEqual([99, 98, 97]);
    await Promise.all(subscribers.map((s) => s.live.close()));
  });
});

describe("metrics of a cluster", () => {
  it("/metrics, from whichever worker answers, counts every worker's calls and the primary's writer", async () => {
    const token = "cluster-metrics-token";
    const { server } = await startCluster(2, { METRICS_TOKEN: token });
    const tokens = await signInSampleAccounts(server.url);
    const [eventId = 0] = await createLoadEvents(server.url, tokens[0] ?? "", 1, 100);
    const sample = (text: string, line: string) =>
      Number(
        text
          .split("\n")
          .find((candidate) => candidate.startsWith(line))
          ?.split(" ")
          .at(-1) ?? 0,
      );
    const scrape = async () => {
      const response = await fetch(`${server.url}/metrics`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(200);
      const text = await response.text();
      return {
        booked: sample(text, 'boxoffice_bookings_total{outcome="booked"'),
        batches: sample(text, "boxoffice_writer_batch_jobs_count"),
        jobs: sample(text, "boxoffice_writer_batch_jobs_sum"),
      };
    };
    const before = await scrape();
    // New connections: node:cluster hands them to the workers in turn.
    for (let i = 0; i < 6; i++) {
      await clientFor(server.url, tokens[1]).bookings.create.mutate({
        eventId,
        seats: 1,
        idempotencyKey: `metrics-cluster-${i}`,
      });
    }
    for (let i = 0; i < 4; i++) {
      const after = await scrape();
      expect(after.booked - before.booked).toBe(6);
      // Batches are committed by the primary; they reach every scrape.
      expect(after.batches - before.batches).toBeGreaterThanOrEqual(1);
      expect(after.jobs - before.jobs).toBeGreaterThanOrEqual(6);
    }
  });
});

describe("readiness and shutdown of a cluster", () => {
  it("/readyz speaks for every worker, and a worker that dies is replaced", async () => {
    const { server } = await startCluster(2);
    const before = workerPids(server.process.pid ?? 0);
    expect(before).toHaveLength(2);
    expect(await readiness(server.url)).toMatchObject({
      status: 200,
      body: { ready: true, workers: { ready: 2, workers: 2, writer: true, stopping: false } },
    });

    process.kill(before[0] ?? 0, "SIGKILL");
    const answers: number[] = [];
    await eventually(() => {
      const now = workerPids(server.process.pid ?? 0);
      return now.length === 2 && !now.includes(before[0] ?? 0);
    }, "a replacement worker");
    await eventually(() => {
      void readiness(server.url).then((r) => answers.push(r.status));
      return answers.at(-1) === 200;
    }, "readiness with every worker back");
    expect(await readiness(server.url)).toMatchObject({
      status: 200,
      body: { workers: { ready: 2, workers: 2 } },
    });
    // Whatever was answered while a worker was missing said "not ready", never an error.
    for (const status of answers) expect([200, 503]).toContain(status);
  });

  it("on SIGTERM every worker finishes the requests it has started, then the cluster exits 0", async () => {
    const { server } = await startCluster(2);
    const [token] = await signInSampleAccounts(server.url);
    const [eventId = 0] = await createLoadEvents(server.url, token ?? "", 1, 100);
    const port = Number(new URL(server.url).port);

    // Four connections (two per worker): each first proves it is served, then starts a
    // booking whose body is only half sent.
    const sockets = await Promise.all(
      Array.from({ length: 4 }, async (_, i) => {
        const socket = await open(port);
        await exchange(socket, "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        const body = JSON.stringify({ eventId, seats: 1, idempotencyKey: `shutdown-${i}-key` });
        const half = Math.floor(body.length / 2);
        socket.write(
          `POST /trpc/bookings.create HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n` +
            `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, half)}`,
        );
        return { socket, rest: body.slice(half) };
      }),
    );
    // Let the workers read the headers, then ask the cluster to stop.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const exited = new Promise<number | null>((resolve) =>
      server.process.once("exit", (code) => resolve(code)),
    );
    server.process.kill("SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 200));

    const answers = await Promise.all(sockets.map(({ socket, rest }) => exchange(socket, rest)));
    for (const answer of answers) {
      expect(answer).toMatch(/^HTTP\/1\.1 200 /);
      expect(answer).toContain('"booking"');
    }
    expect(await exited).toBe(0);
    running.delete(server);
  });
});

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => resolve(socket));
    socket.once("error", reject);
  });
}

/** Writes `text` and resolves with the next complete HTTP response (Content-Length bodies). */
function exchange(socket: Socket, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let received = "";
    const onData = (chunk: Buffer) => {
      received += chunk.toString();
      const headerEnd = received.indexOf("\r\n\r\n");
      if (headerEnd < 0) return;
      const length = Number(/content-length: (\d+)/i.exec(received.slice(0, headerEnd))?.[1] ?? 0);
      if (Buffer.byteLength(received.slice(headerEnd + 4)) < length) return;
      socket.off("data", onData);
      socket.off("error", reject);
      resolve(received);
    };
    socket.on("data", onData);
    socket.once("error", reject);
    socket.write(text);
  });
}
