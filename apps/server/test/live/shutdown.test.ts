import { connect, type Socket } from "node:net";
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { sharedDatabase } from "../support/direct-db.ts";
import { spawnServer } from "../support/spawn-server.ts";

/**
 * A WebSocket client that completes the upgrade and then never reads again: it will not
 * answer the close handshake, as a frozen or vanished page does not.
 */
function silentWebSocket(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(
        [
          "GET /trpc HTTP/1.1",
          `Host: ${hostname}:${port}`,
          "Upgrade: websocket",
          "Connection: Upgrade",
          `Sec-WebSocket-Key: ${randomBytes(16).toString("base64")}`,
          "Sec-WebSocket-Version: 13",
          "",
          "",
        ].join("\r\n"),
      );
    });
    socket.once("error", reject);
    socket.once("data", (chunk) => {
      if (!chunk.toString().startsWith("HTTP/1.1 101")) {
        reject(new Error(`no upgrade: ${chunk.toString().split("\r\n")[0]}`));
        return;
      }
      socket.pause();
      resolve(socket);
    });
  });
}

describe("shutdown with a WebSocket client that never answers", () => {
  let db: Awaited<ReturnType<typeof sharedDatabase>> | undefined;
  const sockets: Socket[] = [];
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await db?.destroy();
  });

  it("SIGTERM still finishes at once, with exit code 0", async () => {
    db = await sharedDatabase();
    const server = await spawnServer({ DATABASE_URL: db.fileUrl, PORT: "0" });
    sockets.push(await silentWebSocket(server.url));

    const started = performance.now();
    expect(await server.stop()).toBe(0);
    // ws alone would wait 30 s for the close handshake (past the 10 s shutdown limit).
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
