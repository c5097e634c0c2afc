/** SQLite's "database is locked" under its several names across the two drivers. */
export function isBusyError(error: unknown): boolean {
  const text =
    error instanceof Error ? `${error.message} ${String((error as { code?: unknown }).code)}` : "";
  const cause = error instanceof Error && error.cause ? isBusyError(error.cause) : false;
  return cause || /SQLITE_BUSY|SQLITE_LOCKED|database is locked/i.test(text);
}

/**
 * Several processes may open (and so migrate) one file at once; the loser of that race
 * sees a lock, waits and tries again, and then finds the migrations applied.
 */
export async function withBusyRetry<T>(timeoutMs: number, work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isBusyError(error) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(200, 5 * 2 ** attempt)));
    }
  }
}
