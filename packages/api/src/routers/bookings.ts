import { TRPCError, type TRPCRouterRecord } from "@trpc/server";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { bookingLogs } from "@boxoffice/db";
import { refusalError, unwrap } from "../errors.ts";
import { canManageEvent, canSeeBooking } from "../permissions.ts";
import { cursor, id, idempotencyKey, pageSize } from "../inputs.ts";
import {
  findBooking,
  heldForEvent,
  listBookingsOfEvent,
  listBookingsOfUser,
} from "../queries/bookings.ts";
import { findEvent } from "../queries/events.ts";
import { enforceRateLimit, userProcedure } from "../trpc.ts";
import { withValidCursor } from "./cursor-errors.ts";
import { eventManagedBy } from "./guards.ts";
import { bookingTickets } from "./booking-tickets.ts";
import { lastEventId, sessionStillStands, streamChanges } from "./live.ts";
import {
  bookingChangeOf,
  isEventLog,
  isOwnAction,
  ownActions,
  type EventLog,
} from "../live/changes.ts";
import { readFeedPosition } from "../live/feed-position.ts";

const status = z.enum(["confirmed", "cancelled"]).optional();
const notYours = () =>
  new TRPCError({ code: "NOT_FOUND", message: "That booking does not exist or is not yours." });

export const bookingsRouter = {
  /** Retrying with the same idempotencyKey returns the first booking instead of a second. */
  create: userProcedure
    .input(z.object({ eventId: id, seats: z.number().int().min(1).max(100), idempotencyKey }))
    .mutation(async ({ ctx, input }) => {
      await enforceRateLimit(ctx.services.limits.bookingPerUser, String(ctx.user.id));
      const result = unwrap(
        await ctx.services.commands.reserveSeats({ ...input, userId: ctx.user.id }),
      );
      const availableSeats =
        result.logs[0]?.availableAfter ??
        (await findEvent(ctx.services.db, input.eventId))?.availableSeats ??
        0;
      return { booking: result.booking, replayed: result.replayed, availableSeats };
    }),

  /** The holder or an admin. */
  cancel: userProcedure.input(z.object({ id })).mutation(async ({ ctx, input }) => {
    const booking = await findBooking(ctx.services.db, input.id);
    if (!booking || !canSeeBooking(ctx.user, booking)) throw notYours();
    const { booking: cancelled } = unwrap(
      await ctx.services.commands.cancelBooking({ bookingId: input.id, actorId: ctx.user.id }),
    );
    return cancelled;
  }),

  /** The holder or an admin; anyone else is told it does not exist. */
  byId: userProcedure.input(z.object({ id })).query(async ({ ctx, input }) => {
    const feedPosition = await readFeedPosition(ctx.services.db);
    const booking = await findBooking(ctx.services.db, input.id);
    if (!booking || !canSeeBooking(ctx.user, booking)) throw notYours();
    return { ...booking, feedPosition };
  }),

  /** With feedPosition, where onMine (and onSeats, for the events' seats) resume from. */
  mine: userProcedure
    .input(z.object({ status, cursor, limit: pageSize }).default({ limit: 20 }))
    .query(async ({ ctx, input }) => {
      const feedPosition = await readFeedPosition(ctx.services.db);
      const page = await withValidCursor(() =>
        listBookingsOfUser(ctx.services.db, ctx.user.id, input),
      );
      return { ...page, feedPosition };
    }),

  /**
   * The seats the signed-in user holds for one event (confirmed bookings, and seats the
   * waiting list offers them), which count towards its per-person limit.
   */
  heldForEvent: userProcedure.input(z.object({ eventId: id })).query(async ({ ctx, input }) => {
    if (!(await findEvent(ctx.services.db, input.eventId))) {
      throw refusalError({ code: "NOT_FOUND", entity: "event" });
    }
    return heldForEvent(ctx.services.db, input.eventId, ctx.user.id);
  }),

  /**
   * Changes to the signed-in user's bookings (booked, cancelled by anyone) and waiting-list
   * places (joined, left, offers made, claimed, declined, expired), resumable.
   */
  onMine: userProcedure
    .input(z.object({ lastEventId }).default({}))
    .subscription(({ ctx, input, signal }) => {
      const userId = ctx.user.id;
      const own = and(eq(bookingLogs.userId, userId), inArray(bookingLogs.action, ownActions));
      return streamChanges({
        ctx,
        signal,
        lastEventId: input.lastEventId,
        accept: (log): log is EventLog =>
          isEventLog(log) && log.userId === userId && isOwnAction(log.action),
        replayWhere: { filter: own },
        toData: bookingChangeOf,
        stillAllowed: sessionStillStands(ctx),
      });
    }),

  /**
   * A booking's tickets, each with the signed token its QR code shows (void tickets have
   * none): the holder, an admin, or the event's organiser.
   */
  tickets: userProcedure.input(z.object({ bookingId: id })).query(async ({ ctx, input }) => {
    const booking = await findBooking(ctx.services.db, input.bookingId);
    const event = booking && (await findEvent(ctx.services.db, booking.eventId));
    if (!booking || !event) throw notYours();
    if (!canSeeBooking(ctx.user, booking) && !canManageEvent(ctx.user, event)) throw notYours();
    return bookingTickets(ctx.services, booking, event);
  }),

  /** Who booked: admins and the event's creator. */
  forEvent: userProcedure
    .input(z.object({ eventId: id, status, cursor, limit: pageSize }))
    .query(async ({ ctx, input }) => {
      await eventManagedBy(ctx, input.eventId);
      return withValidCursor(() => listBookingsOfEvent(ctx.services.db, input.eventId, input));
    }),
} satisfies TRPCRouterRecord;
