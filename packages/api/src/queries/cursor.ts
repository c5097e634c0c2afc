/**
 * Keyset cursors: the ordering a page belongs to, and the sort value and id of its last
 * row, as opaque base64url JSON. A tampered cursor, or one from another list or sort, is
 * rejected, never trusted into SQL unchecked.
 */
export interface Keyset {
  value: number | string;
  id: number;
}

export function encodeCursor(order: string, keyset: Keyset): string {
  return Buffer.from(JSON.stringify([order, keyset.value, keyset.id])).toString("base64url");
}

/** The keyset in `cursor`, or null when it is malformed or belongs to another ordering. */
export function decodeCursor(cursor: string, order: string): Keyset | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || parsed.length !== 3) return null;
    const [cursorOrder, value, id] = parsed as unknown[];
    if (cursorOrder !== order) return null;
    if (typeof id !== "number" || !Number.isSafeInteger(id)) return null;
    if (typeof value !== "number" && typeof value !== "string") return null;
    return { value, id };
  } catch {
    return null;
  }
}

/** Splits one extra fetched row off into the next page's cursor. */
export function toPage<Row extends { id: number }>(
  rows: Row[],
  limit: number,
  order: string,
  sortValue: (row: Row) => number | string,
): { items: Row[]; nextCursor: string | null } {
  if (rows.length <= limit) return { items: rows, nextCursor: null };
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: last ? encodeCursor(order, { value: sortValue(last), id: last.id }) : null,
  };
}
