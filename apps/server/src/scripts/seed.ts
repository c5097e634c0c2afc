import { seedSampleDataIfEmpty } from "../seed/sample-data.ts";
import { openForScript } from "./script-services.ts";

const { env, services } = await openForScript();
if (env.NODE_ENV === "production") {
  console.error("Refusing to seed sample accounts with NODE_ENV=production.");
  process.exit(1);
}
const seeded = await seedSampleDataIfEmpty(services);
await services.close();
console.log(
  seeded
    ? `Seeded ${seeded.events} events and ${seeded.accounts.join(", ")} (password ${seeded.password}) into ${env.DATABASE_URL}`
    : `${env.DATABASE_URL} already has users; nothing seeded (pnpm db:reset starts over).`,
);
