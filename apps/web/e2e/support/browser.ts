import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from "playwright-core";

export const webDist = fileURLToPath(new URL("../../dist", import.meta.url));
const resultsDir = fileURLToPath(new URL("../../test-results", import.meta.url));

/** Debian's chromium, with the flags that work in this sandbox (see STACK.md), and `extra`. */
export function launchChromium(extra: string[] = []): Promise<Browser> {
  return chromium.launch({
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
      ...extra,
    ],
  });
}

export const desktop = { viewport: { width: 1280, height: 800 } } satisfies BrowserContextOptions;
export const phone = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
} satisfies BrowserContextOptions;

/**
 * The browser contexts one scenario opens (one per person, each with its own cookies). On
 * failure every open page is saved to test-results/ before the contexts close.
 */
export class Actors {
  private readonly contexts: BrowserContext[] = [];
  readonly problems: string[] = [];

  constructor(
    private readonly browser: Browser,
    private readonly baseURL: string,
  ) {}

  async open(options: BrowserContextOptions = desktop): Promise<Page> {
    const context = await this.browser.newContext({ ...options, baseURL: this.baseURL });
    context.setDefaultTimeout(15_000);
    this.contexts.push(context);
    const page = await context.newPage();
    page.on("pageerror", (error) => this.problems.push(`page error: ${error.message}`));
    return page;
  }

  async screenshotAll(name: string): Promise<void> {
    mkdirSync(resultsDir, { recursive: true });
    const slug = name.replace(/[^\w-]+/g, "-").slice(0, 80);
    let index = 0;
    for (const context of this.contexts) {
      for (const page of context.pages()) {
        await page
          .screenshot({ path: `${resultsDir}/${slug}-${index++}.png`, fullPage: true })
          .catch(() => undefined);
      }
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.contexts.map((context) => context.close().catch(() => undefined)));
  }
}
