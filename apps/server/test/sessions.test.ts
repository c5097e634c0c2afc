import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateTicketSigningKey, sessionIdOf } from "@boxoffice/auth";
import { signInAs } from "@boxoffice/api/testing";
import { sessions, users } from "@boxoffice/db";
import { startTestServer, testPassword, type TestServer, type TestUser } from "./harness.ts";
import { snapshotOf } from "./support/db-snapshot.ts";
import { createEvent, day } from "./support/fixtures.ts";
import { bearer, clientFor, rawCall, refusalOf, type RawAnswer } from "./support/trpc-http.ts";

const cookieName = "boxoffice_session";

/** The one Set-Cookie of an answer, split into value and lower-cased attributes. */
function sessionCookieOf(answer: RawAnswer) {
  const cookies = answer.headers.getSetCookie();
  expect(cookies).toHaveLength(1);
  const [pair = "", ...parts] = (cookies[0] ?? "").split(/;\s*/);
  const [name, value] = pair.split("=");
  const attributes = new Map(
    parts.map((part) => {
      const [key = "", attribute = ""] = part.split("=");
      return [key.toLowerCase(), attribute] as const;
    }),
  );
  return { name, value: value ?? "", attributes };
}

type AuthResult = { result: { data: { user: { id: number }; token: string | null } } };
const dataOf = (answer: RawAnswer) => (answer.body as AuthResult).result.data;
const cookie = (token: string) => ({ cookie: `${cookieName}=${token}` });

describe("sessions over HTTP", () => {
  let server: TestServer;
  let counter = 0;
  const freshEmail = () => `person-${++counter}@example.com`;

  const register = (email: string, extra: Record<string, unknown> = {}) =>
    rawCall(server.url, "auth.register", {
      method: "POST",
      input: { email, name: "Person", password: "a fine password", ...extra },
    });
  const login = (email: string, password: string, headers: Record<string, string> = {}) =>
    rawCall(server.url, "auth.login", { method: "POST", input: { email, password }, headers });
  const me = async (headers: Record<string, string>) => {
    const answer = await rawCall(server.url, "auth.me", { headers });
    expect(answer.status).toBe(200);
    return (answer.body as { result: { data: { id: number; role: string } | null } }).result.data;
  };
  const sessionRow = async (token: string) =>
    (
      await server.services.db
        .select()
        .from(sessions)
        .where(eq(sessions.id, sessionIdOf(token)))
    )[0];

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.destroy();
  });

  it("register sets an HttpOnly, SameSite=Lax, Path=/ cookie (no Secure outside production)", async () => {
    const answer = await register(freshEmail());
    expect(answer.status).toBe(200);
    const set = sessionCookieOf(answer);
    expect(set.name).toBe(cookieName);
    expect(set.value).toMatch(/^[a-z2-7]{32}$/);
    expect(set.attributes.has("httponly")).toBe(true);
    expect(set.attributes.get("samesite")).toBe("Lax");
    expect(set.attributes.get("path")).toBe("/");
    expect(set.attributes.has("secure")).toBe(false);
    expect(Number(set.attributes.get("max-age"))).toBeGreaterThan(29 * 24 * 3600);
    // Without returnToken, the token is only in the cookie.
    expect(dataOf(answer).token).toBeNull();
    expect(await me(cookie(set.value))).toMatchObject({ id: dataOf(answer).user.id, role: "user" });
    // Only its hash is stored.
    expect(await sessionRow(set.value)).toMatchObject({ userId: dataOf(answer).user.id });
    expect(await sessionRow(sessionIdOf(set.value))).toBeUndefined();
  });

  it("returnToken hands API clients the cookie's token for a Bearer header", async () => {
    const answer = await register(freshEmail(), { returnToken: true });
    const { token, user } = dataOf(answer);
    expect(token).toBe(sessionCookieOf(answer).value);
    expect(await me(bearer(token ?? ""))).toMatchObject({ id: user.id });
  });

  it("login: a wrong password and an unknown email get the same answer", async () => {
    const email = freshEmail();
    await register(email);
    const wrongPassword = await refusalOf(
      clientFor(server.url).auth.login.mutate({ email, password: "not the password" }),
    );
    const unknownEmail = await refusalOf(
      clientFor(server.url).auth.login.mutate({
        email: "nobody-here@example.com",
        password: "a fine password",
      }),
    );
    expect(wrongPassword).toEqual(unknownEmail);
    expect(wrongPassword).toMatchObject({ code: "UNAUTHORIZED", httpStatus: 401 });
    // Emails are matched case-insensitively.
    const ok = await login(email.toUpperCase(), "a fine password");
    expect(ok.status).toBe(200);
    expect(await me(cookie(sessionCookieOf(ok).value))).toMatchObject({
      id: dataOf(ok).user.id,
    });
  });

  it("an explicit Bearer token wins over the cookie", async () => {
    const [a, b] = await Promise.all([server.addUser(freshEmail()), server.addUser(freshEmail())]);
    expect(await me({ ...bearer(a.token), ...cookie(b.token) })).toMatchObject({ id: a.id });
    expect(await me(cookie(b.token))).toMatchObject({ id: b.id });
    expect(await me({ ...bearer("not-a-token"), ...cookie(b.token) })).toBeNull();
  });

  it("logout clears the cookie and kills the token", async () => {
    const user = await server.addUser(freshEmail());
    const answer = await rawCall(server.url, "auth.logout", {
      method: "POST",
      headers: cookie(user.token),
    });
    expect(answer.status).toBe(200);
    const cleared = sessionCookieOf(answer);
    expect(cleared.value).toBe("");
    expect(cleared.attributes.get("max-age")).toBe("0");
    expect(new Date(cleared.attributes.get("expires") ?? "").getTime()).toBe(0);
    expect(await me(cookie(user.token))).toBeNull();
    expect(await sessionRow(user.token)).toBeUndefined();
    // Logging out again (or signed out) is harmless.
    expect((await rawCall(server.url, "auth.logout", { method: "POST" })).status).toBe(200);
  });

  it("an expired session is signed out and deleted; one near expiry slides forward", async () => {
    const user = await server.addUser(freshEmail());
    const id = sessionIdOf(user.token);
    const setExpiry = (expiresAt: number) =>
      server.services.database.writer.run((tx) =>
        tx.update(sessions).set({ expiresAt }).where(eq(sessions.id, id)),
      );

    await setExpiry(Date.now() + day);
    expect(await me(bearer(user.token))).toMatchObject({ id: user.id });
    expect((await sessionRow(user.token))?.expiresAt).toBeGreaterThan(Date.now() + 29 * day);

    await setExpiry(Date.now() - 1_000);
    expect(await me(bearer(user.token))).toBeNull();
    expect(await sessionRow(user.token)).toBeUndefined();
    const refusal = await refusalOf(clientFor(server.url, user.token).bookings.mine.query());
    expect(refusal.code).toBe("UNAUTHORIZED");
  });

  it("changing the password ends every other session and keeps the current one", async () => {
    const user = await server.addUser(freshEmail());
    const other = await signInAs(server.services, user.id);
    const client = clientFor(server.url, user.token);

    const wrong = await refusalOf(
      client.auth.changePassword.mutate({
        currentPassword: "not my password",
        newPassword: "a brand new password",
      }),
    );
    expect(wrong.code).toBe("UNAUTHORIZED");
    expect(await me(bearer(other))).toMatchObject({ id: user.id });

    await client.auth.changePassword.mutate({
      currentPassword: testPassword,
      newPassword: "a brand new password",
    });
    expect(await me(bearer(user.token))).toMatchObject({ id: user.id });
    expect(await me(bearer(other))).toBeNull();
    expect((await login(user.email, testPassword)).status).toBe(401);
    expect((await login(user.email, "a brand new password")).status).toBe(200);
  });

  it("demotion signs the demoted user out everywhere", async () => {
    const admin = await server.addUser(freshEmail(), "admin");
    const other = await server.addUser(freshEmail());
    const second = await signInAs(server.services, other.id);
    const promoted = await clientFor(server.url, admin.token).admin.users.promote.mutate({
      userId: other.id,
    });
    expect(promoted.role).toBe("admin");
    await clientFor(server.url, other.token).admin.stats.query();

    const demoted = await clientFor(server.url, admin.token).admin.users.demote.mutate({
      userId: other.id,
    });
    expect(demoted.role).toBe("user");
    expect(await me(bearer(other.token))).toBeNull();
    expect(await me(bearer(second))).toBeNull();
    const refusal = await refusalOf(clientFor(server.url, other.token).admin.stats.query());
    expect(refusal.code).toBe("UNAUTHORIZED");
    expect(await me(bearer(admin.token))).toMatchObject({ id: admin.id, role: "admin" });
  });

  describe("Origin check on mutations", () => {
    let user: TestUser;
    let eventId: number;
    beforeAll(async () => {
      user = await server.addUser(freshEmail());
      eventId = (await createEvent(server.services, user.id)).id;
    });
    const bookWith = (headers: Record<string, string>, key: string) =>
      rawCall(server.url, "bookings.create", {
        method: "POST",
        input: { eventId, seats: 1, idempotencyKey: key },
        headers: { ...cookie(user.token), ...headers },
      });

    it("a cross-site mutation is FORBIDDEN and changes nothing", async () => {
      const before = await snapshotOf(server.services.db);
      for (const origin of ["https://evil.example", "null", `http://127.0.0.1.evil.example`]) {
        const answer = await bookWith({ origin }, `cross-site-${origin.length}`);
        expect(answer.status).toBe(403);
        expect(answer.body).toMatchObject({ error: { data: { code: "FORBIDDEN" } } });
      }
      // A form a hostile page could post (no CORS preflight) cannot sign the user out.
      const form = new FormData();
      form.set("x", "1");
      const logout = await fetch(`${server.url}/trpc/auth.logout`, {
        method: "POST",
        body: form,
        headers: { ...cookie(user.token), origin: "https://evil.example" },
      });
      expect(logout.status).toBe(403);
      expect(await snapshotOf(server.services.db)).toEqual(before);
      expect(await me(cookie(user.token))).toMatchObject({ id: user.id });
    });

    it("queries are answered whatever the Origin", async () => {
      const answer = await rawCall(server.url, "auth.me", {
        headers: { ...cookie(user.token), origin: "https://evil.example" },
      });
      expect(answer.status).toBe(200);
    });

    it("same-origin and Origin-less (bearer) mutations work", async () => {
      expect((await bookWith({ origin: server.url }, "same-origin-1")).status).toBe(200);
      const bearerOnly = await rawCall(server.url, "bookings.create", {
        method: "POST",
        input: { eventId, seats: 1, idempotencyKey: "no-origin-1" },
        headers: bearer(user.token),
      });
      expect(bearerOnly.status).toBe(200);
    });
  });

  it("the last admin cannot be demoted; of two admins demoting each other, one stays", async () => {
    const lone = await startTestServer();
    try {
      const [first, second] = await Promise.all([
        lone.addUser("first@example.com", "admin"),
        lone.addUser("second@example.com", "admin"),
      ]);
      const results = await Promise.allSettled([
        clientFor(lone.url, first.token).admin.users.demote.mutate({ userId: second.id }),
        clientFor(lone.url, second.token).admin.users.demote.mutate({ userId: first.id }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const admins = await lone.services.db.select().from(users).where(eq(users.role, "admin"));
      expect(admins).toHaveLength(1);

      const last = admins[0];
      const token = last?.id === first.id ? first.token : second.token;
      const refusal = await refusalOf(
        clientFor(lone.url, token).admin.users.demote.mutate({ userId: last?.id ?? 0 }),
      );
      expect(refusal).toMatchObject({ code: "CONFLICT", reason: "LAST_ADMIN", httpStatus: 409 });
      expect(refusal.message).toMatch(/last admin/i);
      expect(await clientFor(lone.url, token).auth.me.query()).toMatchObject({ role: "admin" });
    } finally {
      await lone.destroy();
    }
  });

  it("in production the cookie is Secure", async () => {
    const production = await startTestServer({
      env: { NODE_ENV: "production", TICKET_SIGNING_KEY: generateTicketSigningKey().privateKey },
    });
    try {
      const answer = await rawCall(production.url, "auth.register", {
        method: "POST",
        input: { email: "prod@example.com", name: "Prod", password: "a fine password" },
      });
      expect(answer.status).toBe(200);
      expect(sessionCookieOf(answer).attributes.has("secure")).toBe(true);
    } finally {
      await production.destroy();
    }
  });

  describe("with tight limits and an extra allowed origin", () => {
    let limited: TestServer;
    beforeAll(async () => {
      limited = await startTestServer({
        env: {
          RATE_LIMIT_LOGIN_PER_IP: "3/60",
          RATE_LIMIT_BOOKINGS_PER_USER: "2/60",
          ALLOWED_ORIGINS: "https://app.example",
        },
      });
    });
    afterAll(async () => {
      await limited.destroy();
    });

    it("the fourth login from one IP in a minute is TOO_MANY_REQUESTS with a retry hint", async () => {
      const user = await limited.addUser("limited@example.com");
      const client = clientFor(limited.url);
      for (let attempt = 0; attempt < 3; attempt++) {
        const refusal = await refusalOf(
          client.auth.login.mutate({ email: user.email, password: "wrong password" }),
        );
        expect(refusal.code).toBe("UNAUTHORIZED");
      }
      // Even the right password waits now.
      const limitedAnswer = await refusalOf(
        client.auth.login.mutate({ email: user.email, password: testPassword }),
      );
      expect(limitedAnswer).toMatchObject({ code: "TOO_MANY_REQUESTS", httpStatus: 429 });
      expect(limitedAnswer.retryAfterSeconds).toBeGreaterThan(0);
      expect(limitedAnswer.retryAfterSeconds).toBeLessThanOrEqual(60);
      expect(limitedAnswer.message).toMatch(/try again/i);
    });

    it("bookings are limited per user", async () => {
      const [user, other] = await Promise.all([
        limited.addUser("booker@example.com"),
        limited.addUser("other-booker@example.com"),
      ]);
      const event = await createEvent(limited.services, user.id);
      const bookOnce = (token: string, key: string) =>
        clientFor(limited.url, token).bookings.create.mutate({
          eventId: event.id,
          seats: 1,
          idempotencyKey: key,
        });
      await bookOnce(user.token, "limited-1");
      await bookOnce(user.token, "limited-2");
      const refusal = await refusalOf(bookOnce(user.token, "limited-3"));
      expect(refusal.code).toBe("TOO_MANY_REQUESTS");
      expect(refusal.retryAfterSeconds).toBeGreaterThan(0);
      // Someone else is not held back by it.
      await bookOnce(other.token, "limited-4");
    });

    it("a mutation from an origin in ALLOWED_ORIGINS is accepted", async () => {
      const user = await limited.addUser("origin@example.com");
      const allowed = await rawCall(limited.url, "auth.logout", {
        method: "POST",
        headers: { ...cookie(user.token), origin: "https://app.example" },
      });
      expect(allowed.status).toBe(200);
      const refused = await rawCall(limited.url, "auth.logout", {
        method: "POST",
        headers: { ...cookie(user.token), origin: "https://app.example.evil.example" },
      });
      expect(refused.status).toBe(403);
    });
  });
});
