/**
 * The built web app as the server sends it: every file of the production build, asked for
 * with Brotli, gzip or no compression, decodes to exactly the bytes of the file; hashed
 * assets may be kept for a year, index.html (and the SPA routes it answers) never without
 * asking again; and Chromium gets the app Brotli-compressed.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "@boxoffice/server/testing";
import { launchChromium, webDist } from "./support/browser.ts";

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET whose body comes back as sent (fetch() would decompress it). */
function rawGet(base: string, path: string, acceptEncoding: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}${path}`,
      { headers: { "accept-encoding": acceptEncoding } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
      },
    );
    req.on("error", reject);
    req.end();
  });
}

function decoded(answer: RawAnswer): Buffer {
  const encoding = answer.headers["content-encoding"];
  if (encoding === "br") return brotliDecompressSync(answer.body);
  if (encoding === "gzip") return gunzipSync(answer.body);
  if (encoding === undefined) return answer.body;
  throw new Error(`unexpected content-encoding ${String(encoding)}`);
}

/** The build's own files (not the compressed copies), as URL paths. */
const builtFiles = () =>
  readdirSync(webDist, { recursive: true, encoding: "utf8" })
    .filter((file) => !/\.(br|gz)$/.test(file) && statSync(join(webDist, file)).isFile())
    .map((file) => `/${file.split("\\").join("/")}`);

describe("the web app's files over HTTP", () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startTestServer({ env: { WEB_DIST: webDist } }),
      launchChromium(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.destroy();
  });

  it("sends every file compressed or not, byte-identical once decoded", async () => {
    const files = builtFiles();
    expect(files.some((file) => file.endsWith(".js"))).toBe(true);
    const offers = [
      ["br, gzip", "br"],
      ["gzip", "gzip"],
      ["identity", undefined],
    ] as const;
    for (const path of files) {
      const original = readFileSync(join(webDist, path));
      for (const [accept, expected] of offers) {
        const answer = await rawGet(server.url, path, accept);
        expect(answer.status, path).toBe(200);
        expect(decoded(answer).equals(original), `${path} with ${accept}`).toBe(true);
        expect(answer.headers.vary).toBe("Accept-Encoding");
        // Text files of any size worth it are sent compressed when the browser accepts it.
        if (/\.(js|css|html)$/.test(path) && original.length > 1024) {
          expect(answer.headers["content-encoding"], `${path} with ${accept}`).toBe(expected);
        }
      }
    }
  });

  it("lets browsers keep hashed assets for a year and makes them ask again for index.html", async () => {
    const files = builtFiles();
    const assets = files.filter((file) => file.startsWith("/assets/"));
    expect(assets.length).toBeGreaterThan(0);
    for (const path of assets) {
      expect((await rawGet(server.url, path, "br")).headers["cache-control"]).toBe(
        "public, max-age=31536000, immutable",
      );
    }
    for (const path of ["/", "/index.html", "/events/1", "/admin/events"]) {
      const answer = await rawGet(server.url, path, "br");
      expect(answer.headers["cache-control"], path).toBe("no-cache");
      expect(decoded(answer).equals(readFileSync(join(webDist, "index.html"))), path).toBe(true);
    }
  });

  it("serves Chromium the app's scripts Brotli-compressed", async () => {
    const context = await browser.newContext({ baseURL: server.url });
    try {
      const page = await context.newPage();
      const scripts: { url: string; encoding: string | undefined }[] = [];
      page.on("response", (response) => {
        if (response.request().resourceType() === "script") {
          scripts.push({ url: response.url(), encoding: response.headers()["content-encoding"] });
        }
      });
      await page.goto("/", { waitUntil: "networkidle" });
      await page.getByRole("heading", { level: 1 }).first().waitFor();
      expect(scripts.length).toBeGreaterThan(0);
      for (const script of scripts) expect(script.encoding, script.url).toBe("br");
    } finally {
      await context.close();
    }
  });
});
