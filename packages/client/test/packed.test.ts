/**
 * The package as npm users get it: packed with `pnpm pack` (which builds it), installed into a fresh
 * project outside the workspace, type-checked there with strict settings, and run against
 * a real server.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "@boxoffice/server/testing";

const run = promisify(execFile);
const packageDir = fileURLToPath(new URL("..", import.meta.url));
const tsc = join(packageDir, "node_modules/.bin/tsc");

describe.concurrent("the packed @boxoffice/client", () => {
  let server: TestServer;
  let work: string;
  let tarball: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "boxoffice-client-pack-"));
    // From a clean state: `pnpm pack` alone must build what it ships (prepack).
    rmSync(join(packageDir, "dist"), { recursive: true, force: true });
    const [started] = await Promise.all([
      startTestServer({ seed: true }),
      run("pnpm", ["pack", "--pack-destination", work], { cwd: packageDir }),
    ]);
    server = started;
    const [name] = readdirSync(work).filter((file) => file.endsWith(".tgz"));
    if (!name) throw new Error("pnpm pack wrote no tarball");
    tarball = join(work, name);
  }, 120_000);
  afterAll(async () => {
    await server?.destroy();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("ships only dist and a manifest that resolves to it", async () => {
    const { stdout } = await run("tar", ["-tzf", tarball]);
    const files = stdout.trim().split("\n").sort();
    expect(files).toEqual([
      ...files.filter((f) => /^package\/dist\/chunk-\w+\.js$/.test(f)),
      "package/dist/connection-settings.d.ts",
      "package/dist/connection-settings.js",
      "package/dist/index.d.ts",
      "package/dist/index.js",
      "package/dist/node.js",
      "package/package.json",
    ]);
    const { stdout: manifestText } = await run("tar", ["-xzOf", tarball, "package/package.json"]);
    const manifest = JSON.parse(manifestText);
    expect(manifest.exports["."]).toEqual({
      types: "./dist/index.d.ts",
      node: "./dist/node.js",
      default: "./dist/index.js",
    });
    expect(manifest.exports["./connection-settings"]).toEqual({
      types: "./dist/connection-settings.d.ts",
      default: "./dist/connection-settings.js",
    });
    expect(Object.keys(manifest.dependencies).sort()).toEqual([
      "@trpc/client",
      "@trpc/server",
      "ws",
    ]);
    // The browser entry never loads ws; only the Node entry does.
    const declarations = readFileSync(join(packageDir, "dist/index.d.ts"), "utf8");
    expect(readFileSync(join(packageDir, "dist/index.js"), "utf8")).not.toContain('"ws"');
    expect(readFileSync(join(packageDir, "dist/node.js"), "utf8")).toContain('from "ws"');
    // Self-contained: the only packages the declarations import are @trpc/client and /server.
    const imported = [...declarations.matchAll(/(?:from|import\()\s*["']([^"']+)["']/g)];
    expect(new Set(imported.map((m) => m[1]))).toEqual(new Set(["@trpc/client", "@trpc/server"]));
  });

  it("declares exactly the server's router types", async () => {
    await run(tsc, ["--noEmit", "-p", "test/tsconfig.published.json"], { cwd: packageDir });
  });

  it("installs outside the workspace, type-checks strictly and talks to a real server", async () => {
    const project = join(work, "consumer");
    cpSync(join(packageDir, "test/consumer"), project, { recursive: true });
    await run(
      "npm",
      [
        "install",
        "--no-audit",
        "--no-fund",
        "--loglevel=error",
        tarball,
        "typescript@~6.0.3",
        "@types/node@^20.19.0",
      ],
      { cwd: project },
    );
    expect(readdirSync(join(project, "node_modules/@boxoffice"))).toEqual(["client"]);

    // Type errors fail here, with tsc's report as the message.
    await run(join(project, "node_modules/.bin/tsc"), ["-p", "."], { cwd: project });
    const { stdout } = await run(
      process.execPath,
      [join(project, "out/index.js"), server.url, "john@example.com", "password123"],
      { cwd: project, timeout: 30_000 },
    );
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ user: "john@example.com", reason: "SOLD_OUT" });
    expect(result.change).toEqual({
      eventId: result.eventId,
      availableSeats: result.availableSeats,
      capacity: expect.any(Number),
      checkedIn: 0,
      heldSeats: 0,
      waitlist: false,
      deleted: false,
    });
  });
});
