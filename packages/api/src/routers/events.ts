import { TRPCError, type TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import type { Context } from "../context.ts";
import { refusalError } from "../errors.ts";
import { canManageEvent } from "../permissions.ts";
import {
  createEventInput,
  cursor,
  id,
  pageSize,
  searchText,
  tags,
  timestamp,
  updateEventInput,
} from "../inputs.ts";
import { eventSorts, findEvent, listEvents } from "../queries/events.ts";
import { withValidCursor } from "./cursor-errors.ts";
import { lastEventId, streamChanges } from "./live.ts";
import { seatChangeOf } from "../live/changes.ts";
import { adminProcedure, publicProcedure, userProcedure } from "../trpc.ts";

/** The event, when the signed-in user may manage it (see canManageEvent). */
export async function eventManagedBy(
  ctx: Context & { user: NonNullable<Context["user"]> },
  eventId: number,
) {
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

export const eventsRouter = {
  list: publicProcedure
    .input(
      z
        .object({
          search: searchText.optional(),
          tags: tags.optional(),
          from: timestamp.optional(),
          to: timestamp.optional(),
          when: z.enum(["upcoming", "past", "all"]).default("upcoming"),
          sort: z.enum(eventSorts).default("soonest"),
          cursor,
          limit: pageSize,
        })
        .default({ when: "upcoming", sort: "soonest", limit: 20 }),
    )
    .query(({ ctx, input }) =>
      withValidCursor(() => listEvents(ctx.services.db, { ...input, now: ctx.services.clock() })),
    ),

  /** Seat changes of the given events (or all), live; resumable with lastEventId. */
  onSeats: publicProcedure
    .input(z.object({ eventIds: z.array(id).min(1).max(100).optional(), lastEventId }).default({}))
    .subscription(({ ctx, input, signal }) => {
      const wanted = input.eventIds ? new Set(input.eventIds) : null;
      return streamChanges({
        ctx,
        signal,
        lastEventId: input.lastEventId,
        accept: (log) => !wanted || wanted.has(log.eventId),
        replayWhere: { eventIds: input.eventIds },
        toData: seatChangeOf,
      });
    }),

  byId: publicProcedure.input(z.object({ id })).query(async ({ ctx, input }) => {
    const event = await findEvent(ctx.services.db, input.id);
    if (!event) throw refusalError({ code: "NOT_FOUND", entity: "event" });
    return event;
  }),

  create: adminProcedure
    .input(createEventInput)
    .mutation(({ ctx, input }) =>
      ctx.services.core.createEvent({ ...input, createdBy: ctx.user.id }),
    ),

  update: userProcedure.input(updateEventInput).mutation(async ({ ctx, input }) => {
    await eventManagedBy(ctx, input.id);
    const result = await ctx.services.core.updateEvent({
      eventId: input.id,
      changes: input.changes,
      actorId: ctx.user.id,
    });
    if (!result.ok) throw refusalError(result.failure);
    ctx.services.feed.committed(result.logs);
    return result.event;
  }),

  /** With confirmed bookings only an admin may delete, with `force`, which cancels them. */
  delete: userProcedure
    .input(z.object({ id, force: z.boolean().default(false) }))
    .mutation(async ({ ctx, input }) => {
      await eventManagedBy(ctx, input.id);
      if (input.force && ctx.user.role !== "admin") {
        throw new TRPCError({
          code: "FORBIDDEN",
          message: "Only an admin can force-delete an event with bookings.",
        });
      }
      const result = await ctx.services.core.deleteEvent({
        eventId: input.id,
        force: input.force,
        actorId: ctx.user.id,
      });
      if (!result.ok) throw refusalError(result.failure);
      ctx.services.feed.committed(result.logs);
      return { id: input.id, cancelledBookings: result.cancelledBookings.length };
    }),
} satisfies TRPCRouterRecord;
