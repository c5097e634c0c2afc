import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drivers } from "@boxoffice/db/testing";
import { unwrap } from "../../src/errors.ts";
import { addTestUser, openTestServices, type TestServices } from "../../src/testing.ts";

describe.each(drivers)("role changes on %s", (driver) => {
  let t: TestServices;
  let n = 0;
  beforeAll(async () => {
    t = await openTestServices({ driver });
  });
  afterAll(async () => {
    await t.destroy();
  });

  it("logs a promotion and a demotion as role_changed rows about the account, by the admin", async () => {
    const admin = await addTestUser(t, `admin-${++n}@roles.test`, "admin");
    const user = await addTestUser(t, `user-${++n}@roles.test`);

    const promoted = unwrap(
      await t.commands.setRole({ userId: user.id, role: "admin", actorId: admin.id }),
    );
    const demoted = unwrap(
      await t.commands.setRole({ userId: user.id, role: "user", actorId: admin.id }),
    );

    for (const [outcome, role, previousRole] of [
      [promoted, "admin", "user"],
      [demoted, "user", "admin"],
    ] as const) {
      expect(outcome.logs).toHaveLength(1);
      expect(outcome.logs[0]).toMatchObject({
        action: "role_changed",
        eventId: null,
        bookingId: null,
        userId: user.id,
        actorId: admin.id,
        detail: { role, previousRole },
      });
    }
  });

  it("logs nothing when the role does not change, and nothing when refused", async () => {
    const admin = await addTestUser(t, `admin-${++n}@roles.test`, "admin");
    const user = await addTestUser(t, `user-${++n}@roles.test`);
    expect(unwrap(await t.commands.setRole({ userId: user.id, role: "user" })).logs).toEqual([]);
    expect(unwrap(await t.commands.setRole({ userId: admin.id, role: "admin" })).logs).toEqual([]);
    const missing = await t.commands.setRole({ userId: 999_999, role: "admin" });
    expect(missing).toMatchObject({ ok: false, failure: { code: "NOT_FOUND", entity: "user" } });
  });
});
