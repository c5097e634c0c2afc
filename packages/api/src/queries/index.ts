/** The read side, for scripts and tests that look at the database without the API. */
export { checkInvariant, type InvariantViolation } from "./check-invariant.ts";
export { findEvent } from "./events.ts";
export { findUserByEmail } from "./users.ts";
