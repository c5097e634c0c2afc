import { TRPCError } from "@trpc/server";
import type { Context } from "../context.ts";
import { refusalError } from "../errors.ts";
import { canManageEvent, canScanTickets } from "../permissions.ts";
import { findEvent } from "../queries/events.ts";
import { isEventStaff } from "../queries/tickets.ts";

type SignedIn = Context & { user: NonNullable<Context["user"]> };

/** The event, when the signed-in user may manage it (see canManageEvent). */
export async function eventManagedBy(ctx: SignedIn, eventId: number) {
  const event = await findEvent(ctx.services.db, eventId);
  if (!event) throw refusalError({ code: "NOT_FOUND", entity: "event" });
  if (!canManageEvent(ctx.user, event)) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: "Only an admin or the event's creator can do this.",
    });
  }
  return event;
}

/** The event, when the signed-in user may check its tickets in (see canScanTickets). */
export async function eventScannedBy(ctx: SignedIn, eventId: number) {
  const event = await findEvent(ctx.services.db, eventId);
  if (!event) throw refusalError({ code: "NOT_FOUND", entity: "event" });
  const staff =
    !canManageEvent(ctx.user, event) && (await isEventStaff(ctx.services.db, eventId, ctx.user.id));
  if (!canScanTickets(ctx.user, event, staff)) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: "Only an admin, the event's creator or its door staff can check tickets in.",
    });
  }
  return event;
}
