/**
 * scripts/test-prerequisites.sh, which `pnpm test` runs first, on a machine made up for the
 * occasion: PATH holds only stubs (`id` says who we are, `apt-get` records its arguments,
 * `redis-server` exists or not) and CHROMIUM_PATH points at a stub or at nothing. Nothing
 * is installed or uninstalled for real.
 */
import { execFile } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const script = fileURLToPath(new URL("../../../scripts/test-prerequisites.sh", import.meta.url));
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

interface Machine {
  uid: number;
  redis: boolean;
  chromium: boolean;
  /** What the stub apt-get installs (its files appear in the stub bin directory). */
  aptInstalls?: boolean;
}

async function runOn(machine: Machine) {
  const dir = mkdtempSync(join(tmpdir(), "boxoffice-prereq-"));
  dirs.push(dir);
  const bin = join(dir, "bin");
  const chromium = join(dir, "chromium");
  const aptLog = join(dir, "apt.log");
  const stub = (path: string, body: string) => {
    writeFileSync(path, `#!/bin/sh\n${body}\n`);
    chmodSync(path, 0o755);
  };
  mkdirSync(bin);
  writeFileSync(aptLog, "");
  stub(join(bin, "id"), `echo ${machine.uid}`);
  const fakeInstall = machine.aptInstalls
    ? `case "$*" in *install*) printf '#!/bin/sh\\n' > ${bin}/redis-server; /bin/chmod +x ${bin}/redis-server; printf '#!/bin/sh\\n' > ${chromium}; /bin/chmod +x ${chromium};; esac`
    : "";
  stub(join(bin, "apt-get"), `echo "$*" >> ${aptLog}\n${fakeInstall}`);
  if (machine.redis) stub(join(bin, "redis-server"), "exit 0");
  if (machine.chromium) stub(chromium, "exit 0");

  const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      "/bin/bash",
      [script],
      // Only the stubs: the machine's own redis-server and apt-get stay out of sight.
      { env: { PATH: bin, CHROMIUM_PATH: chromium } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
  return { ...result, apt: readFileSync(aptLog, "utf8").trim().split("\n").filter(Boolean) };
}

describe("scripts/test-prerequisites.sh", () => {
  it("does nothing when Chromium and redis-server are there", async () => {
    const run = await runOn({ uid: 1000, redis: true, chromium: true });
    expect(run).toMatchObject({ code: 0, stdout: "", stderr: "", apt: [] });
  });

  it("stops at once without root, with the one command to run", async () => {
    const run = await runOn({ uid: 1000, redis: false, chromium: false });
    expect(run.code).toBe(1);
    expect(run.apt).toEqual([]);
    expect(run.stderr).toContain(
      "sudo sh -c 'apt-get update && apt-get install -y --no-install-recommends chromium redis-server'",
    );
  });

  it("installs only what is missing as root", async () => {
    const run = await runOn({ uid: 0, redis: false, chromium: true, aptInstalls: true });
    expect(run.code, run.stderr).toBe(0);
    expect(run.apt).toEqual(["update -qq", "install -y -qq --no-install-recommends redis-server"]);
  });

  it("fails clearly when apt-get ran and something is still missing", async () => {
    const run = await runOn({ uid: 0, redis: false, chromium: false });
    expect(run.code).toBe(1);
    expect(run.apt).toHaveLength(2);
    expect(run.stderr).toContain("Still missing after apt-get: chromium redis-server");
  });
});
