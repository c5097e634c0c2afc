import { describe, expect, it } from "vitest";
import { generateTicketSigningKey } from "@boxoffice/auth";
import { EnvError, readEnv } from "../../src/env.ts";

const production = {
  NODE_ENV: "production",
  DATABASE_URL: "file:/srv/boxoffice.db",
  TICKET_SIGNING_KEY: generateTicketSigningKey().privateKey,
};

describe("email settings", () => {
  it("development without SMTP_URL delivers to the local mailbox; with it, by SMTP", () => {
    expect(readEnv({}).EMAIL_DELIVERY).toBe("mailbox");
    expect(readEnv({ SMTP_URL: "smtp://mail.test:587" }).EMAIL_DELIVERY).toBe("smtp");
    expect(readEnv({ EMAIL_DELIVERY: "off" }).EMAIL_DELIVERY).toBe("off");
  });

  it("production requires SMTP_URL unless EMAIL_DELIVERY=off says so on purpose", () => {
    expect(() => readEnv(production)).toThrow(EnvError);
    expect(() => readEnv(production)).toThrow(/SMTP_URL: required in production/);
    expect(() => readEnv({ ...production, EMAIL_DELIVERY: "mailbox" })).toThrow(/SMTP_URL/);
    expect(readEnv({ ...production, EMAIL_DELIVERY: "off" }).EMAIL_DELIVERY).toBe("off");
    const smtp = { ...production, SMTP_URL: "smtps://user:secret@mail.test:465" };
    expect(() => readEnv(smtp)).toThrow(/PUBLIC_URL/);
    expect(() => readEnv({ ...smtp, PUBLIC_URL: "https://tickets.example.com" })).toThrow(
      /MAIL_FROM/,
    );
    const complete = readEnv({
      ...smtp,
      PUBLIC_URL: "https://tickets.example.com/",
      MAIL_FROM: "Boxoffice <tickets@example.com>",
    });
    expect(complete).toMatchObject({
      EMAIL_DELIVERY: "smtp",
      PUBLIC_URL: "https://tickets.example.com",
    });
  });

  it("names a bad email setting", () => {
    expect(() => readEnv({ SMTP_URL: "mail.test" })).toThrow(/SMTP_URL/);
    expect(() => readEnv({ EMAIL_DELIVERY: "smtp" })).toThrow(/SMTP_URL: set it/);
    expect(() => readEnv({ MAIL_FROM: "nobody" })).toThrow(/MAIL_FROM/);
    expect(() => readEnv({ EMAIL_MAX_ATTEMPTS: "0" })).toThrow(/EMAIL_MAX_ATTEMPTS/);
    expect(() => readEnv({ RATE_LIMIT_PASSWORD_RESET_PER_IP: "lots" })).toThrow(
      /RATE_LIMIT_PASSWORD_RESET_PER_IP/,
    );
  });
});
