import { openDatabase } from "../open.ts";
import { defaultDatabaseUrl } from "../config.ts";

// Migrations also run whenever the app opens the database; this applies them on demand.
const url = process.env.DATABASE_URL ?? defaultDatabaseUrl;
const database = await openDatabase({
  url,
  authToken: process.env.DATABASE_AUTH_TOKEN,
  driver: process.env.DATABASE_DRIVER === "better-sqlite3" ? "better-sqlite3" : "libsql",
});
await database.close();
console.log(`Migrations applied to ${url}`);
