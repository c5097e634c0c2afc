import { CommanderError } from "commander";
import { isBoxofficeError, refusalReason } from "@boxoffice/client";
import { CliError, ExitCode, exitCodeOf } from "./exit-codes.ts";
import { createProgram } from "./program.ts";

/** The message for stderr: the server's own words, with a hint where one helps. */
function messageOf(error: unknown, code: ExitCode): string {
  const message = error instanceof Error ? error.message : String(error);
  if (code === ExitCode.unreachable && !(error instanceof CliError)) {
    return `Could not reach the Boxoffice server (${message}). Check --url or BOXOFFICE_URL.`;
  }
  if (isBoxofficeError(error) && error.data?.code === "UNAUTHORIZED" && !/login/.test(message)) {
    return `${message} Run \`boxoffice login\` (or pass --token / set BOXOFFICE_TOKEN).`;
  }
  return message;
}

export async function main(argv: string[]): Promise<ExitCode> {
  const program = createProgram();
  const json = argv.includes("--json");
  try {
    await program.parseAsync(argv);
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed the usage problem (or the help, or the version).
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    const code = exitCodeOf(error);
    const message = messageOf(error, code);
    if (json) {
      const data = isBoxofficeError(error) ? error.data : undefined;
      const details = { message, exitCode: code, code: data?.code, reason: refusalReason(error) };
      process.stderr.write(`${JSON.stringify({ error: details })}\n`);
    } else {
      process.stderr.write(`boxoffice: ${message}\n`);
    }
    if (code === ExitCode.unexpected && process.env.BOXOFFICE_DEBUG) console.error(error);
    return code;
  }
}

const code = await main(process.argv);
process.exitCode = code;
// Everything is closed by now; this only guards against a handle someone forgot.
setTimeout(() => process.exit(code), 2_000).unref();
