import { readFileSync } from "node:fs";
import ical, { type VEvent } from "node-ical";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "@boxoffice/server/testing";
import { apiAs } from "./support/api.ts";
import { expectNoAxeViolations } from "./support/axe.ts";
import { Actors, desktop, launchChromium, webDist } from "./support/browser.ts";
import { signIn } from "./support/app.ts";
import { docsScreenshot } from "./support/docs-screenshots.ts";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import type { AppRouter } from "@boxoffice/api";

const poll = { timeout: 15_000, interval: 100 };
const hour = 3_600_000;

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([
    // Zero setup: no SMTP server, so email goes to the admin area's mailbox.
    startTestServer({
      seed: true,
      env: { WEB_DIST: webDist, EMAIL_DELIVERY: "mailbox", EMAIL_POLL_MS: "200" },
    }),
    launchChromium(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.destroy();
});

function scenario(name: string, run: (actors: Actors) => Promise<void>) {
  it(name, async () => {
    const actors = new Actors(browser, server.url);
    try {
      await run(actors);
      expect(actors.problems).toEqual([]);
    } catch (error) {
      await actors.screenshotAll(name);
      throw error;
    } finally {
      await actors.close();
    }
  });
}

const parseEvent = (ics: string) => {
  const [event] = Object.values(ical.sync.parseICS(ics)).filter(
    (component): component is VEvent => component?.type === "VEVENT",
  );
  if (!event) throw new Error("no VEVENT in the calendar file");
  return event;
};

describe("email, cancellation and time zones in Chromium", () => {
  scenario(
    "a London event seen from New York shows London time, labelled, and its .ics lands at the right moment",
    async (actors) => {
      const startsAt = Date.UTC(new Date().getUTCFullYear() + 1, 6, 15, 5, 0); // 06:00 BST
      const organiser = await apiAs(server.url, "admin@example.com");
      const event = await organiser.events.create.mutate({
        title: "Sunrise Yoga on Primrose Hill",
        startsAt,
        endsAt: startsAt + 2 * hour,
        capacity: 20,
        location: "Primrose Hill, London",
        timezone: "Europe/London",
      });

      const page = await actors.open({
        ...desktop,
        timezoneId: "America/New_York",
        acceptDownloads: true,
      });
      expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(
        "America/New_York",
      );
      await page.goto(`/events/${event.id}`);
      await expect
        .poll(() => page.getByTestId("event-time").textContent(), poll)
        .toMatch(/06:00 – 08:00 BST$/);
      expect(await page.getByTestId("viewer-time").textContent()).toMatch(/your time: .*01:00 EDT/);
      await expectNoAxeViolations(page);

      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("link", { name: "Add to calendar" }).click(),
      ]);
      expect(download.suggestedFilename()).toBe("Sunrise-Yoga-on-Primrose-Hill.ics");
      const calendarEvent = parseEvent(readFileSync(await download.path(), "utf8"));
      expect(calendarEvent.start.getTime()).toBe(startsAt);
      expect(calendarEvent.end?.getTime()).toBe(startsAt + 2 * hour);
      expect((calendarEvent.start as Date & { tz?: string }).tz).toBe("Europe/London");

      // The card on the list says London time too.
      await page.goto("/?search=Primrose");
      await page
        .locator("article.event-card", { hasText: "Sunrise Yoga" })
        .getByText(/06:00 BST/)
        .waitFor();
    },
  );

  scenario(
    "a forgotten password is reset through the emailed link (delivered to the local mailbox)",
    async (actors) => {
      const anonymous = createTRPCClient<AppRouter>({
        links: [httpBatchLink({ url: `${server.url}/trpc` })],
      });
      await anonymous.auth.register.mutate({
        email: "forgetful@example.com",
        name: "Forgetful Fran",
        password: "the first password",
      });

      const fran = await actors.open();
      await fran.goto("/sign-in");
      await fran.getByRole("link", { name: "Forgot your password?" }).click();
      await fran.getByRole("heading", { name: "Forgot your password?" }).waitFor();
      await fran.getByLabel("Email").fill("forgetful@example.com");
      await fran.getByRole("button", { name: "Email me a reset link" }).click();
      await fran.getByTestId("reset-requested").waitFor();

      // The admin's mailbox shows the message as Fran would get it.
      const admin = await actors.open();
      await signIn(admin, "admin@example.com");
      await admin.goto("/admin/emails");
      const row = admin
        .getByTestId("email-row")
        .filter({ hasText: "forgetful@example.com" })
        .filter({ hasText: "Reset your Boxoffice password" });
      // The list is read when it opens: look again until the sender has delivered it.
      await expect
        .poll(async () => {
          await admin.reload();
          await admin.getByRole("heading", { name: "Admin" }).waitFor();
          await admin.waitForFunction(() => !document.querySelector(".loading"));
          return row.count();
        }, poll)
        .toBe(1);
      await expectNoAxeViolations(admin);
      await row.getByRole("link").click();
      const text = (await admin.getByTestId("email-text").textContent()) ?? "";
      await expectNoAxeViolations(admin);
      const link = /(\/reset-password#token=[a-z0-9]+)/.exec(text)?.[1];
      expect(link).toBeTruthy();
      const frame = admin.frameLocator("iframe.email-frame");
      await frame.getByRole("link", { name: "Choose a new password" }).waitFor();

      await fran.goto(link ?? "/");
      // The token leaves the address bar once read.
      await expect.poll(() => new URL(fran.url()).hash, poll).toBe("");
      await fran.getByLabel("New password", { exact: true }).fill("the second password");
      await fran.getByRole("button", { name: "Set new password" }).click();
      await fran.getByText("Your password is changed. Sign in with the new one.").waitFor();
      await signIn(fran, "forgetful@example.com", "the second password");

      // The link worked once.
      await fran.goto(link ?? "/");
      await fran.getByLabel("New password", { exact: true }).fill("a third password");
      await fran.getByRole("button", { name: "Set new password" }).click();
      await fran
        .getByTestId("reset-link-broken")
        .filter({ hasText: "expired or was already used" })
        .waitFor();
    },
  );

  scenario(
    "an admin cancels an event; its holder sees it in My bookings at once, with the message",
    async (actors) => {
      const organiser = await apiAs(server.url, "admin@example.com");
      const startsAt = Date.now() + 10 * 24 * hour;
      const event = await organiser.events.create.mutate({
        title: "Harbour Fireworks",
        startsAt,
        endsAt: startsAt + hour,
        capacity: 30,
        timezone: "Europe/London",
      });
      const jane = await apiAs(server.url, "jane@example.com");
      await jane.bookings.create.mutate({
        eventId: event.id,
        seats: 2,
        idempotencyKey: "fireworks-jane-1",
      });

      const holder = await actors.open();
      await signIn(holder, "jane@example.com");
      await holder.goto("/bookings");
      const booking = holder.getByTestId("booking").filter({ hasText: "Harbour Fireworks" });
      await booking.filter({ hasText: "Confirmed" }).waitFor();
      await holder.locator('.live-status[data-state="connected"]').waitFor();

      const admin = await actors.open();
      await signIn(admin, "admin@example.com");
      await admin.goto(`/admin/events/${event.id}/edit`);
      await admin.getByLabel("Message to the people who booked").fill("Too windy for fireworks.");
      await admin.getByRole("button", { name: "Cancel event" }).click();
      await admin.getByRole("button", { name: "Yes, cancel the event" }).click();
      await admin.getByText(/This event is cancelled; 1 booking cancelled/).waitFor();

      await booking
        .getByTestId("organiser-cancelled")
        .filter({ hasText: "Cancelled by the organiser: Too windy for fireworks." })
        .waitFor();
      await expectNoAxeViolations(holder);

      await holder.getByRole("link", { name: "Harbour Fireworks" }).click();
      await holder.getByTestId("event-cancelled").filter({ hasText: "Too windy" }).waitFor();
      await holder.getByTestId("event-over").filter({ hasText: "was cancelled" }).waitFor();

      // The admin's events list marks it; the mailbox has the cancellation for Jane.
      const cancellation = admin
        .getByTestId("email-row")
        .filter({ hasText: "Cancelled: Harbour Fireworks" })
        .filter({ hasText: "jane@example.com" });
      await expect
        .poll(async () => {
          await admin.goto("/admin/emails");
          await admin.waitForFunction(() => !document.querySelector(".loading"));
          return cancellation.count();
        }, poll)
        .toBe(1);
      const shot = docsScreenshot("admin-emails.png");
      if (shot) await admin.screenshot({ path: shot, fullPage: true });
    },
  );
});
