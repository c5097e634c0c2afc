/**
 * The HTTP ceiling baseline: node:http with nothing behind it. It reads each request's body
 * (as the real server must) and answers one fixed JSON document of BODY_BYTES bytes, sized
 * like the real server's answer so both put the same bytes on the wire. Run as its own
 * process by the benchmarks; prints "running at <url>" like the real server.
 */
import { createServer } from "node:http";

const port = Number(process.env.PORT ?? 0);
const bodyBytes = Number(process.env.BODY_BYTES ?? 200);
const envelope = '{"result":{"data":{"padding":""}}}';
const body = Buffer.from(
  envelope.replace('""', `"${"x".repeat(Math.max(0, bodyBytes - envelope.length))}"`),
);

const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json", "content-length": body.length });
    res.end(body);
  });
});
server.listen(port, "127.0.0.1", () => {
  const address = server.address();
  const actual = typeof address === "object" && address ? address.port : port;
  console.log(`bare http server running at http://127.0.0.1:${actual}`);
});
process.once("SIGTERM", () => server.close(() => process.exit(0)).closeAllConnections());
