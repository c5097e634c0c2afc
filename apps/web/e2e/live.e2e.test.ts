import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  freePort,
  spawnServer,
  startTcpProxy,
  type ServerProcess,
} from "@boxoffice/server/testing/processes";
import { apiAs } from "./support/api.ts";
import { Actors, launchChromium, webDist } from "./support/browser.ts";
import { openEvent, seatsOnEventPage, signIn, waitUntilLive } from "./support/app.ts";

const poll = { timeout: 15_000, interval: 50 };

/** What the header's live badge says: "connected" (Live), "down" (Reconnecting…), … */
const liveState = (page: Page) =>
  page.locator(".live-status").getAttribute("data-state", { timeout: 1_000 });

/**
 * The live layer against a real server process that is stopped and started again on the
 * same database file and port, as an operator's restart (or a deploy) does.
 */
describe("live updates in Chromium across a server restart", () => {
  const dir = mkdtempSync(join(tmpdir(), "boxoffice-e2e-live-"));
  let env: Record<string, string>;
  let server: ServerProcess | undefined;
  let browser: Browser;

  beforeAll(async () => {
    env = {
      DATABASE_URL: `file:${join(dir, "boxoffice.db")}`,
      PORT: String(await freePort()),
      WEB_DIST: webDist,
      LOG_LEVEL: "warn",
    };
    [server, browser] = await Promise.all([
      spawnServer({ ...env, SEED_SAMPLE_DATA: "true" }),
      launchChromium(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** One scenario with its own browser contexts; on failure its pages go to test-results/. */
  async function scenario(
    name: string,
    run: (actors: Actors) => Promise<void>,
    baseUrl = server?.url ?? "",
  ) {
    const actors = new Actors(browser, baseUrl);
    try {
      await run(actors);
      expect(actors.problems).toEqual([]);
    } catch (error) {
      await actors.screenshotAll(name);
      throw error;
    } finally {
      await actors.close();
    }
  }

  it("shows seats booked while it was reconnecting within 2 s of Live, with no change seen before", async () => {
    // The browser reaches the server through a line the test can cut: once the server is
    // back, the page's attempts still fail until the seats are booked, however quickly it
    // would otherwise reconnect. That is the outage of the issue, made deterministic.
    const line = await startTcpProxy(Number(env.PORT));
    try {
      await scenario(
        "seats booked during a restart",
        async (actors) => {
          const page = await actors.open();
          await signIn(page, "john@example.com");
          await openEvent(page, "TypeScript Meetup: Types at Scale");
          await waitUntilLive(page);
          const before = await seatsOnEventPage(page);
          const eventId = Number(/\/events\/(\d+)/.exec(page.url())?.[1]);
          // Signed in before the restart: the session outlives it, like the data.
          const jane = await apiAs(server?.url ?? "", "jane@example.com");

          expect(await server?.stop()).toBe(0);
          await expect.poll(() => liveState(page), poll).toBe("down");
          await page.getByText("Reconnecting…").waitFor();
          line.cut();
          server = await spawnServer(env);
          await jane.bookings.create.mutate({
            eventId,
            seats: 3,
            idempotencyKey: crypto.randomUUID(),
          });
          expect(await liveState(page)).toBe("down");
          expect(await seatsOnEventPage(page)).toBe(before);
          line.restore();

          await waitUntilLive(page);
          const liveAt = Date.now();
          await expect
            .poll(() => seatsOnEventPage(page), { timeout: 2_000, interval: 50 })
            .toBe(before - 3);
          expect(Date.now() - liveAt).toBeLessThanOrEqual(2_000);
        },
        `http://127.0.0.1:${line.port}`,
      );
    } finally {
      await line.close();
    }
  });

  it("shows a promotion and a demotion on the user's open page at once", async () => {
    await scenario("role changes reach open pages", async (actors) => {
      const admin = await apiAs(server?.url ?? "", "admin@example.com");
      const { items } = await admin.admin.users.list.query({ search: "bob@example.com" });
      const bob = items[0];
      if (!bob) throw new Error("no bob");

      const page = await actors.open();
      await signIn(page, "bob@example.com");
      await page.goto("/");
      await waitUntilLive(page);
      const adminLink = page.getByRole("navigation", { name: "Main" }).getByRole("link", {
        name: "Admin",
      });
      expect(await adminLink.count()).toBe(0);

      await admin.admin.users.promote.mutate({ userId: bob.id });
      await adminLink.waitFor({ timeout: 3_000 });
      await adminLink.click();
      await page.getByRole("heading", { level: 1, name: "Admin" }).waitFor();

      // Demotion signs bob out everywhere: the admin page he has open turns him away.
      await admin.admin.users.demote.mutate({ userId: bob.id });
      await page.waitForURL((url) => url.pathname === "/sign-in", { timeout: 3_000 });
      await page.getByRole("link", { name: "Sign in" }).first().waitFor();
      expect(await page.getByRole("button", { name: "Sign out" }).count()).toBe(0);
    });
  });
});
