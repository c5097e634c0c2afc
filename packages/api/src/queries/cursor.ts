/**
 * Keyset cursors: the sort value and id of the last row of a page, as opaque base64url
 * JSON. A tampered or stale cursor is rejected, never trusted into SQL unchecked.
 */
export interface Keyset {
  value: number | string;
  id: number;
}

export function encodeCursor(keyset: Keyset): string {
  return Buffer.from(JSON.stringify([keyset.value, keyset.id])).toString("base64url");
}

export function decodeCursor(cursor: string): Keyset | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || parsed.length !== 2) return null;
    const [value, id] = parsed as unknown[];
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
  sortValue: (row: Row) => number | string,
): { items: Row[]; nextCursor: string | null } {
  if (rows.length <= limit) return { items: rows, nextCursor: null };
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: last ? encodeCursor({ value: sortValue(last), id: last.id }) : null };
}
