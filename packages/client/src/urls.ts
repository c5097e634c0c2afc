/** The base URL without trailing slashes; everything else is appended to it. */
export function baseUrl(url: string): string {
  return url.replace(/\/+$/, "");
}

export const trpcHttpUrl = (url: string) => `${baseUrl(url)}/trpc`;

/** `http(s)://host/prefix` → `ws(s)://host/prefix/trpc`. */
export function trpcWsUrl(url: string): string {
  const ws = new URL(trpcHttpUrl(url));
  ws.protocol = ws.protocol === "https:" ? "wss:" : "ws:";
  return ws.toString();
}
