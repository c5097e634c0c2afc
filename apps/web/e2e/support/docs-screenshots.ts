import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const docsDir = fileURLToPath(new URL("../../../../docs/", import.meta.url));

/**
 * Where to write docs/<name>, or undefined: a docs screenshot is written when it is missing
 * or when UPDATE_SCREENSHOTS=1, never otherwise (a test run leaves docs/ alone).
 */
export function docsScreenshot(name: string): string | undefined {
  const path = `${docsDir}${name}`;
  return process.env.UPDATE_SCREENSHOTS === "1" || !existsSync(path) ? path : undefined;
}
