/** How to reach the database. Read from env by the app; tests pass it directly. */
export interface DatabaseConfig {
  /** `file:./data/boxoffice.db` (default), or a remote `libsql://`, `http(s)://`, `ws(s)://` URL. */
  url: string;
  authToken?: string | undefined;
  /** Embedded driver for `file:` URLs. */
  driver?: "libsql" | "better-sqlite3" | undefined;
  /** How long a writer waits for another process's write lock before failing. */
  busyTimeoutMs?: number | undefined;
}

export const defaultDatabaseUrl = "file:./data/boxoffice.db";
export const defaultBusyTimeoutMs = 15_000;

export function isFileUrl(url: string): boolean {
  return url.startsWith("file:");
}

/** `file:./data/x.db` → `./data/x.db`; query strings are not supported for local files. */
export function filePathOf(url: string): string {
  return url.slice("file:".length).replace(/^\/\/(?=\/)/, "");
}
