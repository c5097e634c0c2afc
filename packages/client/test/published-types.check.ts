/**
 * Compiled by packed.test.ts after the build (not by `pnpm typecheck`: dist/ is built, not
 * committed). Fails to compile if the generated router in dist/index.d.ts differs in any
 * way a client can see from the server's own router.
 */
import type { TRPCClient, TRPCClientError } from "@trpc/client";
import { expectTypeOf } from "vitest";
import type * as Server from "@boxoffice/api";
import type * as Published from "../dist/index.js";

expectTypeOf<Published.RouterInputs>().toEqualTypeOf<Server.RouterInputs>();
expectTypeOf<Published.RouterOutputs>().toEqualTypeOf<Server.RouterOutputs>();
expectTypeOf<Published.BookingFailureCode>().toEqualTypeOf<Server.BookingFailureCode>();
expectTypeOf<Published.ResyncReason>().toEqualTypeOf<Server.ResyncReason>();
expectTypeOf<TRPCClientError<Published.AppRouter>["data"]>().toEqualTypeOf<
  TRPCClientError<Server.AppRouter>["data"]
>();
expectTypeOf<TRPCClientError<Published.AppRouter>["shape"]>().toEqualTypeOf<
  TRPCClientError<Server.AppRouter>["shape"]
>();

// What a caller writes and gets back, procedure by procedure, subscriptions included.
type ClientOf<Router extends Server.AppRouter | Published.AppRouter> = TRPCClient<Router>;
type Calls<Client> = {
  [Key in keyof Client]: Client[Key] extends (...args: infer A) => infer R
    ? { args: A; result: R }
    : Calls<Client[Key]>;
};
expectTypeOf<Calls<ClientOf<Published.AppRouter>>>().toEqualTypeOf<
  Calls<ClientOf<Server.AppRouter>>
>();
