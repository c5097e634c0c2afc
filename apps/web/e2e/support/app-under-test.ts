import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { startTestServer, type TestServer } from "@boxoffice/server/testing";
import { launchChromium, webDist } from "./browser.ts";

/**
 * The app as people meet it, for one test file: a server on a free port with the sample
 * data, serving the built web app, and one Chromium; started before the file's tests and
 * stopped after them.
 */
export function appUnderTest(): { readonly server: TestServer; readonly browser: Browser } {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startTestServer({ seed: true, env: { WEB_DIST: webDist } }),
      launchChromium(),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.destroy();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the app is not started (used outside a test?)");
    return value;
  };
  return {
    get server() {
      return started(server);
    },
    get browser() {
      return started(browser);
    },
  };
}
