import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hashPassword } from "@boxoffice/auth";
import { addTestUser, signInAs } from "@boxoffice/api/testing";
import { readEnv } from "../src/env.ts";
import { createLogger } from "../src/logger.ts";
import { seedSampleDataIfEmpty } from "../src/seed/sample-data.ts";
import { startServer, type RunningServer } from "../src/server.ts";

export interface TestServer extends RunningServer {
  /** `file:` URL of the temporary database, for other processes. */
  fileUrl: string;
  /** A user made through the commands (one argon2 hash shared by all) with a live session token. */
  addUser(email: string, role?: "user" | "admin"): Promise<TestUser>;
  /** Stops the server and deletes the database. */
  destroy(): Promise<void>;
}

export interface TestUser {
  id: number;
  email: string;
  role: "user" | "admin";
  token: string;
  /** The password every test user has. */
  password: string;
}

export const testPassword = "correct horse battery";
let sharedHash: Promise<string> | undefined;

/** Generous limits unless a test is about rate limiting. */
const relaxedLimits = {
  RATE_LIMIT_LOGIN_PER_IP: "100000/60",
  RATE_LIMIT_LOGIN_PER_ACCOUNT: "100000/60",
  RATE_LIMIT_REGISTER_PER_IP: "100000/60",
  RATE_LIMIT_BOOKINGS_PER_USER: "100000/60",
  RATE_LIMIT_PASSWORD_RESET_PER_IP: "100000/60",
  RATE_LIMIT_PASSWORD_RESET_PER_ACCOUNT: "100000/60",
  // Every test client connects from 127.0.0.1.
  WS_MAX_CONNECTIONS_PER_IP: "100000",
  WS_MAX_ANONYMOUS_SUBSCRIPTIONS_PER_IP: "100000",
};

/**
 * A real server on a free loopback port over a fresh database file. `env` overrides any
 * setting (e.g. a tight rate limit, or EMAIL_DELIVERY=mailbox / SMTP_URL for the tests about
 * email: elsewhere email delivery is off, so tests of other things do not spend their time
 * writing messages); `seed` loads the sample events and accounts.
 */
export async function startTestServer(
  options: {
    env?: Record<string, string>;
    seed?: boolean;
    dir?: string;
    /** false: every tRPC request through tRPC's own HTTP handler (see trpc-direct.ts). */
    directTrpc?: boolean;
  } = {},
): Promise<TestServer> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "boxoffice-server-"));
  const fileUrl = `file:${join(dir, "boxoffice.db")}`;
  const env = readEnv({
    NODE_ENV: "test",
    HOST: "127.0.0.1",
    PORT: "0",
    LOG_LEVEL: "silent",
    DATABASE_URL: fileUrl,
    EMAIL_DELIVERY: "off",
    ...relaxedLimits,
    ...options.env,
  });
  const server = await startServer(env, createLogger(env.LOG_LEVEL), {
    directTrpc: options.directTrpc,
  });
  if (options.seed) await seedSampleDataIfEmpty(server.services);

  return {
    ...server,
    fileUrl,
    async addUser(email, role = "user") {
      sharedHash ??= hashPassword(testPassword);
      const user = await addTestUser(server.services, email, role, await sharedHash);
      const token = await signInAs(server.services, user.id);
      return { id: user.id, email: user.email, role: user.role, token, password: testPassword };
    },
    async destroy() {
      await server.stop();
      if (!options.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
