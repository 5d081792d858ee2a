// @ts-check
/// <reference lib="webworker" />
/**
 * Legplan's service worker: the whole site, one version at a time, for offline visits.
 *
 * `sitebuild/offline.py` writes this file to the site's root as `sw.js`, after a first line
 * `const PRECACHE = {version, files: [{url, sha256}]}` that lists every file to keep
 * (pages, assets, the Pyodide runtime, the wheels) with its hash, and the site's
 * `javascripts/sha256.mjs` as a classic script (its `sha256` function, the worker's too);
 * the version is a hash of all of them, so any change to any file is a new version and
 * a new `sw.js`.
 *
 * - install: fill the cache `legplan-<version>`, checking each file against its hash, so
 *   a server caught halfway through a deployment cannot give a mix of versions (a file
 *   comes from the HTTP cache when that copy has the right hash, else from the server). Files
 *   marked `calculator` (the Pyodide runtime, the wheels) wait until a calculator page
 *   sends the message "calculator" (once the calculator is ready, so keeping it never
 *   competes with its start): a guidance page never downloads Pyodide.
 * - activate: delete every other `legplan-` cache. No `skipWaiting()`, no `clients.claim()`:
 *   a page keeps the version it started with; a new version takes over when no page of
 *   the old one is open.
 * - fetch: same-origin GETs inside the scope come from this version's cache; what is not
 *   listed (source maps, other languages' search files) goes to the network.
 */

/**
 * `aliases`: addresses answered with a kept file (the browser's own `favicon.ico` request
 * from pages that name no icon, such as the printable plans, gets the site's icon).
 * @typedef {{version: string, files: {url: string, sha256: string, calculator: boolean}[], aliases: Record<string, string>}} Precache
 */
/** @type {Precache} */
// @ts-ignore -- declared by the line the build writes above
const MANIFEST = PRECACHE;
/** @type {(buffer: ArrayBuffer) => Promise<string>} */
// @ts-ignore -- javascripts/sha256.mjs, which the build writes above
const hexDigest = sha256;

const sw = /** @type {ServiceWorkerGlobalScope} */ (/** @type {unknown} */ (self));
const PREFIX = "legplan-";
const CACHE = PREFIX + MANIFEST.version;
const SCOPE = new URL(sw.registration.scope);

/**
 * One file of this version: from the browser's HTTP cache when it holds this version (the
 * page has usually just fetched it, so nothing is downloaded twice), else from the server.
 * @param {URL} url @param {string} expected its sha256
 */
async function fetchVersion(url, expected) {
  for (const mode of /** @type {RequestCache[]} */ (["default", "reload"])) {
    const request = new Request(url, { cache: mode });
    const response = await fetch(request);
    if (!response.ok) {
      if (mode === "reload") throw new Error(`${url.pathname} answered ${response.status}`);
      continue;
    }
    const body = await response.arrayBuffer();
    if ((await hexDigest(body)) === expected) {
      const { status, statusText, headers } = response;
      return new Response(body, { status, statusText, headers });
    }
  }
  throw new Error(`${url.pathname} is not the file of version ${MANIFEST.version}`);
}

/** @param {boolean} calculator which group to keep: the calculator's files, or the rest */
async function precache(calculator) {
  const cache = await caches.open(CACHE);
  await Promise.all(
    MANIFEST.files
      .filter((file) => file.calculator === calculator)
      .map(async ({ url, sha256: expected }) => {
        const address = new URL(url, SCOPE);
        if (await cache.match(address)) return; // kept from an interrupted install: checked then
        await cache.put(address, await fetchVersion(address, expected));
      }),
  );
}

async function dropOtherVersions() {
  for (const key of await caches.keys()) {
    if (key.startsWith(PREFIX) && key !== CACHE) await caches.delete(key);
  }
}

/** @param {Request} request @param {URL} url */
async function answer(request, url) {
  const cache = await caches.open(CACHE);
  const options = { ignoreSearch: true, ignoreVary: true };
  let hit = await cache.match(request, options);
  if (!hit && url.pathname.endsWith("/index.html")) {
    hit = await cache.match(new URL("./", url), options);
  }
  const alias = MANIFEST.aliases[url.href.slice(SCOPE.href.length)];
  if (!hit && alias) hit = await cache.match(new URL(alias, SCOPE), options);
  if (hit) return hit;
  try {
    return await fetch(request);
  } catch {
    // Offline and not kept: a page gets the site's own "not found" page, anything else
    // (the browser's /favicon.ico, a source map) a plain error status.
    const notFound = request.mode === "navigate" && (await cache.match(new URL("404.html", SCOPE)));
    return notFound || new Response(null, { status: 504, statusText: "Offline" });
  }
}

sw.addEventListener("install", (event) => event.waitUntil(precache(false)));
sw.addEventListener("activate", (event) => event.waitUntil(dropOtherVersions()));
sw.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== "GET" || !url.href.startsWith(SCOPE.href)) return;
  event.respondWith(answer(request, url));
});
sw.addEventListener("message", (event) => {
  if (event.data === "version") event.source?.postMessage({ version: MANIFEST.version });
  if (event.data === "calculator") {
    event.waitUntil(
      precache(true).then(
        () => event.source?.postMessage({ calculator: "kept", version: MANIFEST.version }),
        (/** @type {unknown} */ error) => console.warn("legplan: calculator not kept offline:", error),
      ),
    );
  }
});
