import { unwrap } from "../errors.ts";
import { offersDue } from "../queries/waitlist.ts";
import type { Services } from "../services/services.ts";

/**
 * One round of waiting-list expiry: when any offer's window has ended, the writer expires
 * it and passes its seats on (the expireOffers command; exactly once, whichever process
 * gets there first). A cheap read first, so an idle server never takes the write lock.
 * Resolves to how many offers this process expired.
 */
export async function expireDueOffers(
  services: Pick<Services, "db" | "commands" | "clock">,
): Promise<number> {
  if (!(await offersDue(services.db, services.clock()))) return 0;
  const { expired } = unwrap(await services.commands.expireOffers({}));
  return expired.length;
}
