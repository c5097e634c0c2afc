import { eq } from "drizzle-orm";
import { users } from "@boxoffice/db";
import { normalizeEmail } from "@boxoffice/auth";
import { openForScript } from "./script-database.ts";

const email = process.argv[2];
if (!email) {
  console.error("Usage: pnpm admin:promote <email>");
  process.exit(2);
}
const { services, close } = await openForScript();
const [user] = await services.db
  .select()
  .from(users)
  .where(eq(users.email, normalizeEmail(email)));
if (!user) {
  await close();
  console.error(`No account with email ${email}. They need to sign up first.`);
  process.exit(1);
}
const result = await services.core.setRole({ userId: user.id, role: "admin" });
await close();
console.log(
  result.ok
    ? `${user.email} is now an admin.`
    : `Could not promote ${user.email}: ${result.failure.code}`,
);
