import { createSignal, onCleanup, type Accessor } from "solid-js";

/** The current time, ticking every `everyMs`, so "past" states flip without a reload. */
export function useNow(everyMs = 30_000): Accessor<number> {
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), everyMs);
  onCleanup(() => clearInterval(timer));
  return now;
}
