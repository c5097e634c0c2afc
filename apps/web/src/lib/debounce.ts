import { createEffect, createSignal, onCleanup, type Accessor } from "solid-js";

/** `source`, but only after it has stopped changing for `ms` (for search-as-you-type). */
export function useDebounced<T>(source: Accessor<T>, ms = 250): Accessor<T> {
  const [value, setValue] = createSignal<T>(source());
  createEffect(() => {
    const next = source();
    const timer = setTimeout(() => setValue(() => next), ms);
    onCleanup(() => clearTimeout(timer));
  });
  return value;
}
