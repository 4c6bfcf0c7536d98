// Parley's service worker: lets the app open without a network. Pages and the app's own files
// always come from the network when it answers (so a new version is never hidden behind an old
// copy); without one, the last conversation list and the files to run it come from the cache,
// and the page shows that it is offline. API calls, media and the socket are never cached.
// The list is the signed-in person's own: it is forgotten as soon as a page shows someone is
// signed out (logging out lands on /login).

const CACHE = 'parley-shell-v1';
const LIST = '/';
const SIGNED_OUT_PAGES = ['/login', '/signup', '/forgot-password', '/reset-password'];
// Logging out and deleting the account: the app then moves to /login without loading a page.
const SIGNING_OUT = ['/api/logout', '/api/account/delete'];

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method === 'POST' && SIGNING_OUT.includes(url.pathname)) {
    event.waitUntil(caches.open(CACHE).then((cache) => cache.delete(LIST)));
    return;
  }
  if (request.method !== 'GET') return;
  const page = request.mode === 'navigate';
  const appFile = url.pathname.startsWith('/pkg/') || url.pathname.startsWith('/icons/')
    || url.pathname === '/favicon.png' || url.pathname === '/manifest.webmanifest';
  if (!page && !appFile) return;
  event.respondWith(networkFirst(request, url, page));
});

async function networkFirst(request, url, page) {
  const cache = await caches.open(CACHE);
  let response;
  try {
    response = await fetch(request);
  } catch (offline) {
    const cached = await cache.match(page ? LIST : request);
    return cached ?? offlinePage();
  }
  const landedOn = new URL(response.url || request.url).pathname;
  if (page && SIGNED_OUT_PAGES.includes(landedOn)) {
    await cache.delete(LIST);
  } else if (response.ok && (!page || (url.pathname === LIST && landedOn === LIST))) {
    await cache.put(page ? LIST : request, response.clone());
    if (page) await keepOnlyFilesOf(cache, await response.clone().text());
  }
  return response;
}

// Build files carry a content hash in their names (parley.<hash>.wasm) and a build has
// several (the wasm comes in pieces: src/lazy_pages.rs). The list page names every file it
// needs (scripts, style, and its pieces as preloads); once a new copy of it is kept, the
// files it does not name (earlier builds', other pages' pieces) are dead weight here. Other
// pages' pieces stay in the browser's own cache, which keeps build files for a year.
async function keepOnlyFilesOf(cache, html) {
  const named = new Set(html.match(/\/pkg\/[^"'\s<>]+/g) ?? []);
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (path.startsWith('/pkg/') && !named.has(path)) await cache.delete(request);
  }
}

function offlinePage() {
  const html = '<!DOCTYPE html><html lang="en"><meta charset="utf-8">'
    + '<meta name="viewport" content="width=device-width, initial-scale=1">'
    + '<title>Offline · Parley</title><body style="font: 16px system-ui, sans-serif; text-align: center; padding: 3rem 1rem">'
    + '<h1>Parley is offline</h1><p>Connect to the internet, then reload.</p></body></html>';
  return new Response(html, { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}
