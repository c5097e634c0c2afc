import { configPath, defaultUrl, normalizeUrl, readConfig } from "./config.ts";

export interface GlobalOptions {
  url?: string;
  token?: string;
  json?: boolean;
}

export interface Settings {
  url: string;
  token: string | null;
  json: boolean;
  configFile: string;
}

/**
 * Server: --url, then BOXOFFICE_URL, then the server last signed in to, then the default.
 * Token: --token, then BOXOFFICE_TOKEN, then the session saved for that server.
 */
export function resolveSettings(
  options: GlobalOptions,
  env: NodeJS.ProcessEnv = process.env,
): Settings {
  const configFile = configPath(env);
  const config = readConfig(configFile);
  const url = normalizeUrl(options.url || env.BOXOFFICE_URL || config.url || defaultUrl);
  const token = options.token || env.BOXOFFICE_TOKEN || config.sessions[url]?.token || null;
  return { url, token, json: options.json ?? false, configFile };
}
