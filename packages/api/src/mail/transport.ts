import { createTransport } from "nodemailer";
import type { MailAttachment } from "./render.ts";

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  /** `<…@domain>`, the same on every attempt, so a client shows a message delivered twice once. */
  messageId: string;
  attachments: MailAttachment[];
}

/**
 * Where messages go. `smtp` hands them to a mail server; `mailbox` keeps them in the outbox
 * itself (the admin area's Emails page is the inbox), for development without a mail server.
 */
export interface MailTransport {
  kind: "smtp" | "mailbox";
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/**
 * SMTP through nodemailer, pooled (a few kept-open connections instead of one per message),
 * with timeouts well inside the sender's lease, so a hung server fails an attempt instead of
 * outliving the lease and letting another process send the same message meanwhile.
 */
export function smtpTransport(url: string): MailTransport {
  const transporter = createTransport({
    url,
    pool: true,
    maxConnections: 3,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    kind: "smtp",
    async send(mail) {
      await transporter.sendMail({
        ...mail,
        headers: { "Auto-Submitted": "auto-generated" },
      });
    },
    close: () => transporter.close(),
  };
}

/** Delivered means kept: the sender stores what the recipient would have got. */
export const mailboxTransport: MailTransport = {
  kind: "mailbox",
  async send() {},
  close() {},
};
