import { and, asc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { outbox, type AppDatabase, type OutboxMessage } from "@boxoffice/db";
import { refuse, succeed, type Outcome } from "./outcome.ts";

/**
 * The sender's side of the outbox. Claiming is one guarded UPDATE … RETURNING inside the
 * writer's transaction (which holds SQLite's write lock), so two processes never claim the
 * same row: a row is claimable only while pending, due and not leased (or its lease has run
 * out, which is how a message whose sender died is picked up again).
 */
export async function claimOutboxMessages(
  tx: AppDatabase,
  input: { workerId: string; limit: number; leaseMs: number },
  now: number,
): Promise<Outcome<{ messages: OutboxMessage[] }>> {
  const due = tx
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      and(
        eq(outbox.status, "pending"),
        lte(outbox.sendAfter, now),
        or(isNull(outbox.leaseUntil), lte(outbox.leaseUntil, now)),
      ),
    )
    .orderBy(asc(outbox.sendAfter), asc(outbox.id))
    .limit(input.limit);
  const messages = await tx
    .update(outbox)
    .set({
      leaseUntil: now + input.leaseMs,
      leasedBy: input.workerId,
      // Counted when taken: a message whose sending crashes the process still runs out of
      // attempts instead of crashing every process that picks it up.
      attempts: sql`${outbox.attempts} + 1`,
    })
    .where(
      and(
        inArray(outbox.id, due),
        eq(outbox.status, "pending"),
        or(isNull(outbox.leaseUntil), lte(outbox.leaseUntil, now)),
      ),
    )
    .returning();
  messages.sort((a, b) => a.sendAfter - b.sendAfter || a.id - b.id);
  return succeed({ messages });
}

export type DeliveryResult =
  /** Delivered (or put in the local mailbox): what the recipient got, for the admin mailbox. */
  | { status: "sent"; subject: string; html: string; text: string }
  /** The transport refused or failed: tried again after `retryDelayMs`, or dead at the last attempt. */
  | { status: "failed"; error: string; retryDelayMs: number; maxAttempts: number }
  /** Nothing to say any more (the booking was cancelled, the reset link expired). */
  | { status: "skipped"; reason: string };

/**
 * Records what happened to a claimed message. Whatever the result, a password reset's token
 * leaves the row here: it was only kept so the message could be written.
 */
export async function settleOutboxMessage(
  tx: AppDatabase,
  input: { id: number; workerId: string; result: DeliveryResult },
  now: number,
): Promise<Outcome<{ message: OutboxMessage }>> {
  const { result } = input;
  const withoutSecrets = sql`json_remove(${outbox.payload}, '$.token')`;
  const release = { leaseUntil: null, leasedBy: null };
  const changes =
    result.status === "sent"
      ? {
          ...release,
          status: "sent" as const,
          sentAt: now,
          subject: result.subject,
          html: result.html,
          text: result.text,
          lastError: null,
          payload: withoutSecrets,
        }
      : result.status === "skipped"
        ? {
            ...release,
            status: "cancelled" as const,
            lastError: result.reason,
            payload: withoutSecrets,
          }
        : {
            ...release,
            lastError: result.error.slice(0, 2_000),
            status: sql`CASE WHEN ${outbox.attempts} >= ${result.maxAttempts} THEN 'dead' ELSE 'pending' END`,
            sendAfter: now + result.retryDelayMs,
            payload: sql`CASE WHEN ${outbox.attempts} >= ${result.maxAttempts} THEN ${withoutSecrets} ELSE ${outbox.payload} END`,
          };
  // Only while still pending: a message another sender already delivered stays delivered.
  // The lease holder is not checked: a sender whose lease ran out still reports the truth.
  const [message] = await tx
    .update(outbox)
    .set(changes)
    .where(and(eq(outbox.id, input.id), eq(outbox.status, "pending")))
    .returning();
  if (!message) return refuse({ code: "NOT_FOUND", entity: "message" });
  return succeed({ message });
}

/** An admin sends a dead-lettered message again: pending, due now, with fresh attempts. */
export async function retryOutboxMessage(
  tx: AppDatabase,
  input: { id: number },
  now: number,
): Promise<Outcome<{ message: OutboxMessage }>> {
  const [message] = await tx
    .update(outbox)
    .set({ status: "pending", attempts: 0, sendAfter: now, leaseUntil: null, leasedBy: null })
    .where(and(eq(outbox.id, input.id), eq(outbox.status, "dead")))
    .returning();
  if (message) return succeed({ message });
  const [existing] = await tx
    .select({ id: outbox.id })
    .from(outbox)
    .where(eq(outbox.id, input.id))
    .limit(1);
  return refuse(existing ? { code: "NOT_DEAD" } : { code: "NOT_FOUND", entity: "message" });
}
