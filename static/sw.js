// Sandflow's service worker: keeps a copy of the app (the page, its script, wasm, styles,
// icons and manifest) so that Sandflow opens with no network once it has been opened.
//
// Written by hand: the well-kept tool for this, Workbox, builds its worker with Rollup and
// Babel (a few hundred npm packages) for what is here about sixty lines, and nothing made
// for Trunk exists. What it does:
// - install: copies every file of the build (FILES, written by scripts/precache.mjs after
//   each build, with BUILD, a hash of their contents) into a cache named after the scope
//   and the build, so a new build always gets a new cache and a new worker;
// - fetch: answers from that cache first (pages get the app's page, so a deep link opens
//   offline; a query string, as on `fr.json?v=…`, never names another file of the build),
//   and from the network for anything else;
// - a new build waits: the page says "A new version is ready" and only a click on Reload
//   posts 'activate-update', which lets the new worker take over; the page then reloads.
//   Closing every tab of the app also lets it take over, on the next visit.
// - activate: deletes the caches of older builds of this scope (two deployments on one
//   origin, at two paths, keep theirs).
const BUILD = 'dev';
const FILES = [];

const SCOPE = self.registration.scope;
const CACHE = `sandflow ${SCOPE} ${BUILD}`;
const PAGE = new URL('./', SCOPE).href;

self.addEventListener('install', (event) => {
  // 'no-cache' revalidates with the server, so an HTTP cache never hands an older file to a
  // new build's copy.
  const requests = [PAGE, ...FILES].map((file) => new Request(new URL(file, SCOPE), { cache: 'no-cache' }));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(requests)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys().then((names) => Promise.all(names
      .filter((name) => name.startsWith(`sandflow ${SCOPE} `) && name !== CACHE)
      .map((name) => caches.delete(name)))),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'activate-update') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || !request.url.startsWith(SCOPE)) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    const page = request.mode === 'navigate';
    const hit = await cache.match(request, { ignoreSearch: true, ignoreVary: true })
      || (page ? await cache.match(PAGE, { ignoreVary: true }) : undefined);
    return hit || fetch(request);
  })());
});
