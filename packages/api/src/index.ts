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
export { createLocalSeatBus, type SeatBus } from "./live/seat-bus.ts";
export { bookingsCsv, contentDisposition } from "./exports/bookings-csv.ts";
export type { BookingFailureCode } from "./core/index.ts";

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
