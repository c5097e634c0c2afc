/**
 * Builds the package: ESM for Node and browsers, and one `.d.ts` that needs nothing but
 * @trpc/client and @trpc/server. The router type is generated from the server's (see
 * router-declarations.ts) and inlined, so consumers never need the private server packages.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "tsup";
import { routerDeclarations } from "./router-declarations.ts";

const dist = fileURLToPath(new URL("../dist/", import.meta.url));
const generated = `${dist}router.d.ts`;

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
writeFileSync(generated, routerDeclarations());
try {
  await build({ silent: true });
} finally {
  rmSync(generated, { force: true });
}

const declarations = readFileSync(`${dist}index.d.ts`, "utf8");
const imported = [...declarations.matchAll(/\bfrom\s+["']([^"']+)["']/g)].map((m) => m[1]);
const foreign = imported.filter((name) => !/^@trpc\/(client|server)$/.test(name ?? ""));
if (foreign.length > 0) {
  throw new Error(`dist/index.d.ts must only import @trpc/*, but imports ${foreign.join(", ")}`);
}
console.log(
  `built dist/ (index.d.ts: ${declarations.length} characters, imports ${[...new Set(imported)].join(", ")})`,
);
