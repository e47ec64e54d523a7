// Keeps the member's safety plan readable without a connection: the plan page and its stylesheets,
// nothing else. Online, the network always wins (the plan is fresh); offline, the copy is shown.
const PREFIX = {{ cache_prefix|safe }};
const CACHE = PREFIX + {{ version|safe }};
const URLS = {{ urls|safe }};

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(URLS)).then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith(PREFIX) && name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin || !URLS.includes(url.pathname)) {
    return;
  }
  event.respondWith(
    fetch(event.request)
      .then((response) => {
        // A redirect (to the login page, once logged out) or an error is never kept.
        if (response.ok && !response.redirected) {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(url.pathname, copy));
        }
        return response;
      })
      .catch(() =>
        caches.match(url.pathname, { cacheName: CACHE, ignoreVary: true }).then((cached) => cached || Response.error())
      )
  );
});
