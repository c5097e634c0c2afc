/** Everything both entry points export apart from `createBoxofficeClient`. */
export { TRPCClientError } from "@trpc/client";
export { downloadBookingsCsv, type BookingsCsvOptions } from "./bookings-csv.ts";
export { BoxofficeHttpError, isBoxofficeError, refusalReason, resyncReason } from "./errors.ts";
export { signIn, type SignInResult } from "./sign-in.ts";
export type {
  AppRouter,
  BookingFailureCode,
  ResyncReason,
  BoxofficeClient,
  BoxofficeClientError,
  BoxofficeClientOptions,
  RouterInputs,
  RouterOutputs,
  TokenSource,
  WebSocketClass,
} from "./types.ts";
