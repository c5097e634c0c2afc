import { expectTypeOf, test } from "vitest";
import type { ReadDatabase } from "../src/database.ts";
import { users } from "../src/schema.ts";

declare const db: ReadDatabase;

test("the read-only database type has no way to write", () => {
  // @ts-expect-error no insert on a read-only database
  void db.insert(users);
  // @ts-expect-error no update on a read-only database
  void db.update(users);
  // @ts-expect-error no delete on a read-only database
  void db.delete(users);
  // @ts-expect-error no run on a read-only database
  void db.run;
  // @ts-expect-error no transaction on a read-only database
  void db.transaction;
  expectTypeOf(db.select).toBeFunction();
});
