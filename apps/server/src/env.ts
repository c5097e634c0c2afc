import { availableParallelism } from "node:os";
import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";
import { fileURLToPath } from "node:url";
import { defaultReplayWindow } from "@boxoffice/api/replay-window";
// The config subpath only: a cluster primary reads env long before it needs a database.
import { defaultDatabaseUrl } from "@boxoffice/db/config";
import { parseTicketPublicKey, parseTicketSigningKey } from "@boxoffice/auth";
import { defaultMaxBatch } from "./request-limits.ts";

/** apps/web/dist beside this app, where `pnpm build` puts the web app. */
const defaultWebDist = fileURLToPath(new URL("../../web/dist", import.meta.url));

/** `10/60` → at most 10 attempts per 60 seconds. */
const rateRule = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine((value) => /^\d+\/\d+$/.test(value), "Write a limit as attempts/seconds, e.g. 10/60.")
    .transform((value) => {
      const [points, durationSeconds] = value.split("/").map(Number);
      return { points: points ?? 0, durationSeconds: durationSeconds ?? 1 };
    });

const flag = z
  .enum(["true", "false", "1", "0"])
  .transform((value) => value === "true" || value === "1");

/**
 * Every setting the server reads, validated once at start; `.env.example` lists them with
 * their defaults. The only module that reads process.env.
 */
export function readEnv(source: NodeJS.ProcessEnv = process.env) {
  const env = createEnv({
    server: {
      NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
      HOST: z.string().min(1).default("127.0.0.1"),
      /**
       * Server processes behind the one port (node:cluster). Unset: every core in
       * production, one otherwise.
       */
      WORKERS: z.coerce.number().int().min(1).max(256).optional(),
      PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
      LOG_LEVEL: z
        .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
        .default("info"),
      DATABASE_URL: z
        .string()
        .regex(
          /^(file:|libsql:\/\/|https?:\/\/|wss?:\/\/)/,
          "Use file:…, libsql://…, http(s)://… or ws(s)://…",
        )
        .default(defaultDatabaseUrl),
      DATABASE_AUTH_TOKEN: z.string().optional(),
      DATABASE_DRIVER: z.enum(["libsql", "better-sqlite3"]).default("libsql"),
      /** Comma-separated origins (https://app.example.com) allowed besides the server's own. */
      ALLOWED_ORIGINS: z
        .string()
        .default("")
        .transform((value) =>
          value
            .split(",")
            .map((origin) => origin.trim())
            .filter(Boolean),
        ),
      /** Where the built web app lives; served with an SPA fallback when it exists. */
      WEB_DIST: z.string().default(defaultWebDist),
      /** Seed sample events and accounts into an empty database (never in production). */
      SEED_SAMPLE_DATA: flag.optional(),
      /** Time zone of events created without one (IANA name); the server's own when unset. */
      DEFAULT_TIMEZONE: z
        .string()
        .refine(isTimeZone, "Use an IANA time zone such as Europe/London.")
        .optional(),
      /** Fan-out of live updates across instances; unset = single instance, no Redis. */
      REDIS_URL: z.url().optional(),
      /** How often each instance also checks booking_logs for changes made elsewhere (0 = off). */
      LIVE_POLL_MS: z.coerce.number().int().min(0).max(600_000).default(1000),
      /** Most procedure calls one HTTP request (or WebSocket message) may batch. */
      TRPC_MAX_BATCH: z.coerce.number().int().min(1).max(1000).default(defaultMaxBatch),
      /** Turns on GET /metrics (Prometheus), for requests with `Authorization: Bearer <it>`. */
      METRICS_TOKEN: z.string().min(16, "Use a token of at least 16 characters.").optional(),
      WS_MAX_SUBSCRIPTIONS: z.coerce.number().int().min(1).max(1000).default(defaultMaxBatch),
      /** How often to look for waiting-list offers whose window has ended (ms, 0 = never). */
      WAITLIST_EXPIRY_CHECK_MS: z.coerce.number().int().min(0).max(3_600_000).default(5000),
      WS_MAX_MESSAGE_BYTES: z.coerce.number().int().min(1024).max(10_000_000).default(65_536),
      /** How many changes back a subscription may resume; further back, it must reload. */
      LIVE_REPLAY_WINDOW: z.coerce
        .number()
        .int()
        .min(1)
        .max(10_000_000)
        .default(defaultReplayWindow),
      /** WebSocket connections one client address may hold open. */
      WS_MAX_CONNECTIONS_PER_IP: z.coerce.number().int().min(1).max(1_000_000).default(50),
      /** Live subscriptions of one address's sockets that nobody is signed in on. */
      WS_MAX_ANONYMOUS_SUBSCRIPTIONS_PER_IP: z.coerce
        .number()
        .int()
        .min(1)
        .max(1_000_000)
        .default(100),
      /** Unsent bytes a socket may hold before its subscriptions wait for it to drain. */
      WS_MAX_BUFFERED_BYTES: z.coerce
        .number()
        .int()
        .min(16_384)
        .max(1_073_741_824)
        .default(1_048_576),
      /** A socket that stays that full this long is closed (1008) as too slow. */
      WS_SLOW_CLIENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
      /** Behind a reverse proxy: believe X-Forwarded-For, -Host and -Proto. */
      TRUST_PROXY: flag.default(false),
      RATE_LIMIT_LOGIN_PER_IP: rateRule("20/60"),
      RATE_LIMIT_LOGIN_PER_ACCOUNT: rateRule("10/300"),
      RATE_LIMIT_REGISTER_PER_IP: rateRule("10/3600"),
      RATE_LIMIT_BOOKINGS_PER_USER: rateRule("60/60"),
      /** Ed25519 private key tickets are signed with: PKCS#8 PEM, or base64 DER on one line. */
      TICKET_SIGNING_KEY: z
        .string()
        .refine(
          parses(parseTicketSigningKey),
          "Use an Ed25519 private key: PKCS#8 PEM, or its base64 DER on one line (`pnpm tickets:keygen` prints one).",
        )
        .optional(),
      /** Comma-separated public keys of earlier signing keys (base64url, as the JWK's x). */
      TICKET_PREVIOUS_PUBLIC_KEYS: z
        .string()
        .default("")
        .transform((value) =>
          value
            .split(",")
            .map((key) => key.trim())
            .filter(Boolean),
        )
        .refine(
          (keys) => keys.every(parses(parseTicketPublicKey)),
          "List Ed25519 public keys (base64url, the x of a JWK), separated by commas.",
        ),
      RATE_LIMIT_PASSWORD_RESET_PER_IP: rateRule("10/3600"),
      RATE_LIMIT_PASSWORD_RESET_PER_ACCOUNT: rateRule("3/3600"),
      /** Where links in emails point (the web app's address); the server's own URL when unset. */
      PUBLIC_URL: z
        .url()
        .refine((value) => /^https?:\/\//.test(value), "Use an http(s):// address.")
        .transform((value) => value.replace(/\/+$/, ""))
        .optional(),
      /** smtp://user:pass@host:587 or smtps://…:465; unset = the local mailbox in development. */
      SMTP_URL: z
        .string()
        .regex(/^smtps?:\/\//, "Use smtp://user:password@host:port (or smtps://).")
        .optional(),
      MAIL_FROM: z
        .string()
        .regex(/@[^\s@>]+>?\s*$/, "Use an address, e.g. Boxoffice <tickets@example.com>.")
        .default("Boxoffice <boxoffice@localhost>"),
      /** smtp | mailbox (kept for the admin Emails page) | off; default from SMTP_URL. */
      EMAIL_DELIVERY: z.enum(["smtp", "mailbox", "off"]).optional(),
      EMAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
      /** The first retry's wait; each later retry waits twice as long (up to an hour). */
      EMAIL_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000),
      /** How often to look for due email anyway (reminders, retries, other instances' mail). */
      EMAIL_POLL_MS: z.coerce.number().int().min(50).max(600_000).default(5_000),
      /** How long a sender holds a message it is sending before another may take it. */
      EMAIL_LEASE_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(120_000),
    },
    runtimeEnv: source,
    emptyStringAsUndefined: true,
    onValidationError(issues) {
      const lines = issues.map((issue) => `  ${issue.path?.join(".") ?? "?"}: ${issue.message}`);
      throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
    },
  });

  const workers = env.WORKERS ?? (env.NODE_ENV === "production" ? availableParallelism() : 1);
  const emailDelivery = env.EMAIL_DELIVERY ?? (env.SMTP_URL ? "smtp" : "mailbox");
  if (emailDelivery === "smtp" && !env.SMTP_URL) {
    throw new EnvError(
      "Invalid environment:\n  SMTP_URL: set it to deliver email by SMTP (EMAIL_DELIVERY=smtp).",
    );
  }
  if (env.NODE_ENV === "production") {
    if (env.SEED_SAMPLE_DATA) {
      throw new EnvError(
        "Invalid environment:\n  SEED_SAMPLE_DATA: sample accounts are never created in production.",
      );
    }
    if (!env.TICKET_SIGNING_KEY) {
      throw new EnvError(
        "Invalid environment:\n  TICKET_SIGNING_KEY: set it in production (an Ed25519 private key; `pnpm tickets:keygen` makes one), so tickets stay valid across restarts and instances.",
      );
    }
    if (!source.DATABASE_URL) {
      throw new EnvError(
        "Invalid environment:\n  DATABASE_URL: set it explicitly in production (where the data lives).",
      );
    }
    if (emailDelivery === "mailbox") {
      throw new EnvError(
        "Invalid environment:\n  SMTP_URL: required in production, so email reaches people " +
          "(or set EMAIL_DELIVERY=off to send none on purpose).",
      );
    }
    if (emailDelivery === "smtp" && !env.PUBLIC_URL) {
      throw new EnvError(
        "Invalid environment:\n  PUBLIC_URL: set the site's address in production, for the links in emails.",
      );
    }
    if (emailDelivery === "smtp" && !source.MAIL_FROM) {
      throw new EnvError(
        "Invalid environment:\n  MAIL_FROM: set the sender address in production, e.g. Boxoffice <tickets@example.com>.",
      );
    }
  }
  return { ...env, WORKERS: workers, EMAIL_DELIVERY: emailDelivery };
}

export type Env = ReturnType<typeof readEnv>;

/** Whether `parse` accepts a value (parse functions throw a message when they do not). */
const parses = (parse: (text: string) => unknown) => (value: string) => {
  try {
    parse(value);
    return true;
  } catch {
    return false;
  }
};

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export class EnvError extends Error {
  override name = "EnvError";
}
