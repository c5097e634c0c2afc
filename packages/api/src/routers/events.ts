import { TRPCError, type TRPCRouterRecord } from "@trpc/server";
import { isNotNull } from "drizzle-orm";
import { z, ZodRealError } from "zod";
import { bookingLogs } from "@boxoffice/db";
import { refusalError, unwrap } from "../errors.ts";
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
import { eventSorts, findEvent, listEvents, listTags } from "../queries/events.ts";
import { withValidCursor } from "./cursor-errors.ts";
import { eventManagedBy } from "./guards.ts";
import { eventStaffRouter } from "./event-staff.ts";
import { lastEventId, streamChanges } from "./live.ts";
import { isEventLog, seatChangeOf, type EventLog } from "../live/changes.ts";
import { atFeedPosition, readFeedPosition } from "../live/feed-position.ts";
import { adminProcedure, publicProcedure, userProcedure } from "../trpc.ts";

/** Which events a list shows, by start time. */
const eventsWhen = z.enum(["upcoming", "past", "all"]).default("upcoming");

/** New events start in the future (sample data and imports may hold past ones). */
function startsInThePast() {
  const message = "Pick a start time in the future: this moment has already passed.";
  return new TRPCError({
    code: "BAD_REQUEST",
    message,
    cause: new ZodRealError([{ code: "custom", path: ["startsAt"], message, input: undefined }]),
  });
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
          when: eventsWhen,
          sort: z.enum(eventSorts).default("soonest"),
          cursor,
          limit: pageSize,
        })
        .default({ when: "upcoming", sort: "soonest", limit: 20 }),
    )
    .query(async ({ ctx, input }) => {
      // Read before the page: subscribing from it (lastEventId) then misses no change.
      const feedPosition = await readFeedPosition(ctx.services.db);
      const page = await withValidCursor(() =>
        listEvents(ctx.services.db, { ...input, now: ctx.services.clock() }),
      );
      return atFeedPosition(page, feedPosition);
    }),

  /** Every tag in use with how many events carry it, for the tag filter. */
  tags: publicProcedure
    .input(z.object({ when: eventsWhen }).default({ when: "upcoming" }))
    .query(({ ctx, input }) =>
      listTags(ctx.services.db, { when: input.when, now: ctx.services.clock() }),
    ),

  /**
   * Seat changes of the given events (or all), live. Resumable: pass the last change's id, or
   * the feedPosition of the snapshot being shown, as lastEventId.
   */
  onSeats: publicProcedure
    .input(z.object({ eventIds: z.array(id).min(1).max(100).optional(), lastEventId }).default({}))
    .subscription(({ ctx, input, signal }) => {
      const wanted = input.eventIds ? new Set(input.eventIds) : null;
      return streamChanges({
        ctx,
        signal,
        lastEventId: input.lastEventId,
        // Changes that concern no event (a role change) are not seat changes.
        accept: (log): log is EventLog => isEventLog(log) && (!wanted || wanted.has(log.eventId)),
        replayWhere: { eventIds: input.eventIds, filter: isNotNull(bookingLogs.eventId) },
        toData: seatChangeOf,
      });
    }),

  byId: publicProcedure.input(z.object({ id })).query(async ({ ctx, input }) => {
    const feedPosition = await readFeedPosition(ctx.services.db);
    const event = await findEvent(ctx.services.db, input.id);
    if (!event) throw refusalError({ code: "NOT_FOUND", entity: "event" });
    return atFeedPosition(event, feedPosition);
  }),

  create: adminProcedure.input(createEventInput).mutation(async ({ ctx, input }) => {
    if (input.startsAt <= ctx.services.clock()) throw startsInThePast();
    const { event } = unwrap(
      await ctx.services.commands.createEvent({
        ...input,
        timezone: input.timezone ?? ctx.services.defaultTimezone,
        createdBy: ctx.user.id,
      }),
    );
    return event;
  }),

  update: userProcedure.input(updateEventInput).mutation(async ({ ctx, input }) => {
    await eventManagedBy(ctx, input.id);
    const { event } = unwrap(
      await ctx.services.commands.updateEvent({
        eventId: input.id,
        changes: input.changes,
        actorId: ctx.user.id,
      }),
    );
    return event;
  }),

  /**
   * Cancels an event (admin or creator): it stays, marked cancelled with the message; its
   * bookings become cancelled_by_organiser, their holders are told live and by email.
   */
  cancel: userProcedure
    .input(
      z.object({
        id,
        message: z
          .string()
          .trim()
          .min(1, "Tell the people who booked why the event is cancelled.")
          .max(2_000, "Keep the message to 2,000 characters."),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await eventManagedBy(ctx, input.id);
      const { event, cancelledBookings } = unwrap(
        await ctx.services.commands.cancelEvent({
          eventId: input.id,
          message: input.message,
          actorId: ctx.user.id,
        }),
      );
      return { event, cancelledBookings };
    }),

  /**
   * Deletes an event nobody holds seats for (admin or creator); one with confirmed bookings
   * is refused (HAS_BOOKINGS: cancel it instead). A cancelled event, whose bookings its
   * holders still see as cancelled by the organiser, can be purged by an admin only.
   */
  delete: userProcedure.input(z.object({ id })).mutation(async ({ ctx, input }) => {
    const event = await eventManagedBy(ctx, input.id);
    if (event.status === "cancelled" && ctx.user.role !== "admin") {
      throw new TRPCError({
        code: "FORBIDDEN",
        message:
          "Only an admin can delete a cancelled event (its holders still see their bookings).",
      });
    }
    unwrap(await ctx.services.commands.deleteEvent({ eventId: input.id, actorId: ctx.user.id }));
    return { id: input.id };
  }),

  /** Door staff of an event: add, remove, list (admins and the event's creator). */
  staff: eventStaffRouter,
} satisfies TRPCRouterRecord;
