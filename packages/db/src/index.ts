export * from "./config.ts";
export type { AppDatabase, Database, ReadDatabase, Schema } from "./database.ts";
export { isBusyError } from "./busy.ts";
export { isUniqueViolation } from "./unique-violation.ts";
export { backupDatabase, type BackupResult } from "./backup.ts";
export { restoreDatabase, type RestoreResult } from "./restore.ts";
export { BackupError } from "./database-file.ts";
export { migrationsFolder } from "./migrations.ts";
export { openDatabase } from "./open.ts";
export * as schema from "./schema.ts";
export * from "./schema.ts";
export {
  DatabaseBusyError,
  WriterClosedError,
  type Writer,
  type WriterObserver,
  type WriterOptions,
  type WriteWork,
} from "./writer.ts";
export { isReady } from "./readiness.ts";
