/**
 * Another process with the database open, as a server would have it: opened (and so
 * migrated) by openDatabase, then idle until SIGTERM.
 * Usage: node --import tsx hold-database.ts <file: URL> <libsql|better-sqlite3> [email to add]
 */
import { openDatabase } from "../../src/open.ts";
import { users } from "../../src/schema.ts";

const [url = "", driver = "libsql", email] = process.argv.slice(2);
const database = await openDatabase({
  url,
  driver: driver === "better-sqlite3" ? "better-sqlite3" : "libsql",
});
if (email) {
  await database.writer.run((tx) =>
    tx.insert(users).values({ email, name: email, passwordHash: "-" }),
  );
}
process.once("SIGTERM", () => {
  void database.close().then(() => process.exit(0));
});
console.log("holding");
setInterval(() => {}, 60_000);
