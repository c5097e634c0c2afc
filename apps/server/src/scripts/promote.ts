import { findUserByEmail } from "@boxoffice/api/queries";
import { openForScript } from "./script-services.ts";

const email = process.argv[2];
if (!email) {
  console.error("Usage: pnpm admin:promote <email>");
  process.exit(2);
}
const { services } = await openForScript();
const user = await findUserByEmail(services.db, email);
const result = user ? await services.commands.setRole({ userId: user.id, role: "admin" }) : null;
await services.close();
if (!user) {
  console.error(`No account with email ${email}. They need to sign up first.`);
  process.exit(1);
}
console.log(
  result?.ok
    ? `${user.email} is now an admin.`
    : `Could not promote ${user.email}: ${result?.failure.code}`,
);
