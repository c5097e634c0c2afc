import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "./root.ts";

export { appRouter, type AppRouter } from "./root.ts";
export { createCallerFactory } from "./trpc.ts";
export {
  createContextInner,
  createRequestContext,
  type Context,
  type RequestInfo,
} from "./context.ts";
export type { OwnedServices, Services } from "./services/services.ts";
export { openServices, type ServicesConfig } from "./services/open-services.ts";
export { defaultReplayWindow } from "./live/replay-window.ts";
export type { TicketKeyConfig, TicketKeys } from "./services/ticket-keys.ts";
export type { TransportLogger } from "./live/redis-transport.ts";
export type { Instruments } from "./services/instruments.ts";
export type { ChangeTransport } from "./live/change-feed.ts";
export { bookingsCsvFor } from "./routers/bookings-csv.ts";
export { expireDueOffers } from "./jobs/expire-offers.ts";
export { eventCalendarFor } from "./routers/event-calendar.ts";
export {
  startMailSender,
  domainOf,
  type MailSender,
  type MailSenderLogger,
  type MailSenderOptions,
} from "./mail/sender.ts";
export { mailboxTransport, smtpTransport, type MailTransport } from "./mail/transport.ts";
export type { BookingFailure, BookingFailureCode } from "./commands/index.ts";

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type { SeatChange, BookingChange } from "./live/changes.ts";
export type { LiveConnection, SlotPool } from "./context.ts";
export type { ResyncReason } from "./live/resync.ts";
