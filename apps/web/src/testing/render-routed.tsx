import type { JSX } from "solid-js";
import { createMemoryHistory, MemoryRouter, Route } from "@solidjs/router";
import { render } from "@solidjs/testing-library";

/** Renders `ui` as the page at `path` of an in-memory router, so `<A>` and hooks work. */
export function renderRouted(ui: () => JSX.Element, path = "/") {
  const history = createMemoryHistory();
  history.set({ value: path, scroll: false, replace: true });
  return render(() => (
    <MemoryRouter history={history}>
      <Route path="*" component={ui} />
    </MemoryRouter>
  ));
}
