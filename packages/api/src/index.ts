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
export { createServices, type Services, type ServicesOptions } from "./services/services.ts";
export { createChangeFeed, type ChangeFeed, type ChangeTransport } from "./live/change-feed.ts";
export { createRedisTransport, type TransportLogger } from "./live/redis-transport.ts";
export { bookingsCsv, contentDisposition } from "./exports/bookings-csv.ts";
export { canManageEvent } from "./permissions.ts";
export { findEvent } from "./queries/events.ts";
export type { BookingFailureCode } from "./core/index.ts";

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type { SeatChange, BookingChange } from "./live/changes.ts";
export type { ConnectionLimits } from "./context.ts";
