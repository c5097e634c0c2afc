import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { CliError, ExitCode } from "./exit-codes.ts";

export const defaultUrl = "http://127.0.0.1:3000";

export interface StoredSession {
  token: string;
  email: string;
  expiresAt: number;
}

/**
 * `$XDG_CONFIG_HOME/boxoffice/config.json` (or `~/.config/boxoffice/config.json`): the
 * server last signed in to, and one session per server, so a token is only ever sent to
 * the server that issued it. Readable by the owner only.
 */
export interface ConfigFile {
  url?: string;
  sessions: Record<string, StoredSession>;
}

export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME || join(homedir(), ".config");
  return join(base, "boxoffice", "config.json");
}

export function readConfig(path = configPath()): ConfigFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { sessions: {} };
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<ConfigFile>;
    return { url: parsed.url, sessions: parsed.sessions ?? {} };
  } catch {
    throw new CliError(
      `${path} is not valid JSON; fix it or delete it and sign in again.`,
      ExitCode.unexpected,
    );
  }
}

/** Written to a temporary file and renamed, so a crash never leaves half a config. */
export function writeConfig(config: ConfigFile, path = configPath()): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}

export function removeConfigIfEmpty(config: ConfigFile, path = configPath()): void {
  if (Object.keys(config.sessions).length === 0) rmSync(path, { force: true });
  else writeConfig(config, path);
}

/** Same server, same key: no trailing slash, lower-case scheme and host. */
export function normalizeUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CliError(`"${url}" is not a URL; use e.g. ${defaultUrl}`, ExitCode.usage);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new CliError(`Use an http:// or https:// server URL, not "${url}".`, ExitCode.usage);
  }
  return `${parsed.origin}${parsed.pathname}`.replace(/\/+$/, "");
}
