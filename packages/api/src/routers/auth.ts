import { TRPCError, type TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import {
  generatePasswordResetToken,
  generateSessionToken,
  hashPassword,
  passwordResetIdOf,
  serializeBlankSessionCookie,
  serializeSessionCookie,
  sessionIdOf,
} from "@boxoffice/auth";
import type { Context } from "../context.ts";
import { refusalError, unwrap } from "../errors.ts";
import { email, password } from "../inputs.ts";
import { authenticate, isCurrentPassword } from "../queries/users.ts";
import { isResetLinkUsable } from "../queries/password-resets.ts";
import { enforceRateLimit, publicProcedure, userProcedure } from "../trpc.ts";
import { onSession } from "./on-session.ts";

/** Starts a session: the cookie for browsers, and the token in the body when asked for. */
async function startSession(ctx: Context, userId: number, returnToken: boolean) {
  const token = generateSessionToken();
  const { session } = unwrap(
    await ctx.services.commands.startSession({ sessionId: sessionIdOf(token), userId }),
  );
  ctx.setCookie(
    serializeSessionCookie(token, session.expiresAt, { secure: ctx.services.secureCookies }),
  );
  return { token: returnToken ? token : null, expiresAt: session.expiresAt };
}

const returnToken = z
  .boolean()
  .default(false)
  .describe("Also return the session token, for API clients that send it as a Bearer token.");

export const authRouter = {
  register: publicProcedure
    .input(
      z.object({
        email,
        name: z.string().trim().min(1, "Tell us your name.").max(100),
        password,
        returnToken,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await enforceRateLimit(ctx.services.limits.registerPerIp, ctx.clientIp);
      // Hashed before the command: the writer's transaction never waits on argon2.
      const passwordHash = await hashPassword(input.password);
      const { user } = unwrap(
        await ctx.services.commands.registerUser({
          email: input.email,
          name: input.name,
          passwordHash,
        }),
      );
      return { user, ...(await startSession(ctx, user.id, input.returnToken)) };
    }),

  login: publicProcedure
    .input(z.object({ email, password: z.string().min(1).max(256), returnToken }))
    .mutation(async ({ ctx, input }) => {
      const { limits } = ctx.services;
      await enforceRateLimit(limits.loginPerIp, ctx.clientIp);
      await enforceRateLimit(limits.loginPerAccount, input.email);
      const user = await authenticate(ctx.services.db, input);
      // One answer for an unknown email and a wrong password: no account enumeration.
      if (!user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Wrong email or password." });
      await limits.loginPerAccount.reset(input.email);
      return { user, ...(await startSession(ctx, user.id, input.returnToken)) };
    }),

  logout: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.session) await ctx.services.commands.endSession({ sessionId: ctx.session.id });
    ctx.setCookie(serializeBlankSessionCookie({ secure: ctx.services.secureCookies }));
    return { ok: true as const };
  }),

  me: publicProcedure.query(({ ctx }) => ctx.user),

  /** `me` now and after every change to the account (WebSocket); see on-session.ts. */
  onSession,

  /** Signs out every other session: whoever knew the old password loses access. */
  changePassword: userProcedure
    .input(z.object({ currentPassword: z.string().min(1).max(256), newPassword: password }))
    .mutation(async ({ ctx, input }) => {
      await enforceRateLimit(ctx.services.limits.loginPerAccount, ctx.user.email);
      if (!(await isCurrentPassword(ctx.services.db, ctx.user.id, input.currentPassword))) {
        throw new TRPCError({
          code: "UNAUTHORIZED",
          message: "Your current password is not right.",
        });
      }
      unwrap(
        await ctx.services.commands.changePassword({
          userId: ctx.user.id,
          passwordHash: await hashPassword(input.newPassword),
          keepSessionId: ctx.session.id,
        }),
      );
      return { ok: true as const };
    }),

  /**
   * "Forgot password": emails a link that works once, for 60 minutes. The answer is the same
   * whether or not the email has an account, and so is the work done before it (a token is
   * made and the request goes through the writer either way), so neither the answer nor
   * its timing says which emails are registered.
   */
  requestPasswordReset: publicProcedure
    .input(z.object({ email }))
    .mutation(async ({ ctx, input }) => {
      const { limits } = ctx.services;
      await enforceRateLimit(limits.passwordResetPerIp, ctx.clientIp);
      await enforceRateLimit(limits.passwordResetPerAccount, input.email);
      const token = generatePasswordResetToken();
      unwrap(
        await ctx.services.commands.requestPasswordReset({
          email: input.email,
          token,
          resetId: passwordResetIdOf(token),
        }),
      );
      return {
        ok: true as const,
        message:
          "If an account uses this email, a reset link is on its way. It works for 60 minutes.",
      };
    }),

  /** Sets a new password from an emailed link, once; every session of the account ends. */
  resetPassword: publicProcedure
    .input(z.object({ token: z.string().min(1).max(200), newPassword: password }))
    .mutation(async ({ ctx, input }) => {
      await enforceRateLimit(ctx.services.limits.passwordResetPerIp, ctx.clientIp);
      const resetId = passwordResetIdOf(input.token);
      const now = ctx.services.clock();
      // Checked before argon2 runs, and again (guarded) by the command.
      if (!(await isResetLinkUsable(ctx.services.db, resetId, now))) {
        throw refusalError({ code: "RESET_LINK_INVALID" });
      }
      unwrap(
        await ctx.services.commands.resetPassword({
          resetId,
          passwordHash: await hashPassword(input.newPassword),
        }),
      );
      // This browser's session (if any) ended with the others.
      ctx.setCookie(serializeBlankSessionCookie({ secure: ctx.services.secureCookies }));
      return { ok: true as const };
    }),
} satisfies TRPCRouterRecord;
