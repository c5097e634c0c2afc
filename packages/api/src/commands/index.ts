export {
  bindCommands,
  createCommands,
  writerExecutor,
  type CommandExecutor,
  type Commands,
  type CommitListener,
} from "./run-commands.ts";
export {
  remoteExecutor,
  serveCommands,
  WriterUnreachableError,
  type CommandChannel,
  type CommandMessage,
} from "./remote-commands.ts";
export {
  commandDefinitions,
  type CommandInput,
  type CommandName,
  type CommandOutcome,
} from "./registry.ts";
export { systemClock, type Clock } from "./clock.ts";
export type { CancelBookingInput, CancelBookingOutcome } from "./cancel-booking.ts";
export type { CancelEventOutcome } from "./cancel-event.ts";
export type { DeleteEventOutcome } from "./delete-event.ts";
export type { DeliveryResult } from "./outbox-delivery.ts";
export { enqueueMessage, enqueueWaitlistOffer, reminderLeadMs } from "./outbox.ts";
export { passwordResetLifetimeMs } from "./password-reset.ts";
export {
  editableEventColumns,
  type CreateEventOutcome,
  type EventFields,
  type UpdateEventOutcome,
} from "./events.ts";
export type {
  BookingFailure,
  BookingFailureCode,
  CheckInFailure,
  Outcome,
  RefusedTicket,
} from "./outcome.ts";
export type { CheckInOutcome, EventCounts, TicketAtDoor } from "./check-in.ts";
export type { ReserveSeatsInput, ReserveSeatsOutcome } from "./reserve-seats.ts";
export type { Role, SetRoleOutcome } from "./roles.ts";
export { checkInvariant, type InvariantViolation } from "../queries/check-invariant.ts";
export type { ClaimOfferInput, ClaimOfferOutcome, ExpireOffersOutcome } from "./offers.ts";
export type { WaitlistOutcome } from "./waitlist.ts";
