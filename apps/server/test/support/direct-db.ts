import { createSession, generateSessionToken } from "@boxoffice/auth";
import { users } from "@boxoffice/db";
import { createTestDatabase, type TestDatabase } from "@boxoffice/db/testing";
import { createBookingCore, type BookingCore } from "@boxoffice/api/core";

/**
 * The test process's own connection to a database file that server processes also use:
 * a second writer on the file, like another instance would be.
 */
export async function sharedDatabase(): Promise<
  TestDatabase & {
    core: BookingCore;
    userWithToken(email: string, role?: "user" | "admin"): Promise<{ id: number; token: string }>;
  }
> {
  const t = await createTestDatabase();
  const core = createBookingCore(t.writer);
  return {
    ...t,
    core,
    async userWithToken(email, role = "user") {
      const [user] = await t.writer.run((tx) =>
        tx.insert(users).values({ email, name: email, passwordHash: "-", role }).returning(),
      );
      if (!user) throw new Error("no user row");
      const token = generateSessionToken();
      await createSession(t.writer, token, user.id);
      return { id: user.id, token };
    },
  };
}

export const tomorrowEvent = (createdBy: number, capacity: number, title = "Live test") => ({
  title,
  description: "",
  location: "",
  startsAt: Date.now() + 86_400_000,
  endsAt: Date.now() + 90_000_000,
  imageUrl: null,
  tags: [],
  capacity,
  maxSeatsPerBooking: 10,
  createdBy,
});
