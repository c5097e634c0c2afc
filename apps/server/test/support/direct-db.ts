import { addTestUser, openTestServices, signInAs, type TestServices } from "@boxoffice/api/testing";

/**
 * The test process's own services over a database file that server processes also use:
 * a second writer on the file, like another instance would be.
 */
export async function sharedDatabase(): Promise<
  TestServices & {
    userWithToken(email: string, role?: "user" | "admin"): Promise<{ id: number; token: string }>;
  }
> {
  const t = await openTestServices();
  return Object.assign(t, {
    async userWithToken(email: string, role: "user" | "admin" = "user") {
      const user = await addTestUser(t, email, role);
      return { id: user.id, token: await signInAs(t, user.id) };
    },
  });
}
