import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { unwrap } from "../errors.ts";
import { cursor, id, idempotencyKey, pageSize } from "../inputs.ts";
import { waitlistOfEvent, waitlistOfUser } from "../queries/waitlist.ts";
import { enforceRateLimit, userProcedure } from "../trpc.ts";
import { withValidCursor } from "./cursor-errors.ts";
import { eventManagedBy } from "./guards.ts";

const seats = z.number().int().min(1).max(100);

export const waitlistRouter = {
  /** Refused while the event can give the seats now: then they are told to book them. */
  join: userProcedure.input(z.object({ eventId: id, seats })).mutation(async ({ ctx, input }) => {
    await enforceRateLimit(ctx.services.limits.bookingPerUser, String(ctx.user.id));
    const { entry } = unwrap(
      await ctx.services.commands.joinWaitlist({ ...input, userId: ctx.user.id }),
    );
    return entry;
  }),

  /** Off the event's list; holding an offer, leaving declines it (the seats move on). */
  leave: userProcedure.input(z.object({ eventId: id })).mutation(async ({ ctx, input }) => {
    const { entry } = unwrap(
      await ctx.services.commands.leaveWaitlist({ ...input, userId: ctx.user.id }),
    );
    return entry;
  }),

  /** My places in line (with live position) and open offers. */
  mine: userProcedure.query(({ ctx }) =>
    waitlistOfUser(ctx.services.db, ctx.user.id, ctx.services.clock()),
  ),

  /** The offer's seats become a booking; a retry with the same key returns that booking. */
  claim: userProcedure
    .input(z.object({ offerId: id, idempotencyKey }))
    .mutation(async ({ ctx, input }) => {
      await enforceRateLimit(ctx.services.limits.bookingPerUser, String(ctx.user.id));
      const { booking, replayed } = unwrap(
        await ctx.services.commands.claimOffer({ ...input, userId: ctx.user.id }),
      );
      return { booking, replayed };
    }),

  decline: userProcedure.input(z.object({ offerId: id })).mutation(async ({ ctx, input }) => {
    const { entry } = unwrap(
      await ctx.services.commands.declineOffer({ ...input, userId: ctx.user.id }),
    );
    return entry;
  }),

  /** Who is waiting, in line order: admins and the event's creator. */
  forEvent: userProcedure
    .input(z.object({ eventId: id, cursor, limit: pageSize }))
    .query(async ({ ctx, input }) => {
      await eventManagedBy(ctx, input.eventId);
      return withValidCursor(() => waitlistOfEvent(ctx.services.db, input.eventId, input));
    }),
} satisfies TRPCRouterRecord;
