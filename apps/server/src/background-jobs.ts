import {
  mailboxTransport,
  smtpTransport,
  startMailSender,
  type MailSender,
  type OwnedServices,
} from "@boxoffice/api";
import type { Env } from "./env.ts";
import type { Logger } from "./logger.ts";

/**
 * Work the server does on its own, beside requests: each job starts here with the server,
 * runs on unref'd timers (it never keeps the process alive), and stops before the services
 * close. A new job is one more entry in `startBackgroundJobs`.
 */
export interface BackgroundJobs {
  /** The email sender, unless EMAIL_DELIVERY=off. */
  mail: MailSender | null;
  stop(): Promise<void>;
}

export function startBackgroundJobs(options: {
  env: Env;
  services: OwnedServices;
  logger: Logger;
  /** Where the server listens: links in emails point here unless PUBLIC_URL says otherwise. */
  url: string;
}): BackgroundJobs {
  const mail = startMailDelivery(options);
  const jobs: { stop(): Promise<void> }[] = [mail].filter((job) => job !== null);
  let stopping: Promise<void> | undefined;
  return {
    mail,
    stop() {
      stopping ??= Promise.all(jobs.map((job) => job.stop())).then(() => undefined);
      return stopping;
    },
  };
}

/** Delivers the outbox: by SMTP, into the local mailbox (development), or not at all. */
function startMailDelivery({
  env,
  services,
  logger,
  url,
}: Parameters<typeof startBackgroundJobs>[0]): MailSender | null {
  if (env.EMAIL_DELIVERY === "off") {
    logger.info("email delivery is off: messages stay in the outbox");
    return null;
  }
  const transport =
    env.EMAIL_DELIVERY === "smtp" && env.SMTP_URL ? smtpTransport(env.SMTP_URL) : mailboxTransport;
  if (transport.kind === "mailbox") {
    logger.info("no SMTP_URL: email is delivered to the local mailbox (Admin → Emails)");
  }
  return startMailSender({
    db: services.db,
    commands: services.commands,
    commits: services.commits,
    transport,
    from: env.MAIL_FROM,
    publicUrl: env.PUBLIC_URL ?? url,
    clock: services.clock,
    logger: logger.child({ job: "email" }),
    maxAttempts: env.EMAIL_MAX_ATTEMPTS,
    retryBaseMs: env.EMAIL_RETRY_BASE_MS,
    pollMs: env.EMAIL_POLL_MS,
    leaseMs: env.EMAIL_LEASE_MS,
  });
}
