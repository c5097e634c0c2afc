import { createSignal } from "solid-js";

/**
 * Tags seen in any list this session, for the tag filter (the API has no tag index). The
 * selected tag is always offered, even before a list containing it has loaded.
 */
const [seen, setSeen] = createSignal<ReadonlySet<string>>(new Set());

export function rememberTags(tags: string[]): void {
  const current = seen();
  if (tags.every((tag) => current.has(tag))) return;
  setSeen(new Set([...current, ...tags]));
}

export function knownTags(selected?: string): string[] {
  const tags = new Set(seen());
  if (selected) tags.add(selected);
  return [...tags].sort((a, b) => a.localeCompare(b));
}
