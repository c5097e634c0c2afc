/**
 * The JavaScript a first visit downloads before anything renders: every script and
 * modulepreload that dist/index.html references, gzipped. Lazy route chunks load later and
 * are not counted. Fails when the total is over the budget.
 *
 *   pnpm build && node --import tsx scripts/bundle-size.ts [--budget-kb 50]
 */
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

const dist = fileURLToPath(new URL("../dist", import.meta.url));
const budgetFlag = process.argv.indexOf("--budget-kb");
const budgetKb = budgetFlag > 0 ? Number(process.argv[budgetFlag + 1]) : 50;

const html = readFileSync(join(dist, "index.html"), "utf8");
const references = [
  ...html.matchAll(/<script[^>]*\ssrc="([^"]+\.js)"/g),
  ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g),
].map((match) => match[1] ?? "");

let total = 0;
for (const reference of new Set(references)) {
  const bytes = readFileSync(join(dist, reference.replace(/^\//, "")));
  const gzipped = gzipSync(bytes, { level: 9 }).length;
  total += gzipped;
  console.log(`${(gzipped / 1024).toFixed(2).padStart(8)} KB gz  ${reference}`);
}
console.log(`${(total / 1024).toFixed(2).padStart(8)} KB gz  initial JS (budget ${budgetKb} KB)`);
if (total > budgetKb * 1024) {
  console.error(`Over budget by ${((total - budgetKb * 1024) / 1024).toFixed(2)} KB.`);
  process.exit(1);
}
