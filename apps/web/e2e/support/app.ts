import type { Page } from "playwright-core";

/** What people do in the app, in the words the UI uses (labels, roles, button text). */

export async function signIn(page: Page, email: string, password = "password123") {
  if (!new URL(page.url()).pathname.startsWith("/sign-in")) await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Sign out" }).waitFor();
}

/** The big number on an event page. */
export async function seatsOnEventPage(page: Page): Promise<number> {
  const text = (await page.getByTestId("seat-count").locator("strong").textContent()) ?? "";
  return Number(text.replace(/\D/g, ""));
}

/** The seats-left badge of one card on the events list. */
export function cardBadge(page: Page, title: string) {
  return page.locator("article.event-card", { hasText: title }).getByTestId("seats");
}

export async function openEvent(page: Page, title: string) {
  await page.goto("/");
  await page.getByRole("link", { name: title }).click();
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
  await page.getByTestId("seat-count").waitFor();
}

export async function bookSeats(page: Page, seats: number) {
  await page.getByRole("spinbutton", { name: "Seats" }).fill(String(seats));
  await page.getByRole("button", { name: `Book ${seats} seat${seats === 1 ? "" : "s"}` }).click();
}

/** Waits until the header says the live connection is up. */
export async function waitUntilLive(page: Page) {
  await page.locator('.live-status[data-state="connected"]').waitFor();
}

/** Every admin page, with the edit and bookings pages of the event called `title`. */
export async function adminPages(page: Page, title: string): Promise<string[]> {
  await page.goto("/admin/events");
  const edit = page.getByRole("link", { name: `Edit ${title}` });
  const href = (await edit.getAttribute("href")) ?? "";
  const id = /\/admin\/events\/(\d+)\/edit/.exec(href)?.[1];
  if (!id) throw new Error(`no edit link for ${title}`);
  return [
    "/admin",
    "/admin/events",
    "/admin/events/new",
    `/admin/events/${id}/edit`,
    `/admin/events/${id}/bookings`,
    "/admin/users",
    "/admin/emails",
    "/admin/audit",
  ];
}
