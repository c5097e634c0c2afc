import {
  expireDueOffers,
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
 * close. A new timed job is one more entry in `timedJobs`.
 */
export interface BackgroundJobs {
  /** The email sender, unless EMAIL_DELIVERY=off. */
  mail: MailSender | null;
  stop(): Promise<void>;
}

interface BackgroundJobsOptions {
  env: Env;
  services: OwnedServices;
  logger: Logger;
  /** Where the server listens: links in emails point here unless PUBLIC_URL says otherwise. */
  url: string;
}

export function startBackgroundJobs(options: BackgroundJobsOptions): BackgroundJobs {
  const mail = startMailDelivery(options);
  const timed = startTimedJobs(timedJobs(options), options.logger);
  const jobs: { stop(): Promise<void> }[] = [timed, ...(mail ? [mail] : [])];
  let stopping: Promise<void> | undefined;
  return {
    mail,
    stop() {
      stopping ??= Promise.all(jobs.map((job) => job.stop())).then(() => undefined);
      return stopping;
    },
  };
}

/** Work done again and again on a timer, whether or not requests arrive. */
interface TimedJob {
  name: string;
  /** Pause between the end of one round and the start of the next; 0 turns the job off. */
  everyMs: number;
  run(): Promise<void>;
}

function timedJobs({ env, services, logger }: BackgroundJobsOptions): TimedJob[] {
  return [
    {
      name: "waiting-list offer expiry",
      everyMs: env.WAITLIST_EXPIRY_CHECK_MS,
      async run() {
        const expired = await expireDueOffers(services);
        if (expired > 0) logger.info({ expired }, "expired waiting-list offers, seats passed on");
      },
    },
  ];
}

/**
 * Runs each job once now and then again `everyMs` after each round ends, so a slow round
 * never overlaps the next. A failing round is logged and tried again next time.
 */
function startTimedJobs(jobs: TimedJob[], logger: Logger): { stop(): Promise<void> } {
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<Promise<void>>();

  const round = (job: TimedJob) => {
    if (stopped) return;
    const running = job
      .run()
      .catch((error: unknown) =>
        logger.error({ err: error, job: job.name }, "background job failed"),
      )
      .finally(() => {
        inFlight.delete(running);
        if (stopped) return;
        const timer = setTimeout(() => {
          timers.delete(timer);
          round(job);
        }, job.everyMs).unref();
        timers.add(timer);
      });
    inFlight.add(running);
  };
  for (const job of jobs) if (job.everyMs > 0) round(job);

  return {
    async stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await Promise.all(inFlight);
    },
  };
}

/** Delivers the outbox: by SMTP, into the local mailbox (development), or not at all. */
function startMailDelivery({
  env,
  services,
  logger,
  url,
}: BackgroundJobsOptions): MailSender | null {
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
