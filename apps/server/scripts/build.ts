/**
 * The production server as plain JavaScript: src/main.ts and everything it imports from the
 * workspace (and their pure-JS dependencies) bundled by esbuild into dist/main.js, so
 * `node apps/server/dist/main.js` starts without tsx and without resolving hundreds of
 * modules. Native addons (libsql, better-sqlite3, argon2) and pino stay external: they are
 * this package's own dependencies, so Node finds them from dist/. The migrations are copied
 * to dist/drizzle, where the bundled @boxoffice/db looks for them.
 * Run: pnpm --filter @boxoffice/server build
 */
import { cpSync, renameSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const outdir = here("../dist");
const migrationsSource = here("../../../packages/db/drizzle");

/** Loaded by Node at run time from node_modules: addons with .node files, and pino. */
const external = ["libsql", "better-sqlite3", "@node-rs/argon2", "pino"];

/**
 * In the bundle, @boxoffice/db's `migrationsFolder` (`../drizzle` beside its source file)
 * is the copy beside main.js.
 */
const migrationsBesideBundle: Plugin = {
  name: "migrations-beside-bundle",
  setup(esbuild) {
    esbuild.onLoad({ filter: /packages[\\/]db[\\/]src[\\/]migrations\.ts$/ }, () => ({
      contents: `import { fileURLToPath } from "node:url";
export const migrationsFolder = fileURLToPath(new URL("./drizzle", import.meta.url));`,
      loader: "ts",
    }));
  },
};

/** Builds dist/ from the sources; the test suite calls it too (test/support/build-server.ts). */
export async function buildServer(): Promise<string> {
  // Built beside, then swapped in: a server already running from dist/ is not disturbed.
  const building = `${outdir}.${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  await build({
    entryPoints: { main: here("../src/main.ts") },
    outdir: building,
    bundle: true,
    // The roles import what they need (main.ts): shared code lands in chunks.
    splitting: true,
    // Flat beside main.js: every chunk finds drizzle/ and ../../web/dist at the same place.
    chunkNames: "[name]-[hash]",
    // Parsing is most of a start; names stay for stack traces and profiles.
    minifyWhitespace: true,
    minifySyntax: true,
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: true,
    external,
    plugins: [migrationsBesideBundle],
    // CommonJS dependencies inside an ES module bundle still call require().
    banner: {
      js: 'import { createRequire as __boxofficeCreateRequire } from "node:module"; const require = __boxofficeCreateRequire(import.meta.url);',
    },
    logLevel: "warning",
  });
  cpSync(migrationsSource, `${building}/drizzle`, { recursive: true });
  rmSync(outdir, { recursive: true, force: true });
  renameSync(building, outdir);
  return `${outdir}/main.js`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const started = performance.now();
  await buildServer();
  console.log(`server built into ${outdir} in ${Math.round(performance.now() - started)} ms`);
}
