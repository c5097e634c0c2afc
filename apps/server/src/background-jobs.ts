import { expireDueOffers, type Services } from "@boxoffice/api";
import type { Env } from "./env.ts";
import type { Logger } from "./logger.ts";

/** Work the server does on its own, on a timer, whether or not requests arrive. */
export interface BackgroundJob {
  name: string;
  /** Pause between the end of one round and the start of the next; 0 turns the job off. */
  everyMs: number;
  run(): Promise<void>;
}

/** Every background job of the server. A new one is one more entry here. */
export function backgroundJobs(env: Env, services: Services, logger: Logger): BackgroundJob[] {
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

export interface RunningJobs {
  /** No new rounds; resolves once the rounds in flight have finished. */
  stop(): Promise<void>;
}

/**
 * Runs each job once now and then again `everyMs` after each round ends, so a slow round
 * never overlaps the next. Timers are unref'd (they never keep the process alive), and a
 * failing round is logged and tried again next time.
 */
export function startBackgroundJobs(jobs: BackgroundJob[], logger: Logger): RunningJobs {
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<Promise<void>>();

  const round = (job: BackgroundJob) => {
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
