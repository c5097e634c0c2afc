import { rmSync } from "node:fs";
import { generateSessionToken, sessionIdOf, type AuthRateLimitConfig } from "@boxoffice/auth";
import { testDatabaseFile, type Driver } from "@boxoffice/db/testing";
import type { Clock, EventFields } from "./commands/index.ts";
import { unwrap } from "./errors.ts";
import { openServices, type ServicesConfig } from "./services/open-services.ts";
import type { OwnedServices, Services } from "./services/services.ts";

export interface TestServices extends OwnedServices {
  /** The file's `file:` URL, for other processes to open. */
  fileUrl: string;
  /** Closes everything and deletes the database directory. */
  destroy(): Promise<void>;
}

const unlimited = { points: 1_000_000, durationSeconds: 1 };
const silent = { warn() {}, info() {} };

/** Rate limits no test reaches: tests about limits set their own. */
export const noRateLimits: AuthRateLimitConfig = {
  loginPerIp: unlimited,
  loginPerAccount: unlimited,
  registerPerIp: unlimited,
  bookingPerUser: unlimited,
  passwordResetPerIp: unlimited,
  passwordResetPerAccount: unlimited,
};

/**
 * Services on an existing database file, for a child process of a multi-process test: quiet,
 * no rate limits, on `clock` when the test drives time.
 */
export function openServicesOnFile(url: string, driver: string | undefined, clock?: Clock) {
  return openServices({
    database: { url, driver: driver === "better-sqlite3" ? "better-sqlite3" : "libsql" },
    logger: silent,
    clock,
    rateLimits: noRateLimits,
  });
}

/** Real services over a fresh, migrated database file in a temporary directory. */
export async function openTestServices(
  options: {
    driver?: Driver;
    clock?: Clock;
    livePollMs?: number;
    redisUrl?: string;
  } & Partial<Pick<ServicesConfig, "rateLimits" | "tickets" | "replayWindow">> = {},
): Promise<TestServices> {
  const file = testDatabaseFile(options.driver);
  const services = await openServices({
    database: file,
    logger: silent,
    livePollMs: options.livePollMs ?? 0,
    redisUrl: options.redisUrl,
    clock: options.clock,
    tickets: options.tickets,
    replayWindow: options.replayWindow,
    rateLimits: options.rateLimits ?? noRateLimits,
  });
  return Object.assign(services, {
    fileUrl: file.url,
    async destroy() {
      await services.close();
      rmSync(file.dir, { recursive: true, force: true });
    },
  });
}

/**
 * What createEvent needs for an event tomorrow with `capacity` seats, nobody limited per
 * person (load tests book many seats as one user); tests override what they are about.
 */
export function eventTomorrow(
  createdBy: number,
  overrides: Partial<EventFields> = {},
): EventFields & { createdBy: number } {
  const startsAt = Date.now() + 86_400_000;
  const capacity = overrides.capacity ?? 100;
  return {
    title: "Test event",
    description: "",
    location: "",
    startsAt,
    endsAt: startsAt + 2 * 3_600_000,
    imageUrl: null,
    tags: [],
    capacity,
    maxSeatsPerBooking: 10,
    maxSeatsPerPerson: capacity,
    ...overrides,
    createdBy,
  };
}

/** Not a real argon2 hash: fixture users sign in with tokens, not passwords. */
const fixturePasswordHash = "fixture-user-without-a-password";

/** A user made through the commands (as an admin when asked), without paying for argon2. */
export async function addTestUser(
  services: Pick<Services, "commands">,
  email: string,
  role: "user" | "admin" = "user",
  passwordHash = fixturePasswordHash,
) {
  const { user } = unwrap(
    await services.commands.registerUser({
      email,
      name: email.split("@")[0] ?? email,
      passwordHash,
    }),
  );
  if (role === "admin") unwrap(await services.commands.setRole({ userId: user.id, role }));
  return { ...user, role };
}

/** A live session for a user, as the token a client would send. */
export async function signInAs(services: Pick<Services, "commands">, userId: number) {
  const token = generateSessionToken();
  unwrap(await services.commands.startSession({ sessionId: sessionIdOf(token), userId }));
  return token;
}

export { unwrap };
export { latestChangeId } from "./live/feed-position.ts";
