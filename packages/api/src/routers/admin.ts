import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { bookingLogActions } from "@boxoffice/db";
import { unwrap } from "../errors.ts";
import { cursor, id, pageSize, searchText } from "../inputs.ts";
import { listAuditLog, listUsers, readStats } from "../queries/admin.ts";
import { adminProcedure } from "../trpc.ts";
import { withValidCursor } from "./cursor-errors.ts";

const setRole = (role: "user" | "admin") =>
  adminProcedure.input(z.object({ userId: id })).mutation(async ({ ctx, input }) => {
    const { user } = unwrap(
      await ctx.services.commands.setRole({ userId: input.userId, role, actorId: ctx.user.id }),
    );
    return user;
  });

export const adminRouter = {
  users: {
    list: adminProcedure
      .input(
        z.object({ search: searchText.optional(), cursor, limit: pageSize }).default({ limit: 20 }),
      )
      .query(({ ctx, input }) => withValidCursor(() => listUsers(ctx.services.db, input))),
    promote: setRole("admin"),
    /** Signs the user out everywhere; the last admin cannot be demoted. */
    demote: setRole("user"),
  },

  stats: adminProcedure.query(({ ctx }) => readStats(ctx.services.db, ctx.services.clock())),

  auditLog: adminProcedure
    .input(
      z
        .object({
          eventId: id.optional(),
          userId: id.optional(),
          action: z.enum(bookingLogActions).optional(),
          cursor,
          limit: pageSize,
        })
        .default({ limit: 20 }),
    )
    .query(({ ctx, input }) => withValidCursor(() => listAuditLog(ctx.services.db, input))),
} satisfies TRPCRouterRecord;
