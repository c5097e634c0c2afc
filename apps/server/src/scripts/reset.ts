import { rmSync } from "node:fs";
import { filePathOf, isFileUrl } from "@boxoffice/db";
import { readEnv } from "../env.ts";

// Deletes the embedded database file (and its WAL); the next start or db:seed recreates it.
const env = readEnv();
if (env.NODE_ENV === "production") {
  console.error("Refusing to reset the database with NODE_ENV=production.");
  process.exit(1);
}
if (!isFileUrl(env.DATABASE_URL)) {
  console.error(
    `db:reset only deletes local files; ${env.DATABASE_URL} is a server. Drop its tables there.`,
  );
  process.exit(1);
}
const path = filePathOf(env.DATABASE_URL);
for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true });
console.log(`Deleted ${path}. Run pnpm db:seed (or pnpm start) to recreate it with sample data.`);
