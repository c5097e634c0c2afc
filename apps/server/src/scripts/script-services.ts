import { openServices } from "@boxoffice/api";
import { readEnv, type Env } from "../env.ts";
import { createLogger } from "../logger.ts";
import { servicesConfigOf } from "../services-config.ts";

/** The same services the server would open (same env, same wiring), for one-off scripts. */
export async function openForScript() {
  const env: Env = readEnv();
  const services = await openServices(servicesConfigOf(env, createLogger(env.LOG_LEVEL)));
  return { env, services };
}
