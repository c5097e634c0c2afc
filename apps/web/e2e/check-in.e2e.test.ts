import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { apiAs } from "./support/api.ts";
import { expectNoAxeViolations } from "./support/axe.ts";
import { Actors, launchChromium, phone } from "./support/browser.ts";
import { signIn } from "./support/app.ts";
import { y4mFromRgba } from "./support/fake-camera.ts";
import { appUnderTest } from "./support/app-under-test.ts";

const docsDir = fileURLToPath(new URL("../../../docs/", import.meta.url));
const poll = { timeout: 20_000, interval: 100 };

/** docs/ screenshots are written when missing or when UPDATE_SCREENSHOTS=1. */
function screenshotPath(name: string): string | undefined {
  const path = `${docsDir}${name}`;
  try {
    readFileSync(path);
    return process.env.UPDATE_SCREENSHOTS === "1" ? path : undefined;
  } catch {
    return path;
  }
}

const app = appUnderTest();
const cameras: Browser[] = [];
const dir = mkdtempSync(join(tmpdir(), "boxoffice-camera-"));

afterAll(async () => {
  await Promise.all(cameras.map((camera) => camera.close()));
  rmSync(dir, { recursive: true, force: true });
});

/** A PNG file (a saved ticket) as a video the fake camera plays: pixels via a page's canvas. */
async function cameraFileFrom(page: Page, png: Buffer, name: string): Promise<string> {
  const { width, height, rgba } = await page.evaluate(
    async (dataUrl) => {
      const image = new Image();
      image.src = dataUrl;
      await image.decode();
      const canvas = document.createElement("canvas");
      // The fake camera wants even dimensions (4:2:0 chroma).
      canvas.width = image.naturalWidth & ~1;
      canvas.height = image.naturalHeight & ~1;
      const context = canvas.getContext("2d");
      if (!context) throw new Error("no canvas");
      context.drawImage(image, 0, 0);
      const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
      // Base64 crosses to the test far faster than an array of two million numbers.
      let binary = "";
      for (let at = 0; at < data.length; at += 0x8000) {
        binary += String.fromCharCode(...data.subarray(at, at + 0x8000));
      }
      return { width: canvas.width, height: canvas.height, rgba: btoa(binary) };
    },
    `data:image/png;base64,${png.toString("base64")}`,
  );
  const file = join(dir, `${name}.y4m`);
  writeFileSync(file, y4mFromRgba(width, height, Buffer.from(rgba, "base64"), 5));
  return file;
}

/** A Chromium whose camera shows `file` (STACK.md: these flags work headless here). */
async function browserWithCamera(file: string): Promise<Browser> {
  const camera = await launchChromium([
    "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream",
    `--use-file-for-fake-video-capture=${file}`,
  ]);
  cameras.push(camera);
  return camera;
}

const result = (page: Page) => page.getByTestId("door-result");
const count = (page: Page) => page.getByTestId("checked-in");

async function openDoor(page: Page, eventId: number) {
  await page.goto(`/events/${eventId}/check-in`);
  await page.getByRole("heading", { level: 1, name: "Check-in" }).waitFor();
  await count(page).filter({ hasText: "/" }).waitFor();
  await page.locator('[data-decoder="ready"]').waitFor({ timeout: 30_000 });
}

describe("tickets at the door, in Chromium with a fake camera", () => {
  it(
    "scans a saved ticket, refuses it twice, keeps scanning offline and syncs",
    { timeout: 240_000 },
    async () => {
      const people = new Actors(app.browser, app.server.url);
      let doorA: Actors | undefined;
      let doorB: Actors | undefined;
      try {
        // An organiser makes an event; Jane books two seats.
        const organiser = await apiAs(app.server.url, "admin@example.com");
        const startsAt = Date.now() + 3 * 86_400_000;
        const event = await organiser.events.create.mutate({
          title: "Door Test Night",
          location: "The Blue Room",
          startsAt,
          endsAt: startsAt + 3 * 3_600_000,
          capacity: 40,
        });
        const jane = await apiAs(app.server.url, "jane@example.com");
        const { booking } = await jane.bookings.create.mutate({
          eventId: event.id,
          seats: 2,
          idempotencyKey: "door-e2e-booking",
        });

        // Jane's ticket view: the reference, one QR per seat; "Save ticket" downloads a PNG.
        const janePage = await people.open(phone);
        await signIn(janePage, "jane@example.com");
        await janePage.goto("/bookings");
        await janePage.getByRole("link", { name: "Tickets for Door Test Night" }).click();
        await janePage
          .getByRole("heading", { level: 1, name: `Tickets ${booking.reference}` })
          .waitFor();
        await expect.poll(() => janePage.locator("img.ticket-qr").count(), poll).toBe(2);
        await expectNoAxeViolations(janePage);
        const ticketsShot = screenshotPath("tickets.png");
        if (ticketsShot) await janePage.screenshot({ path: ticketsShot, fullPage: true });
        const saved: Buffer[] = [];
        for (const seat of [1, 2]) {
          const [download] = await Promise.all([
            janePage.waitForEvent("download"),
            janePage.getByRole("button", { name: `Save ticket for seat ${seat}` }).click(),
          ]);
          expect(download.suggestedFilename()).toBe(`ticket-${booking.reference}-seat-${seat}.png`);
          saved.push(readFileSync(await download.path()));
        }
        const [seatOne, seatTwo] = await Promise.all(
          saved.map((png, i) => cameraFileFrom(janePage, png, `seat-${i + 1}`)),
        );

        // Another scanner (the organiser's) stays open on the door page throughout.
        const watcher = await people.open();
        await signIn(watcher, "admin@example.com");
        await openDoor(watcher, event.id);
        await expect.poll(() => count(watcher).textContent(), poll).toContain("0 / 2 checked in");
        // The organiser adds John to the door staff on the door page.
        await watcher.getByLabel("Email of their account").fill("john@example.com");
        await watcher.getByRole("button", { name: "Add to door staff" }).click();
        await watcher
          .getByRole("list", { name: "Door staff" })
          .getByText("John Doe", { exact: true })
          .waitFor();

        // Door A: John finds the door from My bookings, starts the camera: Jane, seat 1, green.
        doorA = new Actors(await browserWithCamera(seatOne ?? ""), app.server.url);
        const a = await doorA.open();
        await signIn(a, "john@example.com");
        await a.goto("/bookings");
        await a.getByRole("link", { name: "Check in guests: Door Test Night" }).click();
        await openDoor(a, event.id);
        await expectNoAxeViolations(a);
        await a.getByRole("button", { name: "Start camera" }).click();
        await expect.poll(() => result(a).getAttribute("data-kind"), poll).toBe("in");
        expect(await result(a).textContent()).toContain("Jane Roe");
        expect(await result(a).textContent()).toContain("Seat 1 of 2");
        await expect.poll(() => count(a).textContent(), poll).toContain("1 / 2 checked in");
        await expect.poll(() => count(watcher).textContent(), poll).toContain("1 / 2 checked in");
        const doorShot = screenshotPath("check-in.png");
        if (doorShot) await a.screenshot({ path: doorShot, fullPage: true });

        // The same ticket again: red, with when and by whom.
        await a.getByRole("button", { name: "Stop camera" }).click();
        await a.getByRole("button", { name: "Start camera" }).click();
        await expect.poll(() => result(a).getAttribute("data-kind"), poll).toBe("stop");
        expect(await result(a).textContent()).toContain("Already checked in");
        expect(await result(a).textContent()).toContain("by John Doe");
        const refusedShot = screenshotPath("check-in-refused.png");
        if (refusedShot) await result(a).screenshot({ path: refusedShot });
        await a.getByRole("button", { name: "Stop camera" }).click();

        // Door B loses its connection: seat 2 scans green on the device and waits in a queue.
        doorB = new Actors(await browserWithCamera(seatTwo ?? ""), app.server.url);
        const b = await doorB.open();
        await signIn(b, "john@example.com");
        await openDoor(b, event.id);
        // The door says when a reload would work offline: only then does the test cut it off.
        await b.locator('[data-offline="ready"]').waitFor({ timeout: 30_000 });
        await b.context().setOffline(true);
        await b.getByText("Offline: tickets are checked on this device").waitFor();
        await b.getByRole("button", { name: "Start camera" }).click();
        await expect.poll(() => result(b).getAttribute("data-kind"), poll).toBe("in-offline");
        expect(await result(b).textContent()).toContain("Seat 2");
        await b.getByTestId("queued").filter({ hasText: "1 check-in waiting to sync" }).waitFor();
        const offlineShot = screenshotPath("check-in-offline.png");
        if (offlineShot) await b.screenshot({ path: offlineShot, fullPage: true });
        // Still offline, the device refuses the same ticket itself.
        await b.getByRole("button", { name: "Stop camera" }).click();
        await b.getByRole("button", { name: "Start camera" }).click();
        await expect.poll(() => result(b).getAttribute("data-kind"), poll).toBe("stop");
        expect(await result(b).textContent()).toContain("already let in on this device");
        await b.getByRole("button", { name: "Stop camera" }).click();
        expect(await count(watcher).textContent()).toContain("1 / 2 checked in");

        // A reload while offline loses nothing: the page comes back and so does the queue.
        await b.reload();
        await b.getByTestId("queued").filter({ hasText: "1 check-in waiting to sync" }).waitFor();

        // Back online: the queue syncs, and the other scanner's count moves.
        await b.context().setOffline(false);
        await expect.poll(() => b.getByTestId("queued").count(), poll).toBe(0);
        await expect.poll(() => count(watcher).textContent(), poll).toContain("2 / 2 checked in");

        // A conflict: a fresh device scans seat 2 offline after the organiser undid it, while
        // another door lets it in first. At sync the server keeps the first; the list says so.
        const seatTwoTicket = (await jane.bookings.tickets.query({ bookingId: booking.id }))
          .tickets[1];
        await organiser.checkin.undo.mutate({ ticketId: seatTwoTicket?.id ?? 0 });
        const c = await doorB.open();
        await signIn(c, "john@example.com");
        await openDoor(c, event.id);
        await c.context().setOffline(true);
        await c.getByRole("button", { name: "Start camera" }).click();
        await expect.poll(() => result(c).getAttribute("data-kind"), poll).toBe("in-offline");
        await c.getByRole("button", { name: "Stop camera" }).click();
        await organiser.checkin.scan.mutate({ eventId: event.id, code: seatTwoTicket?.code ?? "" });
        await c.context().setOffline(false);
        const conflicts = c.getByTestId("conflicts");
        await conflicts.waitFor(poll);
        expect(await conflicts.textContent()).toContain("Already checked in: Jane Roe, seat 2");

        // Typed at the door and found in the list: a reference lets the next person in.
        await organiser.checkin.undo.mutate({ ticketId: seatTwoTicket?.id ?? 0 });
        await c
          .getByLabel("Booking reference or ticket code")
          .fill(booking.reference.toLowerCase());
        await c.getByRole("button", { name: "Check in", exact: true }).click();
        await expect.poll(() => result(c).getAttribute("data-kind"), poll).toBe("in");
        expect(await result(c).textContent()).toContain("Seat 2 of 2");
        await c.getByLabel("Search by name, email or reference").fill("jane");
        await expect.poll(() => c.getByTestId("attendee").count(), poll).toBe(2);
        await c.getByRole("button", { name: "Undo check-in of Jane Roe, seat 1" }).click();
        await expect.poll(() => count(watcher).textContent(), poll).toContain("1 / 2 checked in");
        await c.getByRole("button", { name: "Check in Jane Roe, seat 1" }).click();
        await expect.poll(() => count(watcher).textContent(), poll).toContain("2 / 2 checked in");

        for (const actors of [people, doorA, doorB]) expect(actors.problems).toEqual([]);
      } catch (error) {
        for (const actors of [people, doorA, doorB]) await actors?.screenshotAll("check-in");
        throw error;
      } finally {
        for (const actors of [people, doorA, doorB]) await actors?.close();
      }
    },
  );
});
