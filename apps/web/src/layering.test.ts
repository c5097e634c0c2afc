import { describe, expect, it } from "vitest";

/**
 * The app's rooms and which others each may import: arrows point one way, from the pages
 * down to lib. Files directly in src/ (main, app, routes) assemble everything.
 */
const allowed: Record<string, string[]> = {
  lib: [],
  components: ["lib"],
  auth: ["components", "lib"],
  live: ["auth", "lib"],
  bookings: ["live", "lib"],
  shell: ["auth", "live", "components", "lib"],
  checkin: ["lib"],
  pages: ["bookings", "checkin", "live", "auth", "components", "lib"],
  testing: ["lib"],
};

const sources = import.meta.glob<string>(["./**/*.{ts,tsx}", "!./**/*.test.{ts,tsx}"], {
  query: "?raw",
  import: "default",
  eager: true,
});

/** `./pages/event-page.tsx` → `pages`; files directly in src/ have no room. */
const roomOf = (path: string) => path.split("/").slice(1, -1)[0];

function resolve(from: string, specifier: string): string {
  const parts = from.split("/").slice(0, -1);
  for (const part of specifier.split("/")) {
    if (part === "..") parts.pop();
    else if (part !== ".") parts.push(part);
  }
  return parts.join("/");
}

describe("the app's rooms", () => {
  it("knows every folder in src/", () => {
    const rooms = new Set(Object.keys(sources).map(roomOf).filter(Boolean));
    expect([...rooms].sort()).toEqual(Object.keys(allowed).sort());
  });

  it("imports only downwards", () => {
    const wrong: string[] = [];
    for (const [path, text] of Object.entries(sources)) {
      const room = roomOf(path);
      if (!room) continue;
      for (const [, specifier = ""] of text.matchAll(/(?:from|import)\s*\(?\s*"(\.[^"]+)"/g)) {
        const target = roomOf(resolve(path, specifier));
        if (target !== room && !allowed[room]?.includes(target ?? "")) {
          wrong.push(`${path} imports ${specifier}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
