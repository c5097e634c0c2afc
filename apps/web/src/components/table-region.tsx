import type { JSX } from "solid-js";

/**
 * A wide table in its own scrolling frame, so a phone scrolls the table, never the page.
 * The frame is a labelled region that takes focus, so keyboard users can scroll it too.
 */
export function TableRegion(props: { label: string; children: JSX.Element }) {
  return (
    <div class="table-wrap" role="region" aria-label={props.label} tabindex="0">
      {props.children}
    </div>
  );
}
