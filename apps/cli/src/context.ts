import { createBoxofficeClient, type BoxofficeClient } from "@boxoffice/client";
import { CliError, ExitCode } from "./exit-codes.ts";
import { createOutput, type Output } from "./output.ts";
import { resolveSettings, type GlobalOptions, type Settings } from "./settings.ts";

/** What every command gets: settings, output, and a client it does not have to close. */
export interface CommandContext {
  settings: Settings;
  out: Output;
  client: BoxofficeClient;
  /** The token, or a clear "sign in first" error (exit code 3). */
  requireToken(): string;
}

/** Runs `action` with a context built from the global options, closing the client after. */
export async function withContext<T>(
  options: GlobalOptions,
  action: (context: CommandContext) => Promise<T>,
): Promise<T> {
  const settings = resolveSettings(options);
  const client = createBoxofficeClient({ url: settings.url, token: settings.token ?? undefined });
  try {
    return await action({
      settings,
      out: createOutput(settings.json),
      client,
      requireToken() {
        if (settings.token) return settings.token;
        throw new CliError(
          `Not signed in to ${settings.url}. Run \`boxoffice login\`, or pass --token / set BOXOFFICE_TOKEN.`,
          ExitCode.unauthorized,
        );
      },
    });
  } finally {
    await client.close();
  }
}
