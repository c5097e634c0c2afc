import { createEffect } from "solid-js";

/** Sets the tab title for the page; screen readers announce it on navigation. */
export function usePageTitle(title: () => string | undefined): void {
  createEffect(() => {
    const text = title();
    document.title = text ? `${text} · Boxoffice` : "Boxoffice";
  });
}
