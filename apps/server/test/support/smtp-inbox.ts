import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";
import { freePort } from "./free-port.ts";

/**
 * A real SMTP server (smtp-server, from nodemailer's authors) on a loopback port, receiving
 * what Boxoffice sends: each message is parsed back with mailparser. It can be stopped and
 * started again on the same port (a mail server that is down for a while), and can `hold`
 * messages: accept the connection and the data but never answer, as a hung server does.
 */
export interface SmtpInbox {
  port: number;
  url: string;
  received: ParsedMail[];
  /** Connections that started sending a message (accepted or not). */
  attempts: number;
  hold: boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Waits until `count` messages arrived (or fails after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>;
  to(address: string): ParsedMail[];
}

export async function startSmtpInbox(options: { port?: number; listen?: boolean } = {}) {
  const port = options.port ?? (await freePort());
  let server: SMTPServer | null = null;
  const inbox: SmtpInbox = {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received: [],
    attempts: 0,
    hold: false,
    async start() {
      if (server) return;
      const smtp = new SMTPServer({
        authOptional: true,
        disabledCommands: ["STARTTLS", "AUTH"],
        logger: false,
        onData(stream, _session, callback) {
          inbox.attempts++;
          if (inbox.hold) {
            // Read it, never answer: the sender's attempt hangs until it is killed.
            stream.resume();
            return;
          }
          simpleParser(stream).then(
            (mail) => {
              inbox.received.push(mail);
              callback();
            },
            (error: Error) => callback(error),
          );
        },
      });
      await new Promise<void>((resolve, reject) => {
        smtp.once("error", reject);
        smtp.listen(port, "127.0.0.1", () => resolve());
      });
      smtp.on("error", () => {});
      server = smtp;
    },
    async stop() {
      const closing = server;
      server = null;
      if (!closing) return;
      // Held connections would keep close() waiting: end them.
      await new Promise<void>((resolve) => {
        closing.close(() => resolve());
        const connections = (closing as unknown as { connections?: Set<{ close(): void }> })
          .connections;
        for (const connection of connections ?? []) connection.close();
      });
    },
    async waitFor(count, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (inbox.received.length < count) {
        if (Date.now() > deadline) {
          throw new Error(
            `Timed out waiting for ${count} emails; ${inbox.received.length} arrived`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      return inbox.received;
    },
    to(address) {
      return inbox.received.filter((mail) =>
        [mail.to ?? []].flat().some((to) => to.value.some((a) => a.address === address)),
      );
    },
  };
  if (options.listen !== false) await inbox.start();
  return inbox;
}
