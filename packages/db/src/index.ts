export * from "./config.ts";
export type { AppDatabase, Database, Schema, WriteConnection } from "./database.ts";
export { isBusyError } from "./busy.ts";
export { migrationsFolder } from "./migrations.ts";
export { openDatabase } from "./open.ts";
export * as schema from "./schema.ts";
export * from "./schema.ts";
export {
  createWriter,
  DatabaseBusyError,
  WriterClosedError,
  type Writer,
  type WriteWork,
} from "./writer.ts";
export { isReady } from "./readiness.ts";
