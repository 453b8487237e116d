// okr-grid's service worker: the page opens with no network once it has been opened once.
// Pages are network-first (a new release shows as soon as there is a network), the files a
// page names are cache-first (Trunk gives them content-hashed names). Nothing is ever sent
// anywhere: this only caches the app's own static files.
const CACHE = "okr-grid-app-v1";
const PAGE = "./";
const EXTRA = ["manifest.webmanifest", "icon.svg"];

// The files index.html names (Trunk's hashed JS, wasm, CSS, icon, the worker's files),
// relative to the page.
function assetsOf(html) {
  const found = new Set(EXTRA);
  for (const m of html.matchAll(/(?:href|src)=["']([^"'#?:]+)["']/g)) found.add(m[1]);
  for (const m of html.matchAll(/from\s+['"]([^'"#?:]+)['"]/g)) found.add(m[1]);
  for (const m of html.matchAll(/init\(\s*\{?\s*(?:module_or_path\s*:\s*)?['"]([^'"#?:]+)['"]/g)) found.add(m[1]);
  // The spreadsheet worker's files (content-hashed names), so import and export work offline.
  // The page's parts fetched on first use (scripts/build.sh), so they open offline too, and
  // the catalogues of the languages other than English.
  for (const m of html.matchAll(/<meta name="okr-(?:worker|parts|locales)" content="([^"]+)"/g)) {
    for (const file of m[1].split(/\s+/)) if (file) found.add(file);
  }
  return [...found].map((u) => new URL(u, self.registration.scope).href);
}

// Caches a page and everything it names, then forgets files of older releases.
async function keep(response) {
  const html = await response.clone().text();
  const cache = await caches.open(CACHE);
  const assets = assetsOf(html);
  await Promise.all(
    assets.map(async (url) => {
      if (!(await cache.match(url))) await cache.add(url);
    }),
  );
  await cache.put(PAGE, response);
  const wanted = new Set([...assets, new URL(PAGE, self.registration.scope).href]);
  for (const request of await cache.keys()) {
    if (!wanted.has(request.url)) await cache.delete(request);
  }
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    fetch(PAGE, { cache: "no-cache" })
      .then((r) => (r.ok ? keep(r) : undefined))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(
      fetch(request)
        .then((response) => {
          if (response.ok) event.waitUntil(keep(response.clone()).catch(() => {}));
          return response;
        })
        .catch(async () => (await caches.match(PAGE)) || Response.error()),
    );
    return;
  }
  event.respondWith(
    caches.match(request, { ignoreSearch: true }).then((hit) => hit || fetch(request)),
  );
});
