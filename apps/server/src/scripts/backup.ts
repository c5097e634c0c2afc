import { existsSync } from "node:fs";
import { BackupError, backupDatabase } from "@boxoffice/db";
import { EnvError, readEnv } from "../env.ts";

// An online copy of the embedded database; servers keep serving meanwhile.
const file = process.argv[2];
if (!file) {
  console.error("Usage: pnpm db:backup <file>   (e.g. backups/boxoffice-$(date +%F-%H%M).db)");
  process.exit(2);
}
if (existsSync(".env")) process.loadEnvFile(".env");
try {
  const env = readEnv();
  const started = performance.now();
  const backup = backupDatabase({ url: env.DATABASE_URL, driver: env.DATABASE_DRIVER }, file);
  const ms = Math.round(performance.now() - started);
  console.log(
    `Backed up ${env.DATABASE_URL} to ${backup.path} (${Math.ceil(backup.bytes / 1024)} KB, ${ms} ms).`,
  );
} catch (error) {
  if (!(error instanceof BackupError || error instanceof EnvError)) throw error;
  console.error(error.message);
  process.exit(1);
}
