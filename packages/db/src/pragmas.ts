/**
 * WAL lets readers run beside the one writer. It is a property of the file, set once
 * through the first connection before any other opens.
 */
export const walPragma = "PRAGMA journal_mode = WAL";

/**
 * Per-connection settings of the writer. synchronous=FULL fsyncs the WAL on every commit,
 * so an acknowledged booking survives a power loss, not just a process crash; group
 * commit is what keeps that affordable.
 */
export const writerPragmas = ["PRAGMA synchronous = FULL", "PRAGMA foreign_keys = ON"] as const;

/**
 * The read connection cannot write at all (SQLITE_READONLY), so even raw SQL sent through
 * the read-only database type cannot take the write lock beside the writer.
 */
export const readerPragmas = ["PRAGMA foreign_keys = ON", "PRAGMA query_only = ON"] as const;
