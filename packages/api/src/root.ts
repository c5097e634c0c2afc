import { adminRouter } from "./routers/admin.ts";
import { authRouter } from "./routers/auth.ts";
import { bookingsRouter } from "./routers/bookings.ts";
import { checkinRouter } from "./routers/checkin.ts";
import { eventsRouter } from "./routers/events.ts";
import { waitlistRouter } from "./routers/waitlist.ts";
import { router } from "./trpc.ts";

export const appRouter = router({
  auth: authRouter,
  events: eventsRouter,
  bookings: bookingsRouter,
  admin: adminRouter,
  checkin: checkinRouter,
  waitlist: waitlistRouter,
});

export type AppRouter = typeof appRouter;
