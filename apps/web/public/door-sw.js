/*
 * The door's service worker: lets the check-in page open again with no connection (a
 * reloaded phone at a venue with failing Wi-Fi). Only what the app already fetched is kept:
 * the app shell, its hashed assets (including the QR decoder's WebAssembly) and the ticket
 * public keys. Pages always try the network first; API calls are never touched.
 */
const cacheName = "boxoffice-door-v1";

self.addEventListener("install", () => void self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

async function keep(request, response) {
  if (response.ok) {
    const cache = await caches.open(cacheName);
    await cache.put(request, response.clone());
  }
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(
      fetch(request).catch(async () => (await caches.match("/")) ?? Response.error()),
    );
  } else if (url.pathname.startsWith("/assets/")) {
    // Hashed file names: a cached copy is the right copy.
    event.respondWith(
      caches.match(request).then((hit) => hit ?? fetch(request).then((r) => keep(request, r))),
    );
  } else if (url.pathname === "/api/tickets/public-key") {
    event.respondWith(
      fetch(request)
        .then((response) => keep(request, response))
        .catch(async () => (await caches.match(request)) ?? Response.error()),
    );
  }
});
