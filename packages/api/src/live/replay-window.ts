/**
 * How many change-feed rows a subscription may replay before it is told to resync from a
 * snapshot instead. Its own module so env checking (which a cluster primary runs before it
 * loads the API) can read the default cheaply.
 */
export const defaultReplayWindow = 10_000;
