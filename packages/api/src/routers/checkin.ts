import { TRPCError, type TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import type { TicketAtDoor } from "../commands/index.ts";
import { refusalError, unwrap } from "../errors.ts";
import { cursor, id, pageSize, searchText } from "../inputs.ts";
import {
  checkInCounts,
  eventsScannedBy,
  findTicket,
  listAttendees,
  ticketAtDoor,
} from "../queries/tickets.ts";
import { userProcedure } from "../trpc.ts";
import type { Context } from "../context.ts";
import { withValidCursor } from "./cursor-errors.ts";
import { eventScannedBy } from "./guards.ts";

/** A QR code's content: the signed token (see @boxoffice/auth's ticket-token.ts). */
const token = z.string().min(1).max(200, "A ticket token is at most 200 characters.");

/**
 * What a person types at the door: a booking reference (`BX-7K3QPM`, any case, dash
 * optional) or a ticket's 32-character code. A pasted token is accepted too.
 */
const typedCode = z
  .string()
  .trim()
  .min(1, "Type a booking reference (BX-7K3QPM) or a ticket code.")
  .max(200);

function ticketTyped(text: string): TicketAtDoor | { token: string } {
  const compact = text.replace(/\s+/g, "");
  const reference = /^BX-?([A-Z0-9]{6})$/i.exec(compact);
  if (reference?.[1]) return { reference: `BX-${reference[1].toUpperCase()}` };
  if (/^[0-9a-f]{32}$/i.test(compact)) return { code: compact.toLowerCase() };
  if (/^[\w-]{100,200}$/.test(compact)) return { token: compact };
  throw new TRPCError({
    code: "BAD_REQUEST",
    message:
      "That is neither a booking reference (like BX-7K3QPM) nor a ticket code (32 letters and digits).",
  });
}

type SignedIn = Context & { user: NonNullable<Context["user"]> };

/** Lets one ticket in, and says who it was: name, seat, booking, who is still to come. */
async function letIn(ctx: SignedIn, eventId: number, door: TicketAtDoor | { token: string }) {
  let ticket: TicketAtDoor;
  if ("token" in door) {
    const claims = ctx.services.tickets.verify(door.token);
    if (!claims) throw refusalError({ code: "UNKNOWN_TICKET" });
    ticket = { ticketId: claims.ticketId };
  } else {
    ticket = door;
  }
  const { ticket: admitted, counts } = unwrap(
    await ctx.services.commands.checkIn({ eventId, ticket, actorId: ctx.user.id }),
  );
  const details = await ticketAtDoor(ctx.services.db, admitted.id);
  return {
    ticket: { id: admitted.id, seat: admitted.seat, checkedInAt: admitted.checkedInAt },
    booking: details?.booking ?? null,
    holder: details?.holder ?? null,
    /** Tickets of the same booking not in yet. */
    stillToCome: details?.stillToCome ?? 0,
    counts,
  };
}

/** Checking tickets in at the door: admins, the event's creator and its door staff. */
export const checkinRouter = {
  /**
   * A scanned QR token (verified here, before the command), or a reference or ticket code
   * typed at the door. Refusals: UNKNOWN_TICKET, WRONG_EVENT, VOIDED, ALREADY_CHECKED_IN
   * (with when and by whom, in error.data.refusal).
   */
  scan: userProcedure
    .input(z.union([z.object({ eventId: id, token }), z.object({ eventId: id, code: typedCode })]))
    .mutation(async ({ ctx, input }) => {
      await eventScannedBy(ctx, input.eventId);
      const door = "token" in input ? { token: input.token } : ticketTyped(input.code);
      return letIn(ctx, input.eventId, door);
    }),

  /** Takes a check-in back, so the ticket can be scanned again. */
  undo: userProcedure.input(z.object({ ticketId: id })).mutation(async ({ ctx, input }) => {
    const ticket = await findTicket(ctx.services.db, input.ticketId);
    if (!ticket) throw refusalError({ code: "UNKNOWN_TICKET" });
    await eventScannedBy(ctx, ticket.eventId);
    const { counts } = unwrap(
      await ctx.services.commands.undoCheckIn({ ticketId: input.ticketId, actorId: ctx.user.id }),
    );
    return { ticketId: input.ticketId, counts };
  }),

  /** Checked in / total valid tickets; the live count comes with events.onSeats. */
  stats: userProcedure.input(z.object({ eventId: id })).query(async ({ ctx, input }) => {
    await eventScannedBy(ctx, input.eventId);
    const counts = await checkInCounts(ctx.services.db, input.eventId);
    if (!counts) throw refusalError({ code: "NOT_FOUND", entity: "event" });
    // Seat figures too, so a live seat change tells a client whether `total` moved.
    return { eventId: input.eventId, ...counts };
  }),

  /** The attendees (one row per valid ticket), searchable by name, email or reference. */
  list: userProcedure
    .input(
      z.object({ eventId: id, search: searchText.optional(), cursor, limit: pageSize.default(50) }),
    )
    .query(async ({ ctx, input }) => {
      await eventScannedBy(ctx, input.eventId);
      return withValidCursor(() => listAttendees(ctx.services.db, input.eventId, input));
    }),

  /** Events the signed-in user checks tickets in for (as door staff or their creator). */
  myEvents: userProcedure.query(({ ctx }) =>
    eventsScannedBy(ctx.services.db, ctx.user.id, ctx.services.clock()),
  ),
} satisfies TRPCRouterRecord;
