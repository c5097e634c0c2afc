/** For other packages' tests (the web app's browser suite): the server as its own process. */
export { freePort } from "./free-port.ts";
export { spawnServer, type ServerProcess } from "./spawn-server.ts";
export { startTcpProxy } from "./tcp-proxy.ts";
