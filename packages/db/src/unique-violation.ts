/**
 * Whether `error` (or any error in its cause chain) is SQLite refusing a duplicate on the
 * given `table.column`. drizzle wraps driver errors, and libSQL and better-sqlite3 word
 * them alike: "UNIQUE constraint failed: users.email".
 */
export function isUniqueViolation(error: unknown, column: string): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    if (current.message.includes(`UNIQUE constraint failed: ${column}`)) return true;
  }
  return false;
}
