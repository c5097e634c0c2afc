import { BoxofficeHttpError, isBoxofficeError, refusalReason } from "@boxoffice/client";

/** What scripts can rely on; documented in docs/cli.md. */
export const ExitCode = {
  ok: 0,
  /** A bug or a server error. */
  unexpected: 1,
  /** Bad arguments or options, or input the server rejected as invalid. */
  usage: 2,
  /** Not signed in, session expired, or not allowed (e.g. an admin command). */
  unauthorized: 3,
  /** The event, booking or ticket does not exist (or is not yours). */
  notFound: 4,
  /** The server refused: sold out, not enough seats, already cancelled, rate limited… */
  refused: 5,
  /** The server could not be reached. */
  unreachable: 6,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** A failure the CLI explains itself, with the exit code to end with. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = "CliError";
  }
}

const byTrpcCode: Record<string, ExitCode> = {
  BAD_REQUEST: ExitCode.usage,
  PARSE_ERROR: ExitCode.usage,
  PAYLOAD_TOO_LARGE: ExitCode.usage,
  UNPROCESSABLE_CONTENT: ExitCode.usage,
  UNAUTHORIZED: ExitCode.unauthorized,
  FORBIDDEN: ExitCode.unauthorized,
  NOT_FOUND: ExitCode.notFound,
  CONFLICT: ExitCode.refused,
  PRECONDITION_FAILED: ExitCode.refused,
  TOO_MANY_REQUESTS: ExitCode.refused,
};

const byHttpStatus: Record<number, ExitCode> = {
  400: ExitCode.usage,
  401: ExitCode.unauthorized,
  403: ExitCode.unauthorized,
  404: ExitCode.notFound,
  409: ExitCode.refused,
  429: ExitCode.refused,
};

/** fetch() and ws failures that mean the server is not there, not that it said no. */
export function isUnreachable(error: unknown): boolean {
  if (isBoxofficeError(error)) {
    if (error.data) return false;
    return isUnreachable(error.cause) || /fetch failed|ECONNREFUSED/i.test(error.message);
  }
  if (!(error instanceof Error)) return false;
  if (error instanceof TypeError && error.message === "fetch failed") return true;
  const code = (error as { code?: unknown }).code;
  if (
    typeof code === "string" &&
    /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|ETIMEDOUT)$/.test(code)
  )
    return true;
  return error.cause !== undefined && isUnreachable(error.cause);
}

export function exitCodeOf(error: unknown): ExitCode {
  if (error instanceof CliError) return error.exitCode;
  if (error instanceof BoxofficeHttpError) return byHttpStatus[error.status] ?? ExitCode.unexpected;
  if (isUnreachable(error)) return ExitCode.unreachable;
  if (isBoxofficeError(error)) {
    const reason = refusalReason(error);
    if (reason === "NOT_FOUND" || reason === "UNKNOWN_TICKET") return ExitCode.notFound;
    if (reason) return ExitCode.refused;
    return byTrpcCode[error.data?.code ?? ""] ?? ExitCode.unexpected;
  }
  return ExitCode.unexpected;
}
