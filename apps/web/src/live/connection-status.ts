import { createSignal, onCleanup, type Accessor } from "solid-js";
import { wsClient } from "../lib/trpc.ts";

/** `down`: not connected for a while (never opened, lost, or dropping right after opening). */
export type LiveState = "idle" | "connecting" | "connected" | "down";

function stateNow(): "idle" | "connecting" | "connected" {
  const current = wsClient.connectionState.get();
  if (current.state === "pending") return "connected";
  return current.state;
}

/**
 * The live connection's state, smoothed: a planned reconnect (after signing in) or a blip
 * shorter than `graceMs` shows no warning; a socket that cannot connect, or keeps dropping
 * soon after it opens, is "down" until it has stayed open for `stableMs`.
 */
export function useLiveState(graceMs = 1_500, stableMs = 500): Accessor<LiveState> {
  const [state, setState] = createSignal<LiveState>(stateNow());
  let downTimer: ReturnType<typeof setTimeout> | undefined;
  let upTimer: ReturnType<typeof setTimeout> | undefined;
  const settle = (next: LiveState) => {
    clearTimeout(downTimer);
    clearTimeout(upTimer);
    downTimer = upTimer = undefined;
    setState(next);
  };

  const onChange = () => {
    const next = stateNow();
    if (next === "connecting") {
      clearTimeout(upTimer);
      upTimer = undefined;
      if (state() === "down") return;
      downTimer ??= setTimeout(() => {
        downTimer = undefined;
        // Open right now: the pending stability check decides.
        if (stateNow() !== "connected") settle("down");
      }, graceMs);
    } else if (next === "connected" && (state() === "down" || downTimer)) {
      upTimer ??= setTimeout(() => settle("connected"), stableMs);
    } else if (!downTimer && !upTimer) {
      setState(next);
    }
  };
  const subscription = wsClient.connectionState.subscribe({ next: onChange });
  onCleanup(() => {
    clearTimeout(downTimer);
    clearTimeout(upTimer);
    subscription.unsubscribe();
  });
  return state;
}
