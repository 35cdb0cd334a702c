// Portier's marshal service worker (evacuation roll call, issue 6). Registered by the marshal page
// with the scope /<locale>/staff/evacuation (the list and every roll call). It keeps what a marshal needs with no network:
//   - the roll call page itself (network first, the last good copy when offline);
//   - Next's build assets under /_next/static/ (content-hashed: cache first);
//   - the printable roll call PDF (network first).
// The roll call's data and the queued marks live in the page's localStorage; marks are sent by the
// page when it is online again (each with its own id, so a mark sent twice counts once).
// Nothing else is cached: other pages and every API call go to the network as usual.
const CACHE = "portier-evacuation-v1";

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys())
        if (key.startsWith("portier-evacuation-") && key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

// The page names what to keep: its own URL, the scripts and styles it loaded, the roll call PDF.
self.addEventListener("message", (event) => {
  const data = event.data;
  if (!data || data.type !== "keep" || !Array.isArray(data.urls)) return;
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      for (const url of data.urls.slice(0, 300)) {
        try {
          const u = new URL(url, self.location.origin);
          if (u.origin !== self.location.origin || !keepable(u)) continue;
          const res = await fetch(u.href, { credentials: "same-origin", cache: "no-store" });
          if (res.ok) await cache.put(u.href, res);
        } catch {
          // offline or gone: the next visit tries again
        }
      }
    })(),
  );
});

function keepable(u) {
  return (
    u.pathname.startsWith("/_next/static/") ||
    /^\/[a-z]{2}\/staff\/evacuation\/[^/]+$/.test(u.pathname) ||
    /^\/api\/evacuations\/[^/]+\/roll-call$/.test(u.pathname)
  );
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const res = await fetch(request);
    if (res.ok && request.method === "GET") await cache.put(request.url, res.clone());
    return res;
  } catch (err) {
    const hit = (await cache.match(request.url)) || (await cache.match(request.url, { ignoreSearch: true }));
    if (hit) return hit;
    throw err;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request.url);
  if (hit) return hit;
  const res = await fetch(request);
  if (res.ok) await cache.put(request.url, res.clone());
  return res;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const u = new URL(request.url);
  if (u.origin !== self.location.origin) return;
  if (u.pathname.startsWith("/_next/static/")) {
    event.respondWith(cacheFirst(request));
    return;
  }
  // The roll call page (a navigation, or Next's RSC fetch of it) and its PDF.
  if (keepable(u) && !u.pathname.startsWith("/_next/")) {
    if (u.searchParams.has("_rsc") || request.headers.get("rsc")) return;
    event.respondWith(networkFirst(request));
  }
});
