import type { JSX } from "solid-js";
import { createMemoryHistory, MemoryRouter, Route } from "@solidjs/router";
import { render } from "@solidjs/testing-library";

/**
 * Renders `ui` as the page at `path` of an in-memory router, so `<A>` and hooks work;
 * `pattern` (e.g. `/events/:id`) gives `useParams` its names. Returns the history too.
 */
export function renderRouted(ui: () => JSX.Element, path = "/", pattern = "*") {
  const history = createMemoryHistory();
  history.set({ value: path, scroll: false, replace: true });
  const result = render(() => (
    <MemoryRouter history={history}>
      <Route path={pattern} component={ui} />
      <Route path="*" component={() => <p data-testid="elsewhere">{history.get()}</p>} />
    </MemoryRouter>
  ));
  return { ...result, history };
}
