/**
 * The fan-out baseline: a bare `ws` server on node:http. It answers a tRPC subscription
 * request with "started", as the real server does, and on `POST /broadcast?value=N` sends one
 * prebuilt message, shaped like a tRPC seat change carrying N, to every open socket. Run as its
 * own process by the benchmarks; prints "running at <url>".
 */
import { createServer } from "node:http";
import { WebSocketServer, type WebSocket } from "ws";

const port = Number(process.env.PORT ?? 0);

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://bare.invalid");
  req.resume();
  if (req.method === "POST" && url.pathname === "/broadcast") {
    const value = Number(url.searchParams.get("value"));
    const id = String(value);
    const message = JSON.stringify({
      id: 1,
      result: {
        type: "data",
        id,
        data: { id, data: { eventId: 1, availableSeats: value, capacity: 1e9, deleted: false } },
      },
    });
    let sent = 0;
    for (const socket of wss.clients) {
      if (socket.readyState !== socket.OPEN) continue;
      socket.send(message);
      sent++;
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ sent }));
    return;
  }
  res.writeHead(404).end();
});

const wss = new WebSocketServer({ server, path: "/trpc" });
wss.on("connection", (socket: WebSocket) => {
  socket.on("message", (raw) => {
    const text = raw.toString();
    if (text === "PONG" || text === "PING") return;
    const message = JSON.parse(text) as { id?: number; method?: string };
    if (message.method === "subscription")
      socket.send(JSON.stringify({ id: message.id, result: { type: "started" } }));
  });
});

server.listen(port, "127.0.0.1", () => {
  const address = server.address();
  const actual = typeof address === "object" && address ? address.port : port;
  console.log(`bare ws server running at http://127.0.0.1:${actual}`);
});
process.once("SIGTERM", () => {
  for (const socket of wss.clients) socket.terminate();
  wss.close();
  server.close(() => process.exit(0));
});
