import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { bookingLogActions } from "@boxoffice/db";
import { refusalError, unwrap } from "../errors.ts";
import { cursor, id, pageSize, searchText } from "../inputs.ts";
import { listAuditLog, listUsers, readStats } from "../queries/admin.ts";
import { findOutboxMessage, listOutbox } from "../queries/outbox.ts";
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

  /** The outbox as a mailbox: every message with its status, and what was sent. */
  emails: {
    list: adminProcedure
      .input(
        z
          .object({
            status: z.enum(["pending", "sent", "dead", "cancelled"]).optional(),
            cursor,
            limit: pageSize,
          })
          .default({ limit: 20 }),
      )
      .query(({ ctx, input }) => withValidCursor(() => listOutbox(ctx.services.db, input))),
    byId: adminProcedure.input(z.object({ id })).query(async ({ ctx, input }) => {
      const message = await findOutboxMessage(ctx.services.db, input.id);
      if (!message) throw refusalError({ code: "NOT_FOUND", entity: "message" });
      return message;
    }),
    /** A dead message is tried again from its first attempt. */
    retry: adminProcedure.input(z.object({ id })).mutation(async ({ ctx, input }) => {
      unwrap(await ctx.services.commands.retryOutboxMessage({ id: input.id }));
      const message = await findOutboxMessage(ctx.services.db, input.id);
      if (!message) throw refusalError({ code: "NOT_FOUND", entity: "message" });
      return message;
    }),
  },
} satisfies TRPCRouterRecord;
