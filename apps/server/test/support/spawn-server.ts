import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The compiled server, built by the test run's global setup (build-server.ts). */
const main = fileURLToPath(new URL("../../dist/main.js", import.meta.url));

export interface ServerProcess {
  url: string;
  process: ChildProcess;
  /** SIGTERM (graceful) and wait for the exit code. */
  stop(): Promise<number | null>;
}

/** The real server as its own process, compiled, started the way `pnpm start` does. */
export async function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      NODE_ENV: "test",
      LOG_LEVEL: "warn",
      HOST: "127.0.0.1",
      SEED_SAMPLE_DATA: "false",
      EMAIL_DELIVERY: "off",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before starting:\n${output}`));
    });
  });
  return {
    url,
    process: child,
    async stop() {
      if (child.exitCode === null) child.kill("SIGTERM");
      const code = await exited;
      // A shutdown that failed says why in the test's output, not only by its exit code.
      if (code !== 0 && code !== null) {
        console.error(
          `server exited with ${code} on SIGTERM; its last output:\n${output.slice(-4_000)}`,
        );
      }
      return code;
    },
  };
}
