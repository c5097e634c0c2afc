/**
 * The web app's first visit as Chromium downloads it: the production build (pnpm build,
 * with its Brotli and gzip copies) served by the compiled server, loaded in headless
 * Chromium with an empty cache. Every script's bytes come from Chromium's own network log
 * (DevTools protocol: encodedDataLength is what crossed the wire, headers included;
 * dataLength what it decoded to), not from the files. Baselines in the same run: the same
 * visit with compression refused (Accept-Encoding: identity), and a return visit (HTTP cache).
 * Run: pnpm bench:web
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { createBenchDatabase } from "./lib/dataset.ts";
import { startBoxoffice } from "./lib/processes.ts";
import { commandLine, machineNote, markdownTable, record } from "./lib/report.ts";
import { fixed } from "./lib/stats.ts";

const webDist = fileURLToPath(new URL("../apps/web/dist", import.meta.url));
const target = { initialKb: 50 };

console.log("web: building the web app");
execFileSync("pnpm", ["--filter", "@boxoffice/web", "build"], { stdio: "ignore" });
const data = await createBenchDatabase("web");
await data.close();
const server = await startBoxoffice({
  databaseUrl: data.url,
  env: { WORKERS: "1", WEB_DIST: webDist, SEED_SAMPLE_DATA: "false" },
});

interface Download {
  url: string;
  type: string;
  /** Bytes on the wire, headers included. */
  transferred: number;
  /** Body bytes after decoding. */
  decoded: number;
  encoding: string;
  fromCache: boolean;
}

/** One visit to `/` in a fresh page of `context`, until the network is idle. */
async function visit(browser: Browser, options: { identity?: boolean; again?: boolean } = {}) {
  const context = await browser.newContext({ baseURL: server.url });
  try {
    const pages = options.again ? 2 : 1;
    let downloads: Download[] = [];
    for (let i = 0; i < pages; i++) {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      if (options.identity) {
        await cdp.send("Network.setExtraHTTPHeaders", {
          headers: { "Accept-Encoding": "identity" },
        });
      }
      const seen = new Map<string, Download>();
      cdp.on("Network.responseReceived", (event) => {
        seen.set(event.requestId, {
          url: event.response.url,
          type: event.type,
          transferred: 0,
          decoded: 0,
          encoding: String(
            Object.entries(event.response.headers).find(
              ([name]) => name.toLowerCase() === "content-encoding",
            )?.[1] ?? "none",
          ),
          fromCache: Boolean(event.response.fromDiskCache),
        });
      });
      cdp.on("Network.dataReceived", (event) => {
        const download = seen.get(event.requestId);
        if (download) download.decoded += event.dataLength;
      });
      cdp.on("Network.loadingFinished", (event) => {
        const download = seen.get(event.requestId);
        if (download) download.transferred = event.encodedDataLength;
      });
      await page.goto("/", { waitUntil: "networkidle" });
      await page.getByRole("heading", { level: 1 }).first().waitFor();
      downloads = [...seen.values()];
      if (i < pages - 1) await page.close();
    }
    return downloads;
  } finally {
    await context.close();
  }
}

const kb = (bytes: number) => fixed(bytes / 1024, 2);
const sum = (list: Download[], key: "transferred" | "decoded") =>
  list.reduce((total, download) => total + download[key], 0);
const scripts = (list: Download[]) => list.filter((download) => download.type === "Script");

let first: Download[];
let identity: Download[];
let again: Download[];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
try {
  first = await visit(browser);
  identity = await visit(browser, { identity: true });
  again = await visit(browser, { again: true });
} finally {
  await browser.close();
  await server.stop();
}

const firstScripts = scripts(first);
const initialJs = sum(firstScripts, "transferred");
const met = initialJs <= target.initialKb * 1024;
console.log(`initial JS as transferred: ${kb(initialJs)} KB`);
const path = (url: string) => new URL(url).pathname;
record(
  "Web app: initial JavaScript as transferred",
  commandLine("bench:web"),
  [
    `First visit to \`/\` in headless Chromium (empty cache) against the compiled server with the ` +
      `production build (Brotli and gzip copies written at build time); sizes from Chromium's ` +
      `network log (DevTools \`Network.loadingFinished.encodedDataLength\`, headers included, and ` +
      `the decoded \`dataLength\`). Every script of the visit counts, the lazily loaded route of ` +
      `the events page included. ${machineNote()}.`,
    "",
    markdownTable(
      ["script", "encoding", "KB transferred", "KB decoded"],
      firstScripts.map((d) => [path(d.url), d.encoding, kb(d.transferred), kb(d.decoded)]),
    ),
    "",
    markdownTable(
      ["visit", "scripts", "JS KB transferred", "JS KB decoded", "everything KB transferred"],
      [
        [
          "**first visit**",
          String(firstScripts.length),
          `**${kb(initialJs)}**`,
          kb(sum(firstScripts, "decoded")),
          kb(sum(first, "transferred")),
        ],
        [
          "baseline: first visit refusing compression (identity)",
          String(scripts(identity).length),
          kb(sum(scripts(identity), "transferred")),
          kb(sum(scripts(identity), "decoded")),
          kb(sum(identity, "transferred")),
        ],
        [
          "return visit (hashed assets from the HTTP cache)",
          String(scripts(again).length),
          kb(sum(scripts(again), "transferred")),
          kb(sum(scripts(again), "decoded")),
          kb(sum(again, "transferred")),
        ],
      ],
    ),
    "",
    `Target: initial JavaScript as transferred ≤ ${target.initialKb} KB: **${met ? "met" : "not met"}**.`,
  ].join("\n"),
);
