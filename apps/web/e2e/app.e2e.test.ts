import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { apiAs } from "./support/api.ts";
import { expectNoAxeViolations } from "./support/axe.ts";
import { Actors, desktop, phone } from "./support/browser.ts";
import {
  adminPages,
  bookSeats,
  cardBadge,
  openEvent,
  seatsOnEventPage,
  signIn,
  waitUntilLive,
} from "./support/app.ts";
import { appUnderTest } from "./support/app-under-test.ts";

const docsDir = fileURLToPath(new URL("../../../docs/", import.meta.url));
const poll = { timeout: 15_000, interval: 100 };

const app = appUnderTest();

/** One test with its own browser contexts; on failure its pages go to test-results/. */
function scenario(name: string, run: (actors: Actors) => Promise<void>) {
  it(name, async () => {
    const actors = new Actors(app.browser, app.server.url);
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

/** docs/ screenshots are written when missing or when UPDATE_SCREENSHOTS=1, never by CI otherwise. */
function screenshotPath(name: string): string | undefined {
  const path = `${docsDir}${name}`;
  return process.env.UPDATE_SCREENSHOTS === "1" || !existsSync(path) ? path : undefined;
}

describe("Boxoffice in Chromium", () => {
  scenario("every page passes axe for a signed-out visitor", async (actors) => {
    const page = await actors.open();
    for (const path of [
      "/",
      "/?when=past",
      "/sign-in",
      "/sign-up",
      "/forgot-password",
      "/reset-password",
      "/events/999999",
      "/nope",
    ]) {
      await page.goto(path);
      await expectNoAxeViolations(page);
    }
    for (const title of ["Jazz Night at the Blue Room", "Winter Hackathon"]) {
      await page.goto(title === "Winter Hackathon" ? "/?when=past" : "/");
      await page.getByRole("link", { name: title }).click();
      await page.getByRole("heading", { level: 1, name: title }).waitFor();
      await expectNoAxeViolations(page);
    }
    await page.getByTestId("event-over").filter({ hasText: "This event has ended." }).waitFor();
  });

  scenario("every page passes axe for a signed-in user", async (actors) => {
    const page = await actors.open();
    await signIn(page, "jane@example.com");
    await openEvent(page, "Jazz Night at the Blue Room");
    await expectNoAxeViolations(page);
    for (const path of ["/", "/bookings", "/account/password", "/admin", "/nope"]) {
      await page.goto(path);
      await expectNoAxeViolations(page);
    }
    // Sign in and sign up are for signed-out visitors: a signed-in one is sent on.
    await page.goto("/sign-up?next=%2Fbookings");
    await page.waitForURL((url) => url.pathname === "/bookings");
  });

  scenario("every admin page passes axe and fits a phone", async (actors) => {
    const page = await actors.open(phone);
    await signIn(page, "admin@example.com");
    const pages = await adminPages(page, "TypeScript Meetup: Types at Scale");
    for (const path of pages) {
      await page.goto(path);
      await expectNoAxeViolations(page);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow, `sideways scroll on ${path}`).toBeLessThanOrEqual(0);
    }

    // The audit log's event filter applies while typing (no Enter, no leaving the box).
    const eventId = /\/admin\/events\/(\d+)\//.exec(pages[3] ?? "")?.[1] ?? "";
    await page.getByLabel("Event id").pressSequentially(eventId);
    await page.waitForURL((url) => url.searchParams.get("event") === eventId);
    const eventsLogged = () => page.locator("tbody tr td:nth-child(4)").allTextContents();
    await expect
      .poll(async () => new Set(await eventsLogged()), poll)
      .toEqual(new Set(["TypeScript Meetup: Types at Scale"]));
  });

  scenario("shows the events and an event page at desktop and phone widths", async (actors) => {
    const page = await actors.open(desktop);
    await page.goto("/");
    await page.getByRole("heading", { name: "Upcoming events" }).waitFor();
    await cardBadge(page, "TypeScript Meetup").waitFor();
    expect(await cardBadge(page, "Founders' Breakfast").textContent()).toBe("Sold out");
    await waitUntilLive(page);
    const eventsShot = screenshotPath("events-page.png");
    if (eventsShot) await page.screenshot({ path: eventsShot });

    await openEvent(page, "TypeScript Meetup: Types at Scale");
    expect(await seatsOnEventPage(page)).toBe(77);
    await page.getByRole("link", { name: "Sign in" }).last().waitFor();
    const eventShot = screenshotPath("event-page.png");
    if (eventShot) await page.screenshot({ path: eventShot });

    // An event with one very long word for a title and an image that does not load.
    const organiser = await apiAs(app.server.url, "admin@example.com");
    const longWord = "Supercalifragilisticexpialidocious".repeat(3);
    const startsAt = Date.now() + 30 * 86_400_000;
    const odd = await organiser.events.create.mutate({
      title: `${longWord} Night`,
      startsAt,
      endsAt: startsAt + 3_600_000,
      capacity: 10,
      imageUrl: `${app.server.url}/no-such-poster.png`,
    });

    const small = await actors.open(phone);
    for (const path of ["/", page.url(), `/events/${odd.id}`]) {
      await small.goto(path);
      await small.locator('[data-testid="seats"], [data-testid="seat-count"]').first().waitFor();
      const overflow = await small.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow, `horizontal scroll on ${path}`).toBeLessThanOrEqual(0);
      // Cards clip what sticks out, so also: no heading is wider than its box.
      const clipped = await small.evaluate(() =>
        [...document.querySelectorAll("main h1, main h2")]
          .filter((heading) => heading.scrollWidth > heading.clientWidth)
          .map((heading) => heading.textContent),
      );
      expect(clipped, `cut-off headings on ${path}`).toEqual([]);
    }
    await small.getByTestId("image-placeholder").waitFor();
    expect(await small.locator("img.event-hero").count()).toBe(0);

    // The date on a placeholder reads at 4.5:1 or better, whatever colour the event drew.
    const worstContrast = await small.evaluate(() => {
      const label = document.querySelector<HTMLElement>(".event-image-date");
      const box = label?.parentElement;
      if (!label || !box) return 0;
      const luminance = (color: string) => {
        const [r = 0, g = 0, b = 0] = (color.match(/[\d.]+/g) ?? []).map((v) => {
          const c = Number(v) / 255;
          return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      let worst = Infinity;
      for (let hue = 0; hue < 360; hue += 3) {
        box.style.setProperty("--hue", String(hue));
        const style = getComputedStyle(label);
        // Only a solid backdrop of its own has a contrast that holds over any gradient.
        if (style.backgroundColor.startsWith("rgba")) return 0;
        const [light, dark] = [luminance(style.color), luminance(style.backgroundColor)].sort(
          (a, b) => b - a,
        );
        worst = Math.min(worst, ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05));
      }
      return worst;
    });
    expect(worstContrast).toBeGreaterThanOrEqual(4.5);
  });

  scenario(
    "sends a signed-out visitor from a protected page to sign in and back",
    async (actors) => {
      const page = await actors.open();
      await page.goto("/bookings");
      await page.waitForURL((url) => url.pathname === "/sign-in");
      expect(new URL(page.url()).searchParams.get("next")).toBe("/bookings");

      await signIn(page, "john@example.com");
      await page.waitForURL((url) => url.pathname === "/bookings");
      await page.getByRole("heading", { name: "My bookings" }).waitFor();
      await page.getByTestId("booking").filter({ hasText: "TypeScript Meetup" }).waitFor();

      // Signing in reopened the live socket with John's cookie: a booking he makes elsewhere
      // shows up here without a reload.
      const johnElsewhere = await apiAs(app.server.url, "john@example.com");
      const cinema = (await johnElsewhere.events.list.query({ search: "Open-Air Cinema" }))
        .items[0];
      await johnElsewhere.bookings.create.mutate({
        eventId: cinema?.id ?? 0,
        seats: 2,
        idempotencyKey: "e2e-john-cinema",
      });
      await page.getByTestId("booking").filter({ hasText: "Open-Air Cinema" }).waitFor();

      await page.goto("/admin");
      await page.getByRole("heading", { name: "Admins only" }).waitFor();
    },
  );

  scenario("signs up; a short password gets one message beside the field", async (actors) => {
    const page = await actors.open(phone);
    await page.goto("/sign-up");
    await page.getByLabel("Name").fill("Erin Example");
    await page.getByLabel("Email").fill("erin@example.com");
    await page.getByLabel("Password").fill("short");
    await page.getByRole("button", { name: "Sign up" }).click();
    await page.getByText("Use at least 8 characters.").waitFor();
    expect(await page.getByLabel("Password").getAttribute("aria-invalid")).toBe("true");

    await page.getByLabel("Password").fill("a long enough password");
    await page.getByRole("button", { name: "Sign up" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    await page.getByRole("button", { name: "Sign out" }).waitFor();
    await page.getByRole("link", { name: "My bookings", exact: true }).click();
    await page.getByText("No bookings yet.").waitFor();
  });

  scenario("searches, filters by tag and switches to past events", async (actors) => {
    const page = await actors.open();
    // A deep link to one tag still offers every tag in use, with its count, from the server.
    await page.goto("/?tag=wellness");
    await page.locator('#event-tag option[value="tech"]').waitFor({ state: "attached" });
    expect(await page.locator('#event-tag option[value="tech"]').textContent()).toBe("tech (2)");
    await page.goto("/");
    const titles = () => page.locator("article.event-card h2").allTextContents();
    await cardBadge(page, "Jazz Night").waitFor();

    await page.getByLabel("Search").fill("jazz");
    await expect.poll(titles, poll).toEqual(["Jazz Night at the Blue Room"]);
    expect(new URL(page.url()).searchParams.get("q")).toBe("jazz");

    await page.getByLabel("Search").fill("");
    // A range of days: From and To are both that of Jazz Night.
    const api = await apiAs(app.server.url, "john@example.com");
    const [jazz] = (await api.events.list.query({ search: "Jazz Night" })).items;
    const day = await page.evaluate((ms) => {
      const date = new Date(ms);
      const pad = (n: number) => String(n).padStart(2, "0");
      return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
    }, jazz?.startsAt ?? 0);
    await page.getByLabel("From", { exact: true }).fill(day);
    await page.getByLabel("To", { exact: true }).fill(day);
    await expect.poll(titles, poll).toEqual(["Jazz Night at the Blue Room"]);
    const url = new URL(page.url());
    expect([url.searchParams.get("from"), url.searchParams.get("to")]).toEqual([day, day]);
    await page.getByLabel("From", { exact: true }).fill("");
    await page.getByLabel("To", { exact: true }).fill("");

    await page.getByLabel("Tag", { exact: true }).selectOption("tech");
    await expect.poll(titles, poll).toEqual(["TypeScript Meetup: Types at Scale", "Rust & Coffee"]);

    await page.getByText("Past", { exact: true }).click();
    await page.getByRole("heading", { name: "Past events" }).waitFor();
    await expect.poll(titles, poll).toEqual(["Winter Hackathon"]);

    // The tags offered are those of past events now; one that matches nothing with the search.
    await page.getByLabel("Tag", { exact: true }).selectOption("food");
    await page.getByLabel("Search").fill("hackathon");
    await page.getByText("No events match these filters.").waitFor();
    await page.getByRole("button", { name: "Clear filters" }).click();
    await expect.poll(titles, poll).toEqual(["Street Food Festival", "Winter Hackathon"]);
  });

  scenario("books 2 seats; another browser sees the count drop live", async (actors) => {
    const title = "TypeScript Meetup: Types at Scale";
    const watcher = await actors.open();
    await openEvent(watcher, title);
    const watcherList = await watcher.context().newPage();
    await watcherList.goto("/");
    await expect
      .poll(() => cardBadge(watcherList, "TypeScript Meetup").textContent(), poll)
      .toBe("77 seats left");
    await waitUntilLive(watcher);
    await waitUntilLive(watcherList);

    const jane = await actors.open();
    await signIn(jane, "jane@example.com");
    const janesBookings = await jane.context().newPage();
    await janesBookings.goto("/bookings");
    await janesBookings.getByTestId("booking").first().waitFor();
    await waitUntilLive(janesBookings);
    const bookingsBefore = await janesBookings.getByTestId("booking").count();

    await openEvent(jane, title);
    expect(await seatsOnEventPage(jane)).toBe(77);
    // With the keyboard: Enter in the seats box books, and focus lands on the result.
    await jane.getByRole("spinbutton", { name: "Seats" }).fill("2");
    await jane.keyboard.press("Enter");
    const booked = jane.getByRole("status").filter({ hasText: "Booked 2 seats." });
    await expect
      .poll(() => booked.evaluate((el) => el === document.activeElement), poll)
      .toBe(true);
    expect(await seatsOnEventPage(jane)).toBe(75);

    // No reload anywhere below: the numbers arrive over the WebSocket.
    await expect.poll(() => seatsOnEventPage(watcher), poll).toBe(75);
    await expect
      .poll(() => cardBadge(watcherList, "TypeScript Meetup").textContent(), poll)
      .toBe("75 seats left");
    await expect
      .poll(() => janesBookings.getByTestId("booking").count(), poll)
      .toBe(bookingsBefore + 1);
  });

  scenario("cancelling a booking gives the seats back, live", async (actors) => {
    const title = "Jazz Night at the Blue Room";
    const bob = await actors.open();
    await signIn(bob, "bob@example.com");
    await openEvent(bob, title);
    const before = await seatsOnEventPage(bob);
    await bookSeats(bob, 3);
    await bob.getByRole("status").filter({ hasText: "Booked 3 seats." }).waitFor();

    const watcher = await actors.open();
    await openEvent(watcher, title);
    await waitUntilLive(watcher);
    expect(await seatsOnEventPage(watcher)).toBe(before - 3);

    await bob.getByRole("link", { name: "My bookings", exact: true }).click();
    const row = bob
      .getByTestId("booking")
      .filter({ hasText: title })
      .filter({ hasText: "3 seats" })
      .and(bob.locator('[data-status="confirmed"]'));
    await row.getByRole("button", { name: "Cancel booking" }).click();
    await row.getByRole("button", { name: "Yes, cancel" }).click();
    await bob
      .getByTestId("booking")
      .filter({ hasText: "3 seats" })
      .and(bob.locator('[data-status="cancelled"]'))
      .first()
      .waitFor();

    await expect.poll(() => seatsOnEventPage(watcher), poll).toBe(before);
  });

  scenario("a sold-out event refuses a booking with a clear message", async (actors) => {
    const organiser = await app.server.addUser("organiser@example.com", "admin");
    const startsAt = Date.now() + 10 * 86_400_000;
    await app.server.services.commands.createEvent({
      title: "Last Seat Gala",
      description: "One seat only.",
      location: "Rome",
      startsAt,
      endsAt: startsAt + 3_600_000,
      imageUrl: null,
      tags: ["gala"],
      capacity: 1,
      maxSeatsPerBooking: 1,
      createdBy: organiser.id,
    });

    // Bob's live connection keeps dropping (as behind a flaky proxy), so his page still
    // shows the last seat after it has gone.
    let liveBlocked = true;
    const bob = await actors.open();
    await bob.context().routeWebSocket(/\/trpc$/, (socket) => {
      if (!liveBlocked) return void socket.connectToServer();
      setTimeout(() => void socket.close({ code: 1011, reason: "dropped by the test" }), 50);
    });
    await signIn(bob, "bob@example.com");
    await openEvent(bob, "Last Seat Gala");
    expect(await seatsOnEventPage(bob)).toBe(1);
    // The header says so ("Connecting…", or "Reconnecting…" once it had been live).
    await bob.locator('.live-status[data-state="down"]').waitFor();

    const john = await actors.open();
    await signIn(john, "john@example.com");
    await openEvent(john, "Last Seat Gala");
    await bookSeats(john, 1);
    await john.getByTestId("sold-out").waitFor();

    // Bob loses the race: one message says so (not a badge, a notice and an error).
    await bookSeats(bob, 1);
    const lost = bob.getByRole("alert").filter({ hasText: "The last seats went just before you" });
    await expect.poll(() => lost.evaluate((el) => el === document.activeElement), poll).toBe(true);
    expect(await bob.getByText(/sold out/i).count()).toBe(1);
    expect(await seatsOnEventPage(bob)).toBe(0);

    // The socket comes back by itself once the network does.
    liveBlocked = false;
    await bob.locator('.live-status[data-state="connected"]').waitFor({ timeout: 20_000 });

    // A page that was live all along never offered the seat.
    const watcher = await actors.open();
    await openEvent(watcher, "Founders' Breakfast");
    await watcher.getByTestId("sold-out").waitFor();
    expect(await watcher.getByRole("button", { name: /^Book/ }).count()).toBe(0);
  });

  scenario("an admin creates an event that then appears for users", async (actors) => {
    const admin = await actors.open();
    await signIn(admin, "admin@example.com");
    await admin.getByRole("link", { name: "Admin" }).click();
    await admin.getByText("Seats sold").waitFor();
    await admin.getByRole("link", { name: "Events", exact: true }).last().click();
    await admin.getByRole("link", { name: "New event" }).click();

    await admin.getByLabel("Title").fill("");
    await admin.getByRole("button", { name: "Create event" }).click();
    await admin.getByText("Give the event a title.").waitFor();

    await admin.getByLabel("Title").fill("Rooftop Poetry Slam");
    await admin.getByLabel("Description").fill("Open mic under the stars.");
    await admin.getByLabel("Location").fill("Lisbon, Terraço");
    await admin.getByLabel("Starts").fill("2035-06-01T19:00");
    await admin.getByLabel("Ends").fill("2035-06-01T22:00");
    await admin.getByLabel("Tags").fill("poetry, outdoor");
    await admin.getByLabel("Capacity").fill("40");
    await admin.getByLabel("Max seats per booking").fill("4");
    await admin.getByRole("button", { name: "Create event" }).click();
    await admin.getByRole("heading", { level: 1, name: "Rooftop Poetry Slam" }).waitFor();

    const user = await actors.open();
    await user.goto("/?tag=poetry");
    await expect
      .poll(() => cardBadge(user, "Rooftop Poetry Slam").textContent(), poll)
      .toBe("40 seats left");
  });

  scenario("an admin downloads an event's bookings as CSV", async (actors) => {
    const jane = await actors.open();
    await signIn(jane, "jane@example.com");
    await openEvent(jane, "Rust & Coffee");
    await bookSeats(jane, 3);
    await jane.getByRole("status").filter({ hasText: "Booked 3 seats." }).waitFor();

    const admin = await actors.open();
    await signIn(admin, "admin@example.com");
    await admin.goto("/admin/events");
    await admin.getByRole("link", { name: "Bookings of Rust & Coffee" }).click();
    await admin.getByRole("cell", { name: "jane@example.com" }).waitFor();

    const [download] = await Promise.all([
      admin.waitForEvent("download"),
      admin.getByRole("link", { name: "Download CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^bookings-.*\.csv$/);
    const csv = readFileSync(await download.path(), "utf8");
    expect(csv).toContain("booking_id,name,email,seats,status");
    expect(csv).toMatch(/\d+,Jane Roe,jane@example.com,3,confirmed,/);
  });
});
