import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { apiAs } from "./support/api.ts";
import { signIn, waitUntilLive } from "./support/app.ts";
import { expectNoAxeViolations } from "./support/axe.ts";
import { Actors } from "./support/browser.ts";
import { appUnderTest } from "./support/app-under-test.ts";

const offerShot = fileURLToPath(new URL("../../../docs/waitlist-offer.png", import.meta.url));

const app = appUnderTest();

describe("the waiting list in Chromium", () => {
  it("A joins a sold-out event; B cancels elsewhere; A sees the offer within 1 s and claims it", async () => {
    const actors = new Actors(app.browser, app.server.url);
    try {
      const organiser = await apiAs(app.server.url, "admin@example.com");
      const startsAt = Date.now() + 14 * 86_400_000;
      const event = await organiser.events.create.mutate({
        title: "Waitlist Gala",
        startsAt,
        endsAt: startsAt + 3 * 3_600_000,
        capacity: 1,
      });
      const jane = await apiAs(app.server.url, "jane@example.com");
      await jane.bookings.create.mutate({
        eventId: event.id,
        seats: 1,
        idempotencyKey: "e2e-waitlist-gala-seat",
      });

      // A: sold out, joins the list, and is told where they stand.
      const a = await actors.open();
      await signIn(a, "john@example.com");
      await a.goto(`/events/${event.id}`);
      await waitUntilLive(a);
      await a.getByTestId("sold-out").waitFor();
      await a.getByText(/go at once to the first person in line whose request fits/).waitFor();
      await a.getByRole("spinbutton", { name: "Seats you want" }).fill("1");
      await a.getByRole("button", { name: "Join the waiting list" }).click();
      await a.getByTestId("waitlist-position").filter({ hasText: "1st" }).waitFor();
      await expectNoAxeViolations(a);

      // Every figure A's page shows from now on, to prove the freed seat never shows as free.
      await a.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { seenSeats: string[] }).seenSeats = seen;
        const count = document.querySelector('[data-testid="seat-count"]');
        if (!count) throw new Error("no seat count");
        new MutationObserver(() =>
          seen.push(count.querySelector("strong")?.textContent ?? ""),
        ).observe(count, { subtree: true, childList: true, characterData: true });
      });

      // B, in another browser, cancels from My bookings.
      const b = await actors.open();
      await signIn(b, "jane@example.com");
      await b.goto("/bookings");
      const row = b.getByTestId("booking").filter({ hasText: "Waitlist Gala" });
      await row.getByRole("button", { name: "Cancel booking" }).click();
      const cancelled = b.waitForResponse((response) => response.url().includes("bookings.cancel"));
      await row.getByRole("button", { name: "Yes, cancel" }).click();
      expect((await cancelled).ok()).toBe(true);
      const cancelledAt = Date.now();

      // A sees the offer without reloading, within a second.
      const banner = a.getByTestId("offer-banner");
      await banner.waitFor({ timeout: 1_000 });
      expect(Date.now() - cancelledAt).toBeLessThan(1_000);
      await banner.getByRole("heading", { name: "1 seat held for you" }).waitFor();
      await a.getByTestId("held-seats").filter({ hasText: "1 seat being offered" }).waitFor();
      await expectNoAxeViolations(a);
      // docs/ screenshots are written when missing or when UPDATE_SCREENSHOTS=1.
      if (process.env.UPDATE_SCREENSHOTS === "1" || !existsSync(offerShot)) {
        // From the top: focus scrolled the page, and the header sticks where it was.
        await a.evaluate(() => window.scrollTo(0, 0));
        await a.screenshot({ path: offerShot, fullPage: true });
      }
      expect(
        await a.evaluate(() => (window as unknown as { seenSeats: string[] }).seenSeats),
      ).not.toContain("1");

      // A claims it: booked, and in My bookings.
      await banner.getByRole("button", { name: "Claim 1 seat" }).click();
      await a.getByTestId("offer-claimed").filter({ hasText: "Booked 1 seat" }).waitFor();
      await a.getByRole("link", { name: "See my bookings" }).click();
      await a
        .getByTestId("booking")
        .filter({ hasText: "Waitlist Gala" })
        .and(a.locator('[data-status="confirmed"]'))
        .waitFor();
      expect(await a.getByTestId("waitlist-entry").count()).toBe(0);

      const list = await organiser.waitlist.forEvent.query({ eventId: event.id });
      expect(list.items).toEqual([]);
      expect(actors.problems).toEqual([]);
    } catch (error) {
      await actors.screenshotAll("waitlist");
      throw error;
    } finally {
      await actors.close();
    }
  });

  it("My bookings lists places in line and offers; the organiser sees the list and turns it off", async () => {
    const actors = new Actors(app.browser, app.server.url);
    try {
      const organiser = await apiAs(app.server.url, "admin@example.com");
      const startsAt = Date.now() + 20 * 86_400_000;
      const event = await organiser.events.create.mutate({
        title: "Waitlist Matinee",
        startsAt,
        endsAt: startsAt + 2 * 3_600_000,
        capacity: 2,
      });
      const bob = await apiAs(app.server.url, "bob@example.com");
      const { booking } = await bob.bookings.create.mutate({
        eventId: event.id,
        seats: 2,
        idempotencyKey: "e2e-waitlist-matinee",
      });
      const john = await apiAs(app.server.url, "john@example.com");
      const jane = await apiAs(app.server.url, "jane@example.com");
      await john.waitlist.join.mutate({ eventId: event.id, seats: 1 });
      await jane.waitlist.join.mutate({ eventId: event.id, seats: 2 });

      const page = await actors.open();
      await signIn(page, "jane@example.com");
      await page.goto("/bookings");
      await waitUntilLive(page);
      const entry = page.getByTestId("waitlist-entry").filter({ hasText: "Waitlist Matinee" });
      await entry.getByTestId("waitlist-position").filter({ hasText: "2nd" }).waitFor();
      await expectNoAxeViolations(page);

      // Bob cancels 2 seats: John (1 seat, first) is offered 1; 1 seat fits nobody else.
      // Jane's place moves up live, without a reload.
      await bob.bookings.cancel.mutate({ id: booking.id });
      await entry.getByTestId("waitlist-position").filter({ hasText: "1st" }).waitFor();
      // John declines: 2 seats free, Jane's 2-seat request fits and the offer shows up.
      const [johnsOffer] = await john.waitlist.mine.query();
      await john.waitlist.decline.mutate({ offerId: johnsOffer?.id ?? 0 });
      await entry.getByTestId("offer-banner").waitFor();
      await expectNoAxeViolations(page);

      // The organiser sees Jane's offer in the list, and turns the list off: offers stand.
      const admin = await actors.open();
      await signIn(admin, "admin@example.com");
      await admin.goto("/admin/events");
      await admin.getByRole("link", { name: "Waiting list of Waitlist Matinee" }).click();
      await admin.getByRole("heading", { name: /Waiting list for Waitlist Matinee/ }).waitFor();
      await admin.getByRole("row", { name: /jane@example\.com.*Offered, held until/ }).waitFor();
      await expectNoAxeViolations(admin);
      await admin.getByRole("checkbox", { name: "Waiting list on" }).uncheck();
      await admin.getByRole("button", { name: "Save waiting-list settings" }).click();
      await admin.getByText("Saved.").waitFor();
      expect((await organiser.events.byId.query({ id: event.id })).waitlistEnabled).toBe(false);

      // Jane declines in My bookings; with the list off, the seats go on sale.
      await entry.getByRole("button", { name: "Decline" }).click();
      await entry.waitFor({ state: "detached" });
      expect((await organiser.events.byId.query({ id: event.id })).availableSeats).toBe(2);
      expect(actors.problems).toEqual([]);
    } catch (error) {
      await actors.screenshotAll("waitlist-lists");
      throw error;
    } finally {
      await actors.close();
    }
  });
});
