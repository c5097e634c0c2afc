/**
 * Search ignores case and accents: "gorlitzer" finds "Görlitzer", "CAFE" finds "Café".
 * Events store their searchable text folded this way (events.search_text, written by the
 * event commands) and every query is folded the same way before it is matched.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
}

/** Between fields, so no query (control characters are refused) can match across two. */
const fieldSeparator = "\u001f";

export function searchTextOf(event: { title: string; description?: string; location?: string }) {
  return foldForSearch(
    [event.title, event.description ?? "", event.location ?? ""].join(fieldSeparator),
  );
}
