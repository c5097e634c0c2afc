import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { bookings, events, tickets, users, type AppDatabase, type Ticket } from "@boxoffice/db";
import { refuse, succeed, type Outcome } from "./outcome.ts";
import { ticketStatementsFor } from "./ticket-statements.ts";

/**
 * Which ticket a door means: one whose signed token was verified before the command ran
 * (its id), one typed in by its code, or the next ticket of a booking read out by its
 * reference (one person at a time: a group of three is three check-ins).
 */
export type TicketAtDoor = { ticketId: number } | { code: string } | { reference: string };

export interface CheckInInput {
  eventId: number;
  ticket: TicketAtDoor;
  /** Who scanned (an admin, the event's creator or its door staff). */
  actorId: number;
}

export interface EventCounts {
  checkedIn: number;
  /** Valid tickets: the seats of confirmed bookings. */
  total: number;
}

export type CheckInOutcome = Outcome<{ ticket: Ticket; counts: EventCounts }>;

/**
 * Lets one ticket in: a guarded UPDATE that only changes a valid ticket of this event that
 * is not in yet, then the event's count moves by one and a booking_logs row carries the new
 * count to every scanner. Two doors scanning one ticket at the same moment: one gets the row,
 * the other ALREADY_CHECKED_IN.
 */
export async function checkIn(
  tx: AppDatabase,
  input: CheckInInput,
  now: number,
): Promise<CheckInOutcome> {
  const statements = ticketStatementsFor(tx);
  const { eventId, actorId } = input;
  let ticketId: number | undefined;
  if ("reference" in input.ticket) {
    ticketId = await nextTicketOf(tx, input.ticket.reference, eventId);
    if (ticketId === undefined) return explainRefusal(tx, input.ticket, eventId);
  }
  const [ticket] =
    "code" in input.ticket
      ? await statements.checkInByCode.all({ code: input.ticket.code, eventId, actorId, now })
      : await statements.checkInById.all({
          ticketId: ticketId ?? ("ticketId" in input.ticket ? input.ticket.ticketId : 0),
          eventId,
          actorId,
          now,
        });
  if (!ticket) return explainRefusal(tx, input.ticket, eventId);

  const [event] = await statements.countIn.all({ eventId, delta: 1 });
  if (!event) throw new Error(`Ticket ${ticket.id} has no event ${eventId}`);
  const logs = await statements.insertCheckInLog.all({
    eventId,
    bookingId: ticket.bookingId,
    actorId,
    ticketId: ticket.id,
    action: "checked_in",
    availableAfter: event.availableSeats,
    capacityAfter: event.capacity,
    heldAfter: event.heldSeats,
    checkedInAfter: event.checkedIn,
    now,
  });
  return succeed({ ticket, counts: countsOf(event) }, logs);
}

export type UndoCheckInOutcome = Outcome<{ ticket: Ticket; counts: EventCounts }>;

/** Takes a check-in back (let in by mistake): the ticket can be scanned again. */
export async function undoCheckIn(
  tx: AppDatabase,
  input: { ticketId: number; actorId: number },
  now: number,
): Promise<UndoCheckInOutcome> {
  const statements = ticketStatementsFor(tx);
  const [ticket] = await statements.undoCheckIn.all({ ticketId: input.ticketId });
  if (!ticket) {
    const [found] = await tx
      .select({ status: tickets.status })
      .from(tickets)
      .where(eq(tickets.id, input.ticketId))
      .limit(1);
    if (!found) return refuse({ code: "UNKNOWN_TICKET" });
    return found.status === "void"
      ? explainRefusal(tx, { ticketId: input.ticketId }, null)
      : refuse({ code: "NOT_CHECKED_IN" });
  }
  const [event] = await statements.countIn.all({ eventId: ticket.eventId, delta: -1 });
  if (!event) throw new Error(`Ticket ${ticket.id} has no event ${ticket.eventId}`);
  const logs = await statements.insertCheckInLog.all({
    eventId: ticket.eventId,
    bookingId: ticket.bookingId,
    actorId: input.actorId,
    ticketId: ticket.id,
    action: "check_in_undone",
    availableAfter: event.availableSeats,
    capacityAfter: event.capacity,
    heldAfter: event.heldSeats,
    checkedInAfter: event.checkedIn,
    now,
  });
  return succeed({ ticket, counts: countsOf(event) }, logs);
}

function countsOf(event: {
  capacity: number;
  availableSeats: number;
  heldSeats: number;
  checkedIn: number;
}): EventCounts {
  return {
    checkedIn: event.checkedIn,
    total: event.capacity - event.availableSeats - event.heldSeats,
  };
}

/** The first ticket of a booking (by seat) that may still go in, for a reference read out. */
async function nextTicketOf(tx: AppDatabase, reference: string, eventId: number) {
  const [row] = await tx
    .select({ id: tickets.id })
    .from(tickets)
    .innerJoin(bookings, eq(bookings.id, tickets.bookingId))
    .where(
      and(
        eq(bookings.reference, reference),
        eq(tickets.eventId, eventId),
        eq(tickets.status, "valid"),
        isNull(tickets.checkedInAt),
      ),
    )
    .orderBy(asc(tickets.seat))
    .limit(1);
  return row?.id;
}

/**
 * The guarded UPDATE changed nothing: say why, with what the door needs to know. `eventId`
 * is the event being scanned for (null when undoing, which is not tied to a door).
 */
async function explainRefusal(tx: AppDatabase, door: TicketAtDoor, eventId: number | null) {
  const where =
    "ticketId" in door
      ? eq(tickets.id, door.ticketId)
      : "code" in door
        ? eq(tickets.code, door.code)
        : eq(bookings.reference, door.reference);
  // For a reference: a ticket of this event first, the latest let in first.
  const [row] = await tx
    .select({
      ticket: tickets,
      reference: bookings.reference,
      holderName: users.name,
      eventTitle: events.title,
      timezone: events.timezone,
    })
    .from(tickets)
    .innerJoin(bookings, eq(bookings.id, tickets.bookingId))
    .innerJoin(users, eq(users.id, bookings.userId))
    .innerJoin(events, eq(events.id, tickets.eventId))
    .where(where)
    .orderBy(desc(eq(tickets.eventId, eventId ?? 0)), desc(tickets.checkedInAt))
    .limit(1);
  if (!row) return refuse({ code: "UNKNOWN_TICKET" });
  if (eventId !== null && row.ticket.eventId !== eventId) {
    return refuse({ code: "WRONG_EVENT", ticketEventTitle: row.eventTitle });
  }
  const refused = {
    id: row.ticket.id,
    seat: row.ticket.seat,
    holderName: row.holderName,
    reference: row.reference,
  };
  if (row.ticket.status === "void") {
    return refuse({ code: "VOIDED", ticket: refused, voidedAt: row.ticket.voidedAt });
  }
  if (row.ticket.checkedInAt === null) return refuse({ code: "NOT_CHECKED_IN" });
  const [by] =
    row.ticket.checkedInBy === null
      ? []
      : await tx
          .select({ name: users.name })
          .from(users)
          .where(eq(users.id, row.ticket.checkedInBy))
          .limit(1);
  return refuse({
    code: "ALREADY_CHECKED_IN",
    ticket: refused,
    checkedInAt: row.ticket.checkedInAt,
    checkedInBy: by?.name ?? null,
    timezone: row.timezone,
  });
}
