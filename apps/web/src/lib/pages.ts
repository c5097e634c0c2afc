/** Every item of an infinite query's loaded pages, in order (empty before the first). */
export function pageItems<Item>(data: { pages: { items: Item[] }[] } | undefined): Item[] {
  return data?.pages.flatMap((page) => page.items) ?? [];
}
