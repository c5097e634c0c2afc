import { describe, expect, it } from "vitest";
import { apiAs } from "./support/api.ts";
import { bookSeats, signIn, waitUntilLive } from "./support/app.ts";
import { expectNoAxeViolations } from "./support/axe.ts";
import { Actors } from "./support/browser.ts";
import { docsScreenshot } from "./support/docs-screenshots.ts";
import { appUnderTest } from "./support/app-under-test.ts";

const poll = { timeout: 15_000, interval: 100 };
const title = "Poetry at the Lighthouse";

const app = appUnderTest();

describe("the per-person seat limit in Chromium", () => {
  it("an admin allows 2 seats per person; Bob books 2 and is offered no more; My bookings groups them", async () => {
    const actors = new Actors(app.browser, app.server.url);
    try {
      // The admin sets the limit in the event form, beside the per-booking one.
      const admin = await actors.open();
      await signIn(admin, "admin@example.com");
      await admin.goto("/admin/events/new");
      await admin.getByLabel("Title").fill(title);
      await admin.getByLabel("Location").fill("Lighthouse Point");
      await admin.getByLabel("Starts").fill("2035-07-01T19:00");
      await admin.getByLabel("Ends").fill("2035-07-01T21:00");
      await admin.getByLabel("Tags").fill("lighthouse");
      await admin.getByLabel("Capacity").fill("30");
      await admin.getByLabel("Max seats per booking").fill("4");
      await admin.getByLabel("Max seats per person").fill("0");
      await admin.getByRole("button", { name: "Create event" }).click();
      const perPerson = admin.getByLabel("Max seats per person");
      await admin.getByText("Allow between 1 and 1,000 seats per person.").waitFor();
      expect(await perPerson.getAttribute("aria-invalid")).toBe("true");
      await expectNoAxeViolations(admin);
      await perPerson.fill("2");
      await admin.getByRole("button", { name: "Create event" }).click();
      await admin.getByRole("heading", { level: 1, name: title }).waitFor();
      const organiser = await apiAs(app.server.url, "admin@example.com");
      const created = (await organiser.events.list.query({ tags: ["lighthouse"] })).items[0];
      expect(created).toMatchObject({ title, maxSeatsPerBooking: 4, maxSeatsPerPerson: 2 });

      // Bob sees the lower of the two limits, books one seat, then the one left to him.
      const bob = await actors.open();
      await signIn(bob, "bob@example.com");
      await bob.goto("/?tag=lighthouse");
      await bob.getByRole("link", { name: title }).click();
      await bob.getByRole("heading", { level: 1, name: title }).waitFor();
      await waitUntilLive(bob);
      await bob.getByText("Up to 2 seats: 2 per person.").waitFor();
      expect(await bob.getByTestId("held-seats").count()).toBe(0);
      await bookSeats(bob, 1);
      await bob.getByRole("status").filter({ hasText: "Booked 1 seat." }).waitFor();
      await bob
        .getByTestId("held-seats")
        .filter({ hasText: "You hold 1 seat for this event." })
        .waitFor();
      await bob.getByText("You can book 1 more: 2 per person.").waitFor();
      expect(await bob.getByRole("spinbutton", { name: "Seats" }).getAttribute("max")).toBe("1");
      await bookSeats(bob, 1);
      await bob
        .getByTestId("held-seats")
        .filter({ hasText: "You hold 2 seats for this event." })
        .waitFor();
      await bob
        .getByTestId("person-limit-reached")
        .filter({ hasText: "2 seats per person" })
        .waitFor();
      expect(await bob.getByRole("button", { name: /^Book/ }).count()).toBe(0);
      expect(await bob.getByRole("link", { name: /^Tickets for BX-/ }).count()).toBe(2);
      await expectNoAxeViolations(bob);
      const heldShot = docsScreenshot("event-page-held.png");
      if (heldShot) {
        await bob.evaluate(() => window.scrollTo(0, 0));
        await bob.screenshot({ path: heldShot, fullPage: true });
      }

      // The server holds the same line: a third seat is refused in words.
      const bobsApi = await apiAs(app.server.url, "bob@example.com");
      await expect(
        bobsApi.bookings.create.mutate({
          eventId: created?.id ?? 0,
          seats: 1,
          idempotencyKey: "per-person-e2e-third-seat",
        }),
      ).rejects.toThrow("You already hold 2 of the 2 seats allowed per person.");

      // My bookings: one group for the event, holding both bookings and their total.
      await bob.getByRole("link", { name: "My bookings", exact: true }).first().click();
      const group = bob.getByTestId("booking-group").filter({ hasText: title });
      await group.waitFor();
      await expect.poll(() => group.count(), poll).toBe(1);
      expect(await group.getByTestId("booking").count()).toBe(2);
      expect(await group.getByTestId("seats-held").textContent()).toBe("You hold 2 seats");
      expect(await group.getByText("Lighthouse Point").count()).toBe(1);
      // Bob's other bookings (from the sample data) sit in their own events' groups.
      expect(await bob.getByTestId("booking-group").count()).toBeGreaterThan(1);
      await expectNoAxeViolations(bob);

      // Cancelling one hands a seat back to him: the event page offers it again, and one
      // he has open in another tab follows live (bookings.onMine).
      const otherTab = await bob.context().newPage();
      await otherTab.goto(`/events/${created?.id ?? 0}`);
      await otherTab.getByTestId("person-limit-reached").waitFor();
      await waitUntilLive(otherTab);
      await group.getByRole("button", { name: "Cancel booking" }).first().click();
      await group.getByRole("button", { name: "Yes, cancel" }).click();
      await expect
        .poll(() => group.getByTestId("seats-held").textContent(), poll)
        .toBe("You hold 1 seat");
      await group.locator('[data-status="cancelled"]').waitFor();
      await otherTab.getByText("You can book 1 more: 2 per person.").waitFor();
      await otherTab
        .getByTestId("held-seats")
        .filter({ hasText: "You hold 1 seat for this event." })
        .waitFor();
      const shot = docsScreenshot("my-bookings.png");
      if (shot) await bob.screenshot({ path: shot, fullPage: true });
      await bob.getByRole("link", { name: title, exact: true }).click();
      await bob
        .getByTestId("held-seats")
        .filter({ hasText: "You hold 1 seat for this event." })
        .waitFor();
      await bob.getByText("You can book 1 more: 2 per person.").waitFor();
      expect(actors.problems).toEqual([]);
    } catch (error) {
      await actors.screenshotAll("per-person limit");
      throw error;
    } finally {
      await actors.close();
    }
  });
});
