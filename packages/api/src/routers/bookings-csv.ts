import { TRPCError } from "@trpc/server";
import type { Context } from "../context.ts";
import { bookingsCsv } from "../exports/bookings-csv.ts";
import { eventManagedBy } from "./guards.ts";

/**
 * The CSV download's one permission check and one read, for the HTTP route beside tRPC:
 * the same rule as `bookings.forEvent`, refused with the same TRPCError, which the route
 * turns into its HTTP status.
 */
export async function bookingsCsvFor(ctx: Context, eventId: number) {
  if (!ctx.user)
    throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to download bookings." });
  const event = await eventManagedBy({ ...ctx, user: ctx.user }, eventId);
  return bookingsCsv(ctx.services.db, event);
}
