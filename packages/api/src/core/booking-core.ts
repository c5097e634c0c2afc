import { setRoleIn, type Role, type SetRoleOutcome } from "./roles.ts";
import type { Event, Writer } from "@boxoffice/db";
import {
  cancelBookingIn,
  type CancelBookingInput,
  type CancelBookingOutcome,
} from "./cancel-booking.ts";
import { systemClock, type Clock } from "./clock.ts";
import { deleteEventIn, type DeleteEventOutcome } from "./delete-event.ts";
import {
  createEventIn,
  updateEventIn,
  type EventFields,
  type UpdateEventOutcome,
} from "./events.ts";
import {
  reserveSeatsIn,
  type ReserveSeatsInput,
  type ReserveSeatsOutcome,
} from "./reserve-seats.ts";

/**
 * The booking rules as plain functions over the database, each one job of the process's
 * group-commit writer: it resolves once its transaction is durably committed, carrying the
 * booking_logs rows it wrote so the caller can publish them (after commit, never before).
 */
export interface BookingCore {
  reserveSeats(input: ReserveSeatsInput): Promise<ReserveSeatsOutcome>;
  cancelBooking(input: CancelBookingInput): Promise<CancelBookingOutcome>;
  createEvent(fields: EventFields & { createdBy: number }): Promise<Event>;
  updateEvent(input: {
    eventId: number;
    changes: Partial<EventFields>;
    actorId: number;
  }): Promise<UpdateEventOutcome>;
  deleteEvent(input: {
    eventId: number;
    force: boolean;
    actorId: number;
  }): Promise<DeleteEventOutcome>;
  setRole(input: { userId: number; role: Role }): Promise<SetRoleOutcome>;
}

export function createBookingCore(writer: Writer, clock: Clock = systemClock): BookingCore {
  return {
    reserveSeats: (input) => writer.run((tx) => reserveSeatsIn(tx, input, clock())),
    cancelBooking: (input) => writer.run((tx) => cancelBookingIn(tx, input, clock())),
    createEvent: (fields) => writer.run((tx) => createEventIn(tx, fields, clock())),
    updateEvent: (input) => writer.run((tx) => updateEventIn(tx, input, clock())),
    deleteEvent: (input) => writer.run((tx) => deleteEventIn(tx, input, clock())),
    setRole: (input) => writer.run((tx) => setRoleIn(tx, input)),
  };
}
