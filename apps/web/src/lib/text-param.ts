import { createEffect, createSignal, on, type Accessor, type Setter } from "solid-js";
import { useSearchParams } from "@solidjs/router";
import { useDebounced } from "./debounce.ts";

/**
 * A text box bound to one URL search parameter: the URL (and so the query) follows the box
 * once typing pauses, replacing the history entry rather than adding one per letter; the
 * box follows the URL when it changes by navigation (back, "Clear filters").
 */
export function useTextParam(name: string, ms = 250): [text: Accessor<string>, Setter<string>] {
  const [params, setParams] = useSearchParams();
  const inUrl = () => {
    const value = params[name];
    return typeof value === "string" ? value : "";
  };
  const [text, setText] = createSignal(inUrl());
  const typed = useDebounced(() => text().trim(), ms);
  createEffect(
    on(
      typed,
      (value) => {
        if (value !== inUrl()) setParams({ [name]: value || undefined }, { replace: true });
      },
      { defer: true },
    ),
  );
  createEffect(
    on(
      inUrl,
      (value) => {
        if (value !== text().trim()) setText(value);
      },
      { defer: true },
    ),
  );
  return [text, setText];
}
