import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outbox, passwordResets } from "@boxoffice/db";
import { startTestServer, testPassword, type TestServer, type TestUser } from "../harness.ts";
import { startSmtpInbox, type SmtpInbox } from "../support/smtp-inbox.ts";
import { clientFor, refusalOf } from "../support/trpc-http.ts";

const tokenIn = (text: string | undefined) =>
  /reset-password#token=([a-z0-9]+)/.exec(text ?? "")?.[1];

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

describe("password reset, end to end over SMTP", () => {
  let inbox: SmtpInbox;
  let server: TestServer;
  let user: TestUser;

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    server = await startTestServer({
      env: {
        SMTP_URL: inbox.url,
        EMAIL_DELIVERY: "smtp",
        EMAIL_POLL_MS: "200",
        PUBLIC_URL: "https://tickets.example.com",
      },
    });
    user = await server.addUser("forgetful@example.com");
  });
  afterAll(async () => {
    await server?.destroy();
    await inbox?.stop();
  });

  it("emails a link that sets a new password once and signs every session out", async () => {
    const anonymous = clientFor(server.url);
    const answer = await anonymous.auth.requestPasswordReset.mutate({
      email: "Forgetful@Example.com",
    });
    expect(answer.ok).toBe(true);
    const [mail] = await inbox.waitFor(1);
    expect(mail?.subject).toBe("Reset your Boxoffice password");
    expect(mail?.text).toContain("https://tickets.example.com/reset-password#token=");
    const token = tokenIn(mail?.text);
    expect(token).toBeTruthy();
    expect(mail?.html).toContain(`reset-password#token=${token}`);

    // Only the hash is stored; the outbox keeps no token once the message went out.
    const [reset] = await server.services.db.select().from(passwordResets);
    expect(reset?.id).not.toContain(token);
    expect(reset?.id).toMatch(/^[0-9a-f]{64}$/);
    await server.jobs.mail?.drained();
    const [row] = await server.services.db
      .select()
      .from(outbox)
      .where(eq(outbox.kind, "password_reset"));
    expect(row?.status).toBe("sent");
    expect(JSON.stringify(row)).not.toContain(token);

    expect(await clientFor(server.url, user.token).auth.me.query()).toMatchObject({ id: user.id });
    await anonymous.auth.resetPassword.mutate({
      token: token ?? "",
      newPassword: "a brand new password",
    });
    // Every session ended; the new password works, the old one does not.
    expect(await clientFor(server.url, user.token).auth.me.query()).toBeNull();
    await anonymous.auth.login.mutate({ email: user.email, password: "a brand new password" });
    expect(
      (await refusalOf(anonymous.auth.login.mutate({ email: user.email, password: testPassword })))
        .code,
    ).toBe("UNAUTHORIZED");

    // Single use.
    const reuse = await refusalOf(
      anonymous.auth.resetPassword.mutate({ token: token ?? "", newPassword: "yet another one" }),
    );
    expect(reuse).toMatchObject({ code: "BAD_REQUEST", reason: "RESET_LINK_INVALID" });
  });

  it("a link stops working after 60 minutes", async () => {
    inbox.received.length = 0;
    await clientFor(server.url).auth.requestPasswordReset.mutate({ email: user.email });
    const token = tokenIn((await inbox.waitFor(1))[0]?.text);
    // An hour passes (for this link).
    await server.services.database.writer.run((tx) =>
      tx.update(passwordResets).set({ expiresAt: Date.now() - 1 }),
    );
    const expired = await refusalOf(
      clientFor(server.url).auth.resetPassword.mutate({
        token: token ?? "",
        newPassword: "too late for this",
      }),
    );
    expect(expired.reason).toBe("RESET_LINK_INVALID");
    expect(expired.message).toMatch(/expired or was already used/);
  });

  it("answers an unknown email the same, in similar time, and sends nothing", async () => {
    inbox.received.length = 0;
    const anonymous = clientFor(server.url);
    const known: number[] = [];
    const unknown: number[] = [];
    const answers = new Set<string>();
    for (let i = 0; i < 12; i++) {
      for (const [email, times] of [
        [user.email, known],
        [`nobody-${i}@example.com`, unknown],
      ] as const) {
        const started = performance.now();
        answers.add(JSON.stringify(await anonymous.auth.requestPasswordReset.mutate({ email })));
        times.push(performance.now() - started);
      }
    }
    expect(answers.size).toBe(1);
    const [a, b] = [median(known), median(unknown)];
    // Both take one trip through the writer; the difference is a couple of inserts.
    expect(Math.abs(a - b), `known ${a.toFixed(1)} ms, unknown ${b.toFixed(1)} ms`).toBeLessThan(
      Math.max(10, 0.5 * Math.max(a, b)),
    );
    await inbox.waitFor(12);
    await server.jobs.mail?.drained();
    expect(inbox.received.every((mail) => inbox.to(user.email).includes(mail))).toBe(true);
  });
});
