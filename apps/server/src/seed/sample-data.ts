import { count } from "drizzle-orm";
import { users, type Event } from "@boxoffice/db";
import { hashPassword } from "@boxoffice/auth";
import type { Services } from "@boxoffice/api";

export const samplePassword = "password123";
export const sampleAccounts = [
  { email: "admin@example.com", name: "Ada Admin", role: "admin" },
  { email: "john@example.com", name: "John Doe", role: "user" },
  { email: "jane@example.com", name: "Jane Roe", role: "user" },
  { email: "bob@example.com", name: "Bob Smith", role: "user" },
] as const;

const hour = 3_600_000;
const day = 24 * hour;

/** Upcoming and past events across tags, one nearly sold out, one sold out. */
function sampleEvents(now: number) {
  const at = (days: number, hourOfDay: number) => {
    const date = new Date(now + days * day);
    date.setUTCHours(hourOfDay, 0, 0, 0);
    return date.getTime();
  };
  return [
    {
      title: "TypeScript Meetup: Types at Scale",
      location: "Berlin, Factory Görlitzer Park",
      days: 3,
      hourOfDay: 18,
      capacity: 80,
      tags: ["tech", "meetup"],
      description: "Lightning talks on large TypeScript codebases, then pizza.",
    },
    {
      title: "Jazz Night at the Blue Room",
      location: "Amsterdam, Blue Room",
      days: 5,
      hourOfDay: 20,
      capacity: 120,
      tags: ["music", "jazz"],
      description: "A quartet playing standards and new compositions.",
    },
    {
      title: "Sunrise Yoga in the Park",
      location: "London, Regent's Park",
      days: 2,
      hourOfDay: 6,
      capacity: 30,
      tags: ["wellness", "outdoor"],
      description: "Bring a mat; tea afterwards.",
    },
    {
      title: "Intro to Pottery",
      location: "Lisbon, Clay Studio",
      days: 9,
      hourOfDay: 10,
      capacity: 12,
      maxSeatsPerBooking: 2,
      tags: ["workshop", "art"],
      description: "Hands-on wheel throwing for beginners.",
    },
    {
      title: "City Marathon Pasta Party",
      location: "Paris, Hôtel de Ville",
      days: 14,
      hourOfDay: 19,
      capacity: 400,
      tags: ["sport", "food"],
      description: "Carb-loading the night before the race.",
    },
    {
      title: "Founders' Breakfast",
      location: "Berlin, Mitte",
      days: 7,
      hourOfDay: 8,
      capacity: 2,
      tags: ["business", "meetup"],
      description: "Small-table breakfast for early-stage founders.",
    },
    {
      title: "Open-Air Cinema: Classics",
      location: "Vienna, Augarten",
      days: 21,
      hourOfDay: 21,
      capacity: 250,
      tags: ["film", "outdoor"],
      description: "Deckchairs, popcorn and a 1950s classic.",
    },
    {
      title: "Rust & Coffee",
      location: "Zürich, Kafi Züri",
      days: 30,
      hourOfDay: 9,
      capacity: 40,
      tags: ["tech", "meetup"],
      description: "Casual Rust talk over coffee.",
    },
    {
      title: "Chamber Music Matinee",
      location: "Prague, Rudolfinum",
      days: 45,
      hourOfDay: 15,
      capacity: 150,
      tags: ["music", "classical"],
      description: "Dvořák and Janáček string quartets.",
    },
    {
      title: "Street Food Festival",
      location: "Barcelona, Poblenou",
      days: -3,
      hourOfDay: 12,
      capacity: 500,
      tags: ["food", "outdoor"],
      description: "Last season's festival (past event).",
    },
    {
      title: "Winter Hackathon",
      location: "Oslo, Startuplab",
      days: -20,
      hourOfDay: 9,
      capacity: 60,
      tags: ["tech", "workshop"],
      description: "48 hours of building (past event).",
    },
  ].map(({ days, hourOfDay, ...event }) => ({
    maxSeatsPerBooking: 10,
    imageUrl: null,
    ...event,
    startsAt: at(days, hourOfDay),
    endsAt: at(days, hourOfDay) + 3 * hour,
  }));
}

/** Seeds only an empty database (no users); resolves with what it created, or null. */
export async function seedSampleDataIfEmpty(services: Services) {
  const [row] = await services.db.select({ n: count() }).from(users);
  if ((row?.n ?? 0) > 0) return null;

  const ids: number[] = [];
  const passwordHash = await hashPassword(samplePassword);
  for (const account of sampleAccounts) {
    const result = await services.commands.registerUser({ ...account, passwordHash });
    if (!result.ok) return null; // another process seeded concurrently
    if (account.role === "admin")
      await services.commands.setRole({ userId: result.user.id, role: "admin" });
    ids.push(result.user.id);
  }
  const [adminId = 0, johnId = 0, janeId = 0, bobId = 0] = ids;

  const now = services.clock();
  const created: Event[] = [];
  for (const event of sampleEvents(now)) {
    const result = await services.commands.createEvent({ ...event, createdBy: adminId });
    if (!result.ok) throw new Error(`sample event refused: ${result.failure.code}`);
    created.push(result.event);
  }
  const book = (eventIndex: number, userId: number, seats: number) => {
    const event = created[eventIndex];
    if (!event || event.startsAt <= now) return;
    return services.commands.reserveSeats({
      eventId: event.id,
      userId,
      seats,
      idempotencyKey: `seed-${eventIndex}-${userId}`,
    });
  };
  await book(0, johnId, 2);
  await book(0, janeId, 1);
  await book(1, bobId, 4);
  await book(3, janeId, 2);
  await book(5, johnId, 1);
  await book(5, bobId, 1);
  return {
    accounts: sampleAccounts.map((a) => a.email),
    password: samplePassword,
    events: created.length,
  };
}
