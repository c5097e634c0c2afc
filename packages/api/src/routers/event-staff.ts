import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { refusalError, unwrap } from "../errors.ts";
import { email, id } from "../inputs.ts";
import { listEventStaff } from "../queries/tickets.ts";
import { findUserByEmail } from "../queries/users.ts";
import { userProcedure } from "../trpc.ts";
import { eventManagedBy } from "./guards.ts";

const staffInput = z.object({ eventId: id, email });

/**
 * Door staff: people an event's organiser lets check its tickets in (and nothing else).
 * Managed by admins and the event's creator; someone must have an account to be added.
 */
export const eventStaffRouter = {
  add: userProcedure.input(staffInput).mutation(async ({ ctx, input }) => {
    await eventManagedBy(ctx, input.eventId);
    const user = await findUserByEmail(ctx.services.db, input.email);
    if (!user) throw refusalError({ code: "NOT_FOUND", entity: "user" });
    const { added } = unwrap(
      await ctx.services.commands.addEventStaff({
        eventId: input.eventId,
        userId: user.id,
        addedBy: ctx.user.id,
      }),
    );
    return { user: { id: user.id, name: user.name, email: user.email }, added };
  }),

  remove: userProcedure.input(staffInput).mutation(async ({ ctx, input }) => {
    await eventManagedBy(ctx, input.eventId);
    const user = await findUserByEmail(ctx.services.db, input.email);
    if (!user) throw refusalError({ code: "NOT_FOUND", entity: "user" });
    const { removed } = unwrap(
      await ctx.services.commands.removeEventStaff({ eventId: input.eventId, userId: user.id }),
    );
    return { removed };
  }),

  list: userProcedure.input(z.object({ eventId: id })).query(async ({ ctx, input }) => {
    await eventManagedBy(ctx, input.eventId);
    return listEventStaff(ctx.services.db, input.eventId);
  }),
} satisfies TRPCRouterRecord;
