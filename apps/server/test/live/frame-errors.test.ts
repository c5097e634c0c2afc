import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { readEnv } from "../../src/env.ts";
import { startServer, type RunningServer } from "../../src/server.ts";
import { eventually } from "../support/live-client.ts";

interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** Opens a WebSocket, runs `misbehave` on it, resolves with the close code the server sent. */
function closeCodeAfter(url: string, misbehave: (socket: WebSocket) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${url.replace(/^http/, "ws")}/trpc`);
    socket.once("open", () => misbehave(socket));
    socket.once("close", (code) => resolve(code));
    socket.once("error", () => {});
    setTimeout(() => reject(new Error("the server did not close the socket")), 5_000).unref();
  });
}

describe("WebSocket frames a client gets wrong", () => {
  const dir = mkdtempSync(join(tmpdir(), "boxoffice-frames-"));
  const lines: LogLine[] = [];
  let server: RunningServer;
  beforeAll(async () => {
    const env = readEnv({
      NODE_ENV: "test",
      PORT: "0",
      DATABASE_URL: `file:${join(dir, "boxoffice.db")}`,
      WS_MAX_MESSAGE_BYTES: "2048",
    });
    const logger = pino(
      { level: "debug" },
      { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) },
    );
    server = await startServer(env, logger);
  });
  afterAll(async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const warningsAbout = (code: string) =>
    lines.filter((line) => line.level >= 40 && line.code === code);

  it.each([
    [
      "a message over WS_MAX_MESSAGE_BYTES",
      "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH",
      1009,
      (socket: WebSocket) => socket.send("x".repeat(4096)),
    ],
    [
      "a frame with a reserved opcode",
      "WS_ERR_INVALID_OPCODE",
      1002,
      // FIN + opcode 3, masked, empty: written under ws, which would never send it.
      (socket: WebSocket) =>
        (socket as unknown as { _socket: NodeJS.WritableStream })._socket.write(
          Buffer.from([0x83, 0x80, 0, 0, 0, 0]),
        ),
    ],
  ])(
    "%s closes the socket and logs one warning line without a stack",
    async (_what, code, closeCode, misbehave) => {
      expect(await closeCodeAfter(server.url, misbehave)).toBe(closeCode);
      await eventually(() => warningsAbout(code).length > 0, `a log line for ${code}`);
      const [warning, ...more] = warningsAbout(code);
      expect(more).toEqual([]);
      expect(warning).toMatchObject({ level: 40, code, clientIp: "127.0.0.1" });
      expect(JSON.stringify(warning)).not.toMatch(/stack|\\n\s+at /);
      expect(lines.filter((line) => line.level >= 50)).toEqual([]);
    },
  );
});
