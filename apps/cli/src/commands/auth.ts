import type { Command } from "commander";
import { signIn } from "@boxoffice/client";
import { readConfig, removeConfigIfEmpty, writeConfig } from "../config.ts";
import { CliError, ExitCode } from "../exit-codes.ts";
import { createOutput } from "../output.ts";
import { ask, canPrompt, readStdin } from "../prompt.ts";
import { withContext } from "../context.ts";
import { resolveSettings, type GlobalOptions } from "../settings.ts";

interface LoginOptions {
  email?: string;
  password?: string;
  passwordStdin?: boolean;
  printToken?: boolean;
}

async function credentials(options: LoginOptions): Promise<{ email: string; password: string }> {
  const missing = (what: string) =>
    new CliError(
      `No ${what}: pass --email and --password (or --password-stdin), or run in a terminal to be asked.`,
      ExitCode.usage,
    );
  const email = options.email ?? (canPrompt() ? await ask("Email: ") : undefined);
  if (!email) throw missing("email");
  const password = options.passwordStdin
    ? await readStdin()
    : (options.password ?? (canPrompt() ? await ask("Password: ", { hidden: true }) : undefined));
  if (!password) throw missing("password");
  return { email, password };
}

export function registerAuth(program: Command): void {
  program
    .command("login")
    .description("sign in and save the session for this server (or print the token)")
    .option("--email <email>", "your account's email (asked for if omitted)")
    .option("--password <password>", "your password (asked for if omitted; visible to ps)")
    .option("--password-stdin", "read the password from stdin")
    .option("--print-token", "print the session token instead of saving it")
    .action(async (options: LoginOptions, command: Command) => {
      const settings = resolveSettings(command.optsWithGlobals<GlobalOptions>());
      const out = createOutput(settings.json);
      const { email, password } = await credentials(options);
      const session = await signIn(settings.url, email, password);
      const who = `${session.user.email} (${session.user.role})`;
      if (options.printToken) {
        out.result(session, () => session.token);
        return;
      }
      const config = readConfig(settings.configFile);
      config.url = settings.url;
      config.sessions[settings.url] = {
        token: session.token,
        email: session.user.email,
        expiresAt: session.expiresAt,
      };
      writeConfig(config, settings.configFile);
      out.result(
        {
          user: session.user,
          url: settings.url,
          expiresAt: session.expiresAt,
          configFile: settings.configFile,
        },
        () => `Signed in to ${settings.url} as ${who}. Session saved in ${settings.configFile}.`,
      );
    });

  program
    .command("logout")
    .description("end the session on the server and forget it here")
    .action((_options: object, command: Command) =>
      withContext(command.optsWithGlobals<GlobalOptions>(), async ({ client, out, settings }) => {
        if (settings.token) await client.auth.logout.mutate();
        const config = readConfig(settings.configFile);
        const forgotten = settings.url in config.sessions;
        delete config.sessions[settings.url];
        if (forgotten) removeConfigIfEmpty(config, settings.configFile);
        out.result({ signedOut: Boolean(settings.token), url: settings.url }, () =>
          settings.token ? `Signed out of ${settings.url}.` : `Not signed in to ${settings.url}.`,
        );
      }),
    );

  program
    .command("whoami")
    .description("who the token belongs to")
    .action((_options: object, command: Command) =>
      withContext(
        command.optsWithGlobals<GlobalOptions>(),
        async ({ client, out, requireToken, settings }) => {
          requireToken();
          const user = await client.auth.me.query();
          if (!user) {
            throw new CliError(
              `The session is not valid on ${settings.url} (expired or signed out). Run \`boxoffice login\`.`,
              ExitCode.unauthorized,
            );
          }
          out.result(user, () => `${user.email} (${user.name}, ${user.role}) on ${settings.url}`);
        },
      ),
    );
}
