const cacheName = "boxoffice-door-v1";

/**
 * Makes this page open again without a connection: registers the door's service worker
 * (public/door-sw.js) and hands it what the page has loaded so far (the app shell, its
 * scripts and styles, the decoder's WebAssembly once `ready` settles). Only in production
 * builds; Vite's dev server serves modules the worker must not pin.
 */
export function keepDoorOffline(ready: Promise<unknown> = Promise.resolve()): void {
  if (import.meta.env.DEV || !("serviceWorker" in navigator) || !("caches" in window)) return;
  void (async () => {
    try {
      await navigator.serviceWorker.register("/door-sw.js");
      await ready.catch(() => undefined);
      const loaded = performance
        .getEntriesByType("resource")
        .map((entry) => new URL(entry.name))
        .filter((url) => url.origin === location.origin && url.pathname.startsWith("/assets/"))
        .map((url) => url.pathname);
      const cache = await caches.open(cacheName);
      await cache.addAll(["/", "/api/tickets/public-key", ...new Set(loaded)]);
    } catch {
      // Without a worker the door still works offline; only a reload needs the network.
    }
  })();
}
