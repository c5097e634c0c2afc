const cacheName = "boxoffice-door-v1";

/**
 * Makes this page open again without a connection: registers the door's service worker
 * (public/door-sw.js) and hands it what the page has loaded so far (the app shell, its
 * scripts and styles, the decoder's WebAssembly once `ready` settles). Resolves true once a
 * reload with no connection would work (the worker controls the page and holds the files),
 * false where it cannot be kept. Only in production builds; Vite's dev server serves modules
 * the worker must not pin.
 */
export async function keepDoorOffline(
  ready: Promise<unknown> = Promise.resolve(),
): Promise<boolean> {
  if (import.meta.env.DEV || !("serviceWorker" in navigator) || !("caches" in window)) {
    return false;
  }
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
    await controlled();
    return true;
  } catch {
    // Without a worker the door still works offline; only a reload needs the network.
    return false;
  }
}

/** Once the worker has taken this page over (it claims open pages when it activates). */
async function controlled(): Promise<void> {
  await navigator.serviceWorker.ready;
  if (navigator.serviceWorker.controller) return;
  await new Promise<void>((resolve) =>
    navigator.serviceWorker.addEventListener("controllerchange", () => resolve(), { once: true }),
  );
}
