import { expectTypeOf, test } from "vitest";
import { bookings, users } from "@boxoffice/db";
import type { Context } from "../src/context.ts";

declare const ctx: Context;

test("what a router holds cannot write except through a command", () => {
  // @ts-expect-error the read database has no insert
  void ctx.services.db.insert(users);
  // @ts-expect-error the read database has no update
  void ctx.services.db.update(bookings);
  // @ts-expect-error the read database has no delete
  void ctx.services.db.delete(bookings);
  // @ts-expect-error the read database has no run
  void ctx.services.db.run;
  // @ts-expect-error routers do not hold the writer
  void ctx.services.writer;
  // @ts-expect-error routers do not hold the database's connections
  void ctx.services.database;
  // @ts-expect-error routers listen to the feed; publishing is the command runner's
  void ctx.services.feed.committed;
  expectTypeOf(ctx.services.commands.reserveSeats).toBeFunction();
});
