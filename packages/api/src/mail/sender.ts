import { hostname } from "node:os";
import { and, eq, isNull, lte, or, sql } from "drizzle-orm";
import { outbox, type OutboxMessage, type ReadDatabase } from "@boxoffice/db";
import type { Clock, CommandName, Commands } from "../commands/index.ts";
import { unwrap } from "../errors.ts";
import { renderMessage } from "./render.ts";
import type { MailTransport } from "./transport.ts";

export interface MailSenderLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface MailSenderOptions {
  db: ReadDatabase;
  commands: Pick<Commands, "claimOutboxMessages" | "settleOutboxMessage">;
  /** Commits in this process: a commit may have written a message, so look now. */
  commits: { subscribe(listener: (name: CommandName) => void): () => void };
  transport: MailTransport;
  /** `Boxoffice <tickets@example.com>` */
  from: string;
  /** The web app's address, for links in messages. */
  publicUrl: string;
  clock: Clock;
  logger: MailSenderLogger;
  /** After this many failed attempts a message is dead (admins can retry it). */
  maxAttempts: number;
  /** The first retry waits this long; each later one twice as long, up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs?: number;
  /** How long a claim lasts: longer than any one SMTP conversation (see transport.ts). */
  leaseMs?: number;
  /** How often to look for due messages anyway: reminders, retries, other processes' mail. */
  pollMs: number;
  batchSize?: number;
  /** Messages in flight at once. */
  concurrency?: number;
}

export interface MailSender {
  /** Look for due messages now. */
  wake(): void;
  /** Resolves once nothing due is left (tests and scripts wait on it). */
  drained(): Promise<void>;
  /** Finishes the messages in flight, then stops; claims nothing more. */
  stop(): Promise<void>;
}

/** Commands that never write a message: no reason to look after them. */
const quietCommands = new Set<CommandName>([
  "claimOutboxMessages",
  "settleOutboxMessage",
  "startSession",
  "extendSession",
  "endSession",
]);

/** `Boxoffice <tickets@example.com>` → `example.com` */
export function domainOf(address: string): string {
  return /@([^\s@>]+)>?\s*$/.exec(address)?.[1] ?? "boxoffice.invalid";
}

/**
 * Delivers the outbox, at least once. Each pass claims due messages with a lease (a command
 * on the writer, so no two processes claim one message), renders each from the database as it
 * is now, hands it to the transport and records the result: sent (with what was sent, for
 * the admin mailbox), a retry after an exponentially growing wait, or dead after
 * `maxAttempts`. A process that dies between sending and recording leaves the lease to run
 * out; the message is then sent again, with the same Message-ID. Nothing is ever lost; a
 * crash at the worst moment costs one duplicate that mail clients recognise.
 */
export function startMailSender(options: MailSenderOptions): MailSender {
  const {
    db,
    commands,
    transport,
    clock,
    logger,
    maxAttempts,
    retryBaseMs,
    retryMaxMs = 3_600_000,
    leaseMs = 120_000,
    pollMs,
    batchSize = 50,
    concurrency = 4,
  } = options;
  const workerId = `${hostname()}:${process.pid}:${crypto.randomUUID().slice(0, 8)}`;
  const domain = domainOf(options.from);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const idleWaiters: (() => void)[] = [];

  const now = () => clock();
  const dueNow = () =>
    and(
      eq(outbox.status, "pending"),
      lte(outbox.sendAfter, now()),
      or(isNull(outbox.leaseUntil), lte(outbox.leaseUntil, now())),
    );

  async function anythingDue(): Promise<boolean> {
    const [row] = await db.select({ id: outbox.id }).from(outbox).where(dueNow()).limit(1);
    return row !== undefined;
  }

  /** When the next pending message becomes due (or its lease runs out), if any. */
  async function nextDueAt(): Promise<number | null> {
    const [row] = await db
      .select({
        at: sql<
          number | null
        >`min(max(${outbox.sendAfter}, coalesce(${outbox.leaseUntil}, 0)))`.mapWith(Number),
      })
      .from(outbox)
      .where(eq(outbox.status, "pending"));
    return row?.at ?? null;
  }

  function retryDelay(attempts: number): number {
    const ceiling = Math.min(retryBaseMs * 2 ** Math.max(0, attempts - 1), retryMaxMs);
    // 75–100 %: processes that failed together do not all come back at the same moment.
    return Math.round(ceiling * (0.75 + Math.random() / 4));
  }

  async function deliver(message: OutboxMessage): Promise<void> {
    const settle = (result: Parameters<Commands["settleOutboxMessage"]>[0]["result"]) =>
      commands.settleOutboxMessage({ id: message.id, workerId, result });
    let rendered;
    try {
      rendered = await renderMessage(db, message, {
        publicUrl: options.publicUrl,
        now: now(),
      });
    } catch (error) {
      logger.error({ err: error, messageId: message.id }, "could not write an email");
      await settle({
        status: "failed",
        error: `could not write the message: ${String(error)}`,
        retryDelayMs: retryDelay(message.attempts),
        maxAttempts,
      });
      return;
    }
    if (rendered.status === "skip") {
      await settle({ status: "skipped", reason: rendered.reason });
      return;
    }
    try {
      await transport.send({
        from: options.from,
        to: message.recipient,
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
        messageId: `<${message.messageId}@${domain}>`,
        attachments: rendered.attachments,
      });
    } catch (error) {
      const outcome = await settle({
        status: "failed",
        error: error instanceof Error ? error.message : String(error),
        retryDelayMs: retryDelay(message.attempts),
        maxAttempts,
      });
      const dead = outcome.ok && outcome.message.status === "dead";
      logger[dead ? "error" : "warn"](
        { messageId: message.id, attempts: message.attempts, err: error },
        dead ? "email gave up after its last attempt" : "email not sent; will retry",
      );
      return;
    }
    // The mailbox is the inbox: it keeps the message as the recipient gets it. A copy of a
    // message that went out by SMTP keeps no secrets (a reset link).
    const kept = transport.kind === "smtp" && rendered.archived ? rendered.archived : rendered;
    await settle({ status: "sent", subject: rendered.subject, html: kept.html, text: kept.text });
  }

  async function pass(): Promise<void> {
    while (!stopped && (await anythingDue())) {
      const { messages } = unwrap(
        await commands.claimOutboxMessages({ workerId, limit: batchSize, leaseMs }),
      );
      if (messages.length === 0) return;
      const queue = [...messages];
      await Promise.all(
        Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
          for (let next = queue.shift(); next; next = queue.shift()) {
            await deliver(next).catch((error: unknown) => {
              // Recording failed (the database is closing?): the lease runs out and the
              // message is sent again later.
              logger.error({ err: error, messageId: next?.id }, "could not record an email");
            });
          }
        }),
      );
    }
  }

  function schedule(delayMs: number) {
    clearTimeout(timer);
    if (stopped) return;
    timer = setTimeout(run, Math.max(0, delayMs));
    timer.unref();
  }

  async function scheduleNext() {
    const next = await nextDueAt().catch(() => null);
    if (stopped) return;
    const wait = next === null ? pollMs : Math.min(pollMs, Math.max(0, next - now()) + 5);
    schedule(wait);
  }

  function run() {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        await pass().catch((error: unknown) => {
          logger.error({ err: error }, "email delivery pass failed");
        });
      } while (again && !stopped);
      if (!(await anythingDue().catch(() => false))) {
        for (const resolve of idleWaiters.splice(0)) resolve();
      }
      await scheduleNext();
    })().finally(() => {
      running = null;
    });
  }

  const unsubscribe = options.commits.subscribe((name) => {
    if (!quietCommands.has(name)) run();
  });
  schedule(0);

  return {
    wake: run,
    drained() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        run();
      });
    },
    async stop() {
      stopped = true;
      unsubscribe();
      clearTimeout(timer);
      await running;
      for (const resolve of idleWaiters.splice(0)) resolve();
      transport.close();
    },
  };
}
