import { initTRPC, TRPCError } from "@trpc/server";
import { z, ZodError, ZodRealError } from "zod";
import type { RateLimiter } from "@boxoffice/auth";
import { withCurrentSession, type Context } from "./context.ts";
import { BookingRefusal, RateLimited } from "./errors.ts";
import { ResyncRequired } from "./live/resync.ts";
import { findControlCharacter } from "./text-input.ts";

/**
 * Like z.flattenError, but a nested field keeps its whole path (`changes.title` for
 * events.update), so a form can put each message beside its field. Array positions are
 * left out: a bad tag is an error of `tags`.
 */
function flattenIssues(error: ZodError) {
  const formErrors: string[] = [];
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = issue.path.filter((part) => typeof part === "string").join(".");
    if (field) (fieldErrors[field] ??= []).push(issue.message);
    else formErrors.push(issue.message);
  }
  return { formErrors, fieldErrors };
}

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      // Internal details (SQL, file paths) stay in the server log.
      message:
        shape.data.code === "INTERNAL_SERVER_ERROR"
          ? "Something went wrong on our side; please try again."
          : cause instanceof ZodError
            ? z.prettifyError(cause)
            : shape.message,
      data: {
        ...shape.data,
        // Never send a stack to a client.
        stack: undefined,
        /** Field-by-field messages for bad input. */
        zodError: cause instanceof ZodError ? flattenIssues(cause) : null,
        /** The booking core's reason code (SOLD_OUT, …) for clients to switch on. */
        reason: cause instanceof BookingRefusal ? cause.failure.code : null,
        /** The whole refusal, with its details (who let a ticket in, and when). */
        refusal: cause instanceof BookingRefusal ? cause.failure : null,
        retryAfterSeconds: cause instanceof RateLimited ? cause.retryAfterSeconds : null,
        /** A subscription that cannot resume: reload the snapshot, subscribe from its position. */
        resync: cause instanceof ResyncRequired ? cause.reason : null,
      },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Every call is timed and counted by outcome (see Instruments). */
const measuredProcedure = t.procedure.use(async ({ ctx, path, type, next }) => {
  const started = performance.now();
  const result = await next();
  const outcome = result.ok ? "ok" : result.error.code;
  ctx.services.instruments.procedure(path, type, outcome, (performance.now() - started) / 1000);
  return result;
});

/**
 * Mutations from a cross-site page are refused before anything else runs, and so is text
 * with control characters in any field of any procedure (the one place that rule lives).
 * Over a WebSocket, every operation then acts for the session as it is now, not as it was
 * when the socket opened.
 */
export const publicProcedure = measuredProcedure.use(async ({ ctx, type, next, getRawInput }) => {
  if (type === "mutation" && !ctx.sameOrigin) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: "Cross-site request refused: this action must come from the Boxoffice site itself.",
    });
  }
  const found = findControlCharacter(await getRawInput());
  if (found) {
    const field = found.path.filter((part) => typeof part === "string").join(".");
    const message = `Remove the control character ${found.codePoint}${field ? ` from ${field}` : ""}: text may hold tabs and line breaks, but no other control characters.`;
    throw new TRPCError({
      code: "BAD_REQUEST",
      message,
      // A ZodError (the Error kind, as parse throws), so clients get the field in
      // error.data.zodError like any bad input.
      cause: new ZodRealError([{ code: "custom", path: found.path, message, input: undefined }]),
    });
  }
  return ctx.connection ? next({ ctx: await withCurrentSession(ctx) }) : next();
});

export const userProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user || !ctx.session) {
    throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to do this." });
  }
  return next({ ctx: { ...ctx, user: ctx.user, session: ctx.session } });
});

export const adminProcedure = userProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "admin") {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only admins can do this." });
  }
  return next();
});

/** Throws TOO_MANY_REQUESTS with a retry hint when `key` is over `limiter`'s limit. */
export async function enforceRateLimit(limiter: RateLimiter, key: string): Promise<void> {
  const result = await limiter.consume(key);
  if (result.ok) return;
  throw new TRPCError({
    code: "TOO_MANY_REQUESTS",
    message: `Too many attempts. Try again in ${result.retryAfterSeconds} s.`,
    cause: new RateLimited(result.retryAfterSeconds),
  });
}
