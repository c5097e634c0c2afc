import WebSocket from "ws";

/** A tRPC WebSocket message, as much of it as the tests read. */
export interface RawMessage {
  id: number | string | null;
  result?: { type: "started" | "data" | "stopped"; id?: string };
  error?: { message: string; data?: { code?: string } };
}

/**
 * A WebSocket speaking tRPC's protocol by hand, for tests about what a client does to the
 * server rather than what it receives: it can subscribe many times in one message, stop
 * reading, and count bytes without parsing them.
 */
export class RawSubscriber {
  readonly socket: WebSocket;
  /** Bytes of every message received. */
  receivedBytes = 0;
  messages = 0;
  /** Each message, parsed, when constructed with `keep: true`. */
  readonly kept: RawMessage[] = [];
  closeCode: number | null = null;
  readonly opened: Promise<void>;
  readonly closed: Promise<number>;

  constructor(baseUrl: string, options: { headers?: Record<string, string>; keep?: boolean } = {}) {
    this.socket = new WebSocket(`${baseUrl.replace(/^http/, "ws")}/trpc`, {
      headers: options.headers ?? {},
      perMessageDeflate: false,
    });
    this.opened = new Promise((resolve, reject) => {
      this.socket.once("open", () => resolve());
      this.socket.once("unexpected-response", (_req, res) =>
        reject(new Error(`upgrade refused with ${res.statusCode}`)),
      );
      this.socket.once("error", reject);
    });
    this.closed = new Promise((resolve) =>
      this.socket.once("close", (code) => {
        this.closeCode = code;
        resolve(code);
      }),
    );
    this.socket.on("message", (data: Buffer) => {
      this.receivedBytes += data.length;
      this.messages++;
      if (options.keep) this.kept.push(JSON.parse(data.toString()) as RawMessage);
    });
  }

  /** `events.onSeats` subscriptions with these inputs, all sent as one batch. */
  subscribeToSeats(inputs: object[], firstId = 1): void {
    const calls = inputs.map((input, index) => ({
      id: firstId + index,
      method: "subscription",
      params: { path: "events.onSeats", input },
    }));
    this.socket.send(JSON.stringify(calls));
  }

  /** Stops reading: the kernel's buffers fill, then the server's send buffer for us. */
  stopReading(): void {
    (this.socket as unknown as { _socket: { pause(): void } })._socket.pause();
  }

  close(): void {
    this.socket.terminate();
  }
}

/** What an HTTP GET takes to answer, in milliseconds. */
export async function timeGet(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url);
  await response.arrayBuffer();
  return performance.now() - started;
}
