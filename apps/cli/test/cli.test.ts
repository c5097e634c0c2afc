import { mkdtempSync, rmSync, statSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBoxofficeClient, type RouterOutputs } from "@boxoffice/client";
import { startTestServer, type TestServer, type TestUser } from "@boxoffice/server/testing";
import {
  cliBin,
  eventually,
  runCli,
  startCli,
  startTerminal,
  type CliOptions,
} from "./support/run-cli.ts";
import { startTcpProxy } from "./support/tcp-proxy.ts";

type Event = RouterOutputs["events"]["list"]["items"][number];

describe("the boxoffice CLI against a real server", () => {
  let server: TestServer;
  let configHome: string;
  let admin: TestUser;
  let john: TestUser;
  let jazz: Event;
  let soldOut: Event;

  /** Runs the CLI against the test server, with its own config directory. */
  const cli = (args: string[], options: CliOptions & { token?: string } = {}) =>
    runCli(args, {
      ...options,
      env: {
        BOXOFFICE_URL: server.url,
        XDG_CONFIG_HOME: configHome,
        BOXOFFICE_TOKEN: options.token,
        ...options.env,
      },
    });
  const json = (text: string) => JSON.parse(text) as unknown;
  const client = (token?: string) => createBoxofficeClient({ url: server.url, token });

  /** A fresh upcoming event, so tests do not share seat counts. */
  const createEvent = (capacity: number, maxSeatsPerBooking = 10) =>
    client(admin.token).events.create.mutate({
      title: `CLI test event ${Math.random().toString(36).slice(2, 8)}`,
      startsAt: Date.now() + 7 * 86_400_000,
      endsAt: Date.now() + 7 * 86_400_000 + 7_200_000,
      capacity,
      maxSeatsPerBooking,
    });

  beforeAll(async () => {
    server = await startTestServer({ seed: true });
    configHome = mkdtempSync(join(tmpdir(), "boxoffice-cli-config-"));
    admin = await server.addUser("admin@cli.test", "admin");
    john = await server.addUser("john@cli.test");
    const api = client();
    const find = async (search: string) => {
      const event = (await api.events.list.query({ search })).items[0];
      if (!event) throw new Error(`no seeded event matches ${search}`);
      return event;
    };
    jazz = await find("Jazz");
    soldOut = await find("Founders");
  });
  afterAll(async () => {
    await server.destroy();
    rmSync(configHome, { recursive: true, force: true });
  });

  describe.concurrent("commands", () => {
    it("login saves the session for this server; whoami and logout use it", async () => {
      const home = mkdtempSync(join(tmpdir(), "boxoffice-cli-login-"));
      const env = { XDG_CONFIG_HOME: home };
      try {
        const login = await cli(
          ["login", "--email", "jane@example.com", "--password", "password123"],
          { env },
        );
        expect(login).toMatchObject({ code: 0, stderr: "" });
        expect(login.stdout).toContain("Signed in");
        expect(login.stdout).toContain("jane@example.com (user)");

        const file = join(home, "boxoffice", "config.json");
        expect(statSync(file).mode & 0o777).toBe(0o600);
        const config = json(readFileSync(file, "utf8")) as {
          url: string;
          sessions: Record<string, { token: string; email: string }>;
        };
        expect(config.url).toBe(server.url);
        expect(config.sessions[server.url]).toMatchObject({ email: "jane@example.com" });

        const whoami = await cli(["whoami", "--json"], { env });
        expect(whoami.code).toBe(0);
        expect(json(whoami.stdout)).toMatchObject({ email: "jane@example.com", role: "user" });

        // The saved server is the default once BOXOFFICE_URL is not set.
        const saved = await cli(["whoami"], { env: { ...env, BOXOFFICE_URL: undefined } });
        expect(saved.stdout).toContain(`jane@example.com (Jane Roe, user) on ${server.url}`);

        const logout = await cli(["logout"], { env });
        expect(logout).toMatchObject({ code: 0, stdout: `Signed out of ${server.url}.\n` });
        const after = await cli(["whoami"], { env });
        expect(after.code).toBe(3);
        expect(after.stderr).toContain("Not signed in");
      } finally {
        rmSync(home, { recursive: true, force: true });
      }
    });

    it("login asks for email and password in a terminal, without echoing the password", async () => {
      const home = mkdtempSync(join(tmpdir(), "boxoffice-cli-tty-"));
      try {
        // `script` gives the CLI a pseudo-terminal, as a person's shell would.
        const session = startTerminal(`node ${JSON.stringify(cliBin)} login`, {
          BOXOFFICE_URL: server.url,
          XDG_CONFIG_HOME: home,
        });
        await eventually(() => session.output().includes("Email: "), "the email prompt");
        session.type("jane@example.com\r");
        await eventually(() => session.output().includes("Password: "), "the password prompt");
        session.type("password123\r");
        expect(await session.done).toBe(0);
        expect(session.output()).toContain("Signed in");
        expect(session.output()).toContain("jane@example.com");
        expect(session.output()).not.toContain("password123");
      } finally {
        rmSync(home, { recursive: true, force: true });
      }
    });

    it("login --print-token prints a token that --token and BOXOFFICE_TOKEN accept", async () => {
      const login = await cli(
        ["login", "--email", "bob@example.com", "--password-stdin", "--print-token"],
        { input: "password123\n" },
      );
      expect(login.code).toBe(0);
      const token = login.stdout.trim();
      expect(token).toMatch(/^\S{20,}$/);

      const byFlag = await cli(["whoami", "--token", token, "--json"]);
      expect(json(byFlag.stdout)).toMatchObject({ email: "bob@example.com" });
      const byEnv = await cli(["whoami", "--json"], { token });
      expect(json(byEnv.stdout)).toMatchObject({ email: "bob@example.com" });
    });

    it("login refuses a wrong password (3) and needs credentials without a terminal (2)", async () => {
      const wrong = await cli(["login", "--email", "bob@example.com", "--password", "nope"]);
      expect(wrong).toMatchObject({ code: 3, stdout: "" });
      expect(wrong.stderr).toContain("Wrong email or password.");

      const noEmail = await cli(["login"]);
      expect(noEmail.code).toBe(2);
      expect(noEmail.stderr).toContain("--email");
    });

    it("shows times in the event's zone, labelled, and cancels an event", async () => {
      const startsAt = Date.UTC(new Date().getUTCFullYear() + 1, 6, 15, 5, 0);
      const event = await client(admin.token).events.create.mutate({
        title: "Sunrise Yoga in London",
        startsAt,
        endsAt: startsAt + 3_600_000,
        capacity: 5,
        timezone: "Europe/London",
      });
      // The terminal is in New York; the event is shown as London has it.
      const shown = await cli(["events", "show", String(event.id)], {
        env: { TZ: "America/New_York" },
      });
      expect(shown.stdout).toMatch(/Starts:\s+\d{4}-07-15 06:00 BST/);
      expect(shown.stdout).toMatch(/Time zone:\s+Europe\/London/);

      const cancelled = await cli(
        ["events", "cancel", String(event.id), "--message", "Rained off"],
        { token: admin.token },
      );
      expect(cancelled).toMatchObject({ code: 0 });
      expect(cancelled.stdout).toContain("0 booking(s) cancelled");
      const after = await cli(["events", "show", String(event.id)]);
      expect(after.stdout).toMatch(/Status:\s+CANCELLED: Rained off/);
    });

    it("events list shows a table, filters, pages, and prints JSON for scripts", async () => {
      const table = await cli(["events", "list"]);
      expect(table.code).toBe(0);
      expect(table.stdout.split("\n")[0]).toMatch(/^ID\s+STARTS\s+SEATS\s+TITLE$/);
      expect(table.stdout).toContain("Jazz Night at the Blue Room");
      expect(table.stdout).toMatch(/Founders' Breakfast/);
      expect(table.stdout).toContain("sold out (0/2)");

      const music = await cli(["events", "list", "--tag", "music", "--json"]);
      const titles = (json(music.stdout) as { items: Event[] }).items.map((e) => e.title);
      expect(titles).toEqual(["Jazz Night at the Blue Room", "Chamber Music Matinee"]);

      const past = await cli(["events", "list", "--past", "--search", "hackathon", "--json"]);
      expect((json(past.stdout) as { items: Event[] }).items.map((e) => e.title)).toEqual([
        "Winter Hackathon",
      ]);

      const first = json((await cli(["events", "list", "--limit", "2", "--json"])).stdout) as {
        items: Event[];
        nextCursor: string;
      };
      expect(first.items).toHaveLength(2);
      const next = json(
        (await cli(["events", "list", "--limit", "2", "--cursor", first.nextCursor, "--json"]))
          .stdout,
      ) as { items: Event[] };
      expect(next.items[0]?.id).not.toBe(first.items[0]?.id);
    });

    it("events show prints one event, and exits 4 for one that does not exist", async () => {
      const shown = await cli(["events", "show", String(jazz.id)]);
      expect(shown.code).toBe(0);
      expect(shown.stdout).toContain(`Event:       #${jazz.id} Jazz Night at the Blue Room`);
      expect(shown.stdout).toMatch(/Seats:\s+\d+\/120 left/);
      const asJson = json((await cli(["events", "show", String(jazz.id), "--json"])).stdout);
      expect(asJson).toMatchObject({ id: jazz.id, title: jazz.title, capacity: 120 });

      const missing = await cli(["events", "show", "999999"]);
      expect(missing).toMatchObject({ code: 4, stdout: "" });
      expect(missing.stderr).toBe(
        "boxoffice: That event does not exist (it may have been deleted).\n",
      );
    });

    it("book, bookings and cancel, with idempotent retries", async () => {
      const event = await createEvent(10);
      const booked = await cli(["book", String(event.id), "--seats", "3"], { token: john.token });
      expect(booked.code).toBe(0);
      expect(booked.stdout).toMatch(
        new RegExp(`^Booked 3 seats for event #${event.id}: booking #\\d+\\. 7 seats left\\.\\n$`),
      );

      const key = "cli-test-retry-0001";
      const first = json(
        (
          await cli(["book", String(event.id), "--idempotency-key", key, "--json"], {
            token: john.token,
          })
        ).stdout,
      ) as RouterOutputs["bookings"]["create"];
      expect(first).toMatchObject({ replayed: false, availableSeats: 6 });
      const retry = await cli(["book", String(event.id), "--idempotency-key", key, "--json"], {
        token: john.token,
      });
      expect(json(retry.stdout)).toMatchObject({
        replayed: true,
        booking: { id: first.booking.id },
      });

      const mine = json((await cli(["bookings", "--json"], { token: john.token })).stdout) as {
        items: { id: number; event: { id: number } }[];
      };
      expect(mine.items.filter((b) => b.event.id === event.id)).toHaveLength(2);
      const listed = await cli(["bookings"], { token: john.token });
      expect(listed.stdout.split("\n")[0]).toMatch(/^ID\s+SEATS\s+STATUS\s+STARTS\s+EVENT$/);
      expect(listed.stdout).toContain(`#${event.id} ${event.title}`);

      const cancelled = await cli(["cancel", String(first.booking.id)], { token: john.token });
      expect(cancelled).toMatchObject({
        code: 0,
        stdout: `Cancelled booking #${first.booking.id} (1 seat for event #${event.id}).\n`,
      });
      const again = await cli(["cancel", String(first.booking.id)], { token: john.token });
      expect(again).toMatchObject({ code: 5, stdout: "" });
      expect(again.stderr).toContain("already cancelled");
      const cancelledOnly = json(
        (await cli(["bookings", "--status", "cancelled", "--json"], { token: john.token })).stdout,
      ) as { items: { id: number }[] };
      expect(cancelledOnly.items.map((b) => b.id)).toEqual([first.booking.id]);
    });

    it("waitlist join, list, claim (idempotent) and leave", async () => {
      const event = await createEvent(1);
      const { booking } = await client(admin.token).bookings.create.mutate({
        eventId: event.id,
        seats: 1,
        idempotencyKey: `cli-waitlist-${event.id}`,
      });
      const joined = await cli(["waitlist", "join", String(event.id)], { token: john.token });
      expect(joined).toMatchObject({ code: 0, stderr: "" });
      expect(joined.stdout).toBe(
        `On the waiting list for event #${event.id} (1 seat), #1 in line. Run \`boxoffice waitlist\` to see offers.\n`,
      );
      const twice = await cli(["waitlist", "join", String(event.id)], { token: john.token });
      expect(twice).toMatchObject({ code: 5 });
      expect(twice.stderr).toContain("already on the waiting list");
      expect((await cli(["waitlist"], { token: john.token })).stdout).toMatch(
        new RegExp(
          `^ID\\s+SEATS\\s+STATE\\s+EVENT\\n\\d+\\s+1\\s+waiting, #1 in line\\s+#${event.id} `,
        ),
      );

      await client(admin.token).bookings.cancel.mutate({ id: booking.id });
      const places = json((await cli(["waitlist", "--json"], { token: john.token })).stdout) as {
        id: number;
        status: string;
        eventId: number;
      }[];
      const offer = places.find((p) => p.eventId === event.id);
      expect(offer?.status).toBe("offered");
      const key = `cli-claim-${event.id}`;
      const claim = ["waitlist", "claim", String(offer?.id), "--idempotency-key", key];
      const claimed = await cli(claim, { token: john.token });
      expect(claimed.stdout).toMatch(
        new RegExp(`^Claimed 1 seat for event #${event.id}: booking #\\d+\\.\\n$`),
      );
      expect((await cli(claim, { token: john.token })).stdout).toMatch(/^Already claimed/);

      const other = await createEvent(1);
      await client(admin.token).bookings.create.mutate({
        eventId: other.id,
        seats: 1,
        idempotencyKey: `cli-waitlist-${other.id}`,
      });
      await cli(["waitlist", "join", String(other.id), "--seats", "1"], { token: john.token });
      expect(
        (await cli(["waitlist", "leave", String(other.id)], { token: john.token })).stdout,
      ).toBe(`Left the waiting list for event #${other.id}.\n`);
    });

    it("explains refusals on stderr with exit code 5, and as JSON with --json", async () => {
      const full = await cli(["book", String(soldOut.id)], { token: john.token });
      expect(full).toMatchObject({ code: 5, stdout: "" });
      expect(full.stderr).toBe("boxoffice: Sold out: there are no seats left for this event.\n");

      const asJson = await cli(["book", String(soldOut.id), "--json"], { token: john.token });
      expect(asJson.code).toBe(5);
      expect(json(asJson.stderr)).toEqual({
        error: {
          message: "Sold out: there are no seats left for this event.",
          exitCode: 5,
          code: "CONFLICT",
          reason: "SOLD_OUT",
        },
      });

      const small = await createEvent(3, 2);
      const tooMany = await cli(["book", String(small.id), "--seats", "3"], { token: john.token });
      expect(tooMany.code).toBe(5);
      expect(tooMany.stderr).toContain("at most 2 seats");

      const missing = await cli(["book", "999999"], { token: john.token });
      expect(missing.code).toBe(4);
    });

    it("needs a session for personal commands (exit 3) and an admin for admin ones", async () => {
      const anonymous = await cli(["book", String(jazz.id)]);
      expect(anonymous).toMatchObject({ code: 3, stdout: "" });
      expect(anonymous.stderr).toContain("Not signed in");
      expect((await cli(["bookings"])).code).toBe(3);

      const expired = await cli(["bookings"], { token: "not-a-real-session-token" });
      expect(expired.code).toBe(3);
      expect(expired.stderr).toContain("boxoffice login");

      const notAdmin = await cli(
        [
          "events",
          "create",
          "--title",
          "Nope",
          "--starts-at",
          "2030-01-01T10:00Z",
          "--ends-at",
          "2030-01-01T12:00Z",
          "--capacity",
          "5",
        ],
        { token: john.token },
      );
      expect(notAdmin.code).toBe(3);
      expect(notAdmin.stderr).toContain("Only admins can do this.");
    });

    it("admins create events and export bookings as CSV", async () => {
      const created = await cli(
        [
          "events",
          "create",
          "--title",
          "Release Party",
          "--starts-at",
          "2030-06-01T18:00Z",
          "--ends-at",
          "2030-06-01T23:00Z",
          "--capacity",
          "50",
          "--location",
          "Berlin",
          "--tag",
          "party",
          "--tag",
          "music",
          "--max-per-booking",
          "4",
          "--json",
        ],
        { token: admin.token },
      );
      expect(created.code).toBe(0);
      const event = json(created.stdout) as Event;
      expect(event).toMatchObject({
        title: "Release Party",
        startsAt: Date.UTC(2030, 5, 1, 18),
        capacity: 50,
        availableSeats: 50,
        location: "Berlin",
        tags: ["party", "music"],
        maxSeatsPerBooking: 4,
      });
      const human = await cli(
        ["events", "create", "--title", "Quiz", "--starts-at", "2030-06-02T18:00Z"].concat([
          "--ends-at",
          "2030-06-02T20:00Z",
          "--capacity",
          "8",
          "--timezone",
          "UTC",
        ]),
        { token: admin.token },
      );
      expect(human.stdout).toMatch(
        /^Created event #\d+\.\n\nEvent: +#\d+ Quiz\nStarts: +2030-06-02 18:00 UTC\n/,
      );

      const backwards = await cli(
        ["events", "create", "--title", "Backwards", "--starts-at", "2030-06-02T18:00Z"].concat([
          "--ends-at",
          "2030-06-01T18:00Z",
          "--capacity",
          "8",
        ]),
        { token: admin.token },
      );
      expect(backwards.code).toBe(2);
      expect(backwards.stderr).toContain("The event cannot end before it starts.");

      await cli(["book", String(event.id), "--seats", "2"], { token: john.token });
      const csv = await cli(["export", String(event.id)], { token: admin.token });
      expect(csv.code).toBe(0);
      const [header, row] = csv.stdout.trim().split(/\r?\n/);
      expect(header).toBe(
        "booking_id,name,email,seats,status,booked_at,cancelled_at,reference,tickets,checked_in,check_in_status",
      );
      expect(row).toContain("john@cli.test,2,confirmed");

      expect((await cli(["export", String(event.id)], { token: john.token })).code).toBe(3);
      expect((await cli(["export", "999999"], { token: admin.token })).code).toBe(4);
    });

    it("tickets shows a booking's reference and tickets; checkin lets them in once", async () => {
      const event = await createEvent(10);
      const booked = await cli(["book", String(event.id), "--seats", "2", "--json"], {
        token: john.token,
      });
      const bookingId = (json(booked.stdout) as { booking: { id: number } }).booking.id;
      const shown = await cli(["tickets", String(bookingId)], { token: john.token });
      expect(shown.code).toBe(0);
      const reference = /BX-[A-Z2-9]{6}/.exec(shown.stdout)?.[0] ?? "";
      expect(shown.stdout).toContain(`${reference} · ${event.title}`);
      expect(shown.stdout).toMatch(
        /SEAT\s+STATUS\s+CHECKED IN\s+CODE\n1\s+valid\s+–\s+[0-9a-f]{32}/,
      );
      const view = json(
        (await cli(["tickets", String(bookingId), "--json"], { token: john.token })).stdout,
      ) as RouterOutputs["bookings"]["tickets"];
      const token = view.tickets[0]?.token ?? "";

      const first = await cli(["checkin", String(event.id), token], { token: admin.token });
      expect(first).toMatchObject({ code: 0, stderr: "" });
      expect(first.stdout).toContain(`Checked in: john, seat 1 of 2 (${reference}). 1 more ticket`);
      expect(first.stdout).toContain("1/2 in.");
      const again = await cli(["checkin", String(event.id), token], { token: admin.token });
      expect(again.code).toBe(5);
      expect(again.stderr).toContain("Already checked in: john, seat 1");
      const byReference = await cli(["checkin", String(event.id), reference], {
        token: admin.token,
      });
      expect(byReference.stdout).toContain("seat 2 of 2");
      expect((await cli(["checkin", String(event.id), "ffff"], { token: admin.token })).code).toBe(
        2,
      );
      expect(
        (await cli(["checkin", String(event.id), "f".repeat(32)], { token: admin.token })).code,
      ).toBe(4);
      expect(
        (await cli(["checkin", String(event.id), reference], { token: john.token })).code,
      ).toBe(3);
    });

    it("exits 2 on usage errors and 6 when the server is unreachable", async () => {
      const unknown = await cli(["frobnicate"]);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain("unknown command 'frobnicate'");
      expect((await cli(["events", "show", "abc"])).code).toBe(2);
      expect(
        (await cli(["book", String(jazz.id), "--seats", "0"], { token: john.token })).code,
      ).toBe(2);
      expect((await cli(["events", "list", "--url", "ftp://example.com"])).code).toBe(2);
      const help = await cli(["--help"]);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain("Exit codes:");

      const down = await cli(["events", "list", "--url", "http://127.0.0.1:9"]);
      expect(down).toMatchObject({ code: 6, stdout: "" });
      expect(down.stderr).toContain("Could not reach the Boxoffice server");
    });
  });

  it("watch prints changes made by another client and resumes after the connection drops", async () => {
    const event = await createEvent(20);
    const proxy = await startTcpProxy(Number(new URL(server.url).port));
    const watch = startCli(["watch", String(event.id), "--json"], {
      env: { BOXOFFICE_URL: `http://127.0.0.1:${proxy.port}`, XDG_CONFIG_HOME: configHome },
    });
    const changes = () =>
      watch
        .stdout()
        .split("\n")
        .filter(Boolean)
        .map((line) => json(line) as { changeId: string | null; availableSeats: number });
    try {
      await eventually(() => changes().length === 1, "the initial seat count");
      expect(changes()[0]).toMatchObject({ changeId: null, eventId: event.id, availableSeats: 20 });

      const booker = client(john.token);
      const book = (seats: number) =>
        booker.bookings.create.mutate({
          eventId: event.id,
          seats,
          idempotencyKey: `cli-watch-${seats}-${event.id}`,
        });
      await book(1);
      await eventually(() => changes().length === 2, "the live change");

      proxy.cut();
      await eventually(() => watch.stderr().includes("Connection lost"), "the drop to be noticed");
      await book(2);
      await book(3);
      proxy.restore();
      await eventually(() => changes().length === 4, "the missed changes after reconnecting");
      expect(watch.stderr()).toContain("Reconnected");
      await book(4);
      await eventually(() => changes().length === 5, "a live change after resuming");

      expect(changes().map((c) => c.availableSeats)).toEqual([20, 19, 17, 14, 10]);
      const ids = changes()
        .slice(1)
        .map((c) => Number(c.changeId));
      expect(ids).toEqual([...ids].sort((a, b) => a - b));

      watch.child.kill("SIGINT");
      expect((await watch.done).code).toBe(0);
    } finally {
      watch.child.kill();
      await proxy.close();
    }
  });

  it("watch misses nothing when the connection drops before the first change", async () => {
    const event = await createEvent(20);
    const proxy = await startTcpProxy(Number(new URL(server.url).port));
    const watch = startCli(["watch", String(event.id)], {
      env: { BOXOFFICE_URL: `http://127.0.0.1:${proxy.port}`, XDG_CONFIG_HOME: configHome },
    });
    try {
      await eventually(() => watch.stderr().includes("Watching"), "the subscription");
      expect(watch.stdout()).toContain("20/20 left");
      proxy.cut();
      await eventually(() => watch.stderr().includes("Connection lost"), "the drop to be noticed");
      await client(john.token).bookings.create.mutate({
        eventId: event.id,
        seats: 3,
        idempotencyKey: `cli-watch-first-${event.id}`,
      });
      proxy.restore();
      await eventually(() => watch.stdout().includes("17/20 left (-3)"), "the missed change");
      watch.child.kill("SIGINT");
      expect((await watch.done).code).toBe(0);
    } finally {
      watch.child.kill();
      await proxy.close();
    }
  });

  it("watch prints readable lines, and exits 4 for an event that does not exist", async () => {
    const event = await createEvent(5);
    const watch = startCli(["watch", String(event.id)], {
      env: { BOXOFFICE_URL: server.url, XDG_CONFIG_HOME: configHome },
    });
    try {
      await eventually(() => watch.stdout().includes("5/5 left"), "the initial line");
      await client(john.token).bookings.create.mutate({
        eventId: event.id,
        seats: 2,
        idempotencyKey: `cli-watch-human-${event.id}`,
      });
      await eventually(() => watch.stdout().includes("(-2)"), "the change line");
      expect(watch.stdout()).toMatch(
        new RegExp(`^\\d\\d:\\d\\d:\\d\\d  #${event.id} ${event.title}: 3/5 left \\(-2\\)$`, "m"),
      );
      watch.child.kill("SIGTERM");
      expect((await watch.done).code).toBe(0);
    } finally {
      watch.child.kill();
    }

    const missing = await cli(["watch", "999999"]);
    expect(missing.code).toBe(4);
  });
});

describe("boxoffice watch after a long outage", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { LIVE_REPLAY_WINDOW: "3" } });
  });
  afterAll(async () => {
    await server.destroy();
  });

  it("reads the counts again when more changed than the server replays", async () => {
    const admin = await server.addUser("admin@resync.test", "admin");
    const guest = await server.addUser("guest@resync.test");
    const api = createBoxofficeClient({ url: server.url, token: admin.token });
    const event = await api.events.create.mutate({
      title: "Resync",
      startsAt: Date.now() + 86_400_000,
      endsAt: Date.now() + 90_000_000,
      capacity: 20,
    });
    const proxy = await startTcpProxy(Number(new URL(server.url).port));
    const watch = startCli(["watch", String(event.id)], {
      env: { BOXOFFICE_URL: `http://127.0.0.1:${proxy.port}` },
    });
    try {
      await eventually(() => watch.stderr().includes("Watching"), "the subscription");
      expect(watch.stdout()).toContain("20/20 left");
      proxy.cut();
      await eventually(() => watch.stderr().includes("Connection lost"), "the drop to be noticed");
      const booker = createBoxofficeClient({ url: server.url, token: guest.token });
      for (let i = 0; i < 5; i++) {
        await booker.bookings.create.mutate({
          eventId: event.id,
          seats: 1,
          idempotencyKey: `cli-resync-${i}-${event.id}`,
        });
      }
      proxy.restore();
      await eventually(() => watch.stdout().includes("15/20 left (-5)"), "the counts read again");
      expect(watch.stderr()).toContain("reading the counts again");

      await booker.bookings.create.mutate({
        eventId: event.id,
        seats: 2,
        idempotencyKey: `cli-resync-after-${event.id}`,
      });
      await eventually(() => watch.stdout().includes("13/20 left (-2)"), "a live change after");
      watch.child.kill("SIGINT");
      expect((await watch.done).code).toBe(0);
    } finally {
      watch.child.kill();
      await proxy.close();
    }
  });
});
