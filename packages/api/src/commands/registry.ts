import type { AppDatabase } from "@boxoffice/db";
import { changePassword, registerUser } from "./accounts.ts";
import { checkIn, undoCheckIn } from "./check-in.ts";
import { addEventStaff, removeEventStaff } from "./event-staff.ts";
import { adoptSigningKey } from "./signing-keys.ts";
import { cancelBooking } from "./cancel-booking.ts";
import { cancelEvent } from "./cancel-event.ts";
import { deleteEvent } from "./delete-event.ts";
import { createEvent, foldSearchText, updateEvent } from "./events.ts";
import { claimOffer, declineOffer, expireOffers } from "./offers.ts";
import type { Outcome } from "./outcome.ts";
import { claimOutboxMessages, retryOutboxMessage, settleOutboxMessage } from "./outbox-delivery.ts";
import { requestPasswordReset, resetPassword } from "./password-reset.ts";
import { reserveSeats } from "./reserve-seats.ts";
import { setRole } from "./roles.ts";
import { endSession, extendSession, startSession } from "./sessions.ts";
import { joinWaitlist, leaveWaitlist } from "./waitlist.ts";

/**
 * A command is one state change: it runs inside the writer's transaction with the time the
 * runner gives it, decides every refusal before it writes, and returns an Outcome carrying
 * the booking_logs rows it wrote.
 */
type CommandDefinition = (tx: AppDatabase, input: never, now: number) => Promise<Outcome>;

/**
 * Every state change in the product, and the only way anything writes. A new write is a
 * function added here; run-commands.ts then runs it on the writer and publishes its rows.
 */
export const commandDefinitions = {
  reserveSeats,
  cancelBooking,
  createEvent,
  updateEvent,
  foldSearchText,
  cancelEvent,
  deleteEvent,
  setRole,
  registerUser,
  changePassword,
  startSession,
  endSession,
  extendSession,
  checkIn,
  undoCheckIn,
  addEventStaff,
  removeEventStaff,
  adoptSigningKey,
  joinWaitlist,
  leaveWaitlist,
  claimOffer,
  declineOffer,
  expireOffers,
  requestPasswordReset,
  resetPassword,
  claimOutboxMessages,
  settleOutboxMessage,
  retryOutboxMessage,
} satisfies Record<string, CommandDefinition>;

export type CommandName = keyof typeof commandDefinitions;
export type CommandInput<Name extends CommandName> = Parameters<
  (typeof commandDefinitions)[Name]
>[1];
export type CommandOutcome<Name extends CommandName> = Awaited<
  ReturnType<(typeof commandDefinitions)[Name]>
>;
