import { createEffect, createSignal, Match, Switch } from "solid-js";
import { useLiveState } from "../live/connection-status.ts";

/** "Live" while seat counts stream in; a visible warning while the socket is (re)connecting. */
export function LiveStatus() {
  const state = useLiveState();
  const [wasLive, setWasLive] = createSignal(false);
  createEffect(() => {
    if (state() === "connected") setWasLive(true);
  });
  return (
    <span class="live-status" role="status" data-state={state()}>
      <Switch>
        <Match when={state() === "connected"}>
          <span class="live-dot" aria-hidden="true" />
          Live
        </Match>
        <Match when={state() === "down"}>
          <span class="live-dot" aria-hidden="true" />
          {wasLive() ? "Reconnecting…" : "Connecting…"}
          <span class="visually-hidden"> Seat counts may be out of date until then.</span>
        </Match>
      </Switch>
    </span>
  );
}
