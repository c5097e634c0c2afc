import { existsSync } from "node:fs";
import { BackupError, restoreDatabase } from "@boxoffice/db";
import { EnvError, readEnv } from "../env.ts";

// Puts a backup in place of the embedded database; refused while any server has it open.
const file = process.argv[2];
if (!file) {
  console.error(
    "Usage: pnpm db:restore <backup file>   (stop every server using the database first)",
  );
  process.exit(2);
}
if (existsSync(".env")) process.loadEnvFile(".env");
try {
  const env = readEnv();
  const restored = restoreDatabase({ url: env.DATABASE_URL, driver: env.DATABASE_DRIVER }, file);
  console.log(`Restored ${file} into ${restored.path}.`);
  if (restored.previous) console.log(`The database it replaced is kept as ${restored.previous}.`);
  console.log("Start the server again; it applies any newer migrations on start.");
} catch (error) {
  if (!(error instanceof BackupError || error instanceof EnvError)) throw error;
  console.error(error.message);
  process.exit(1);
}
