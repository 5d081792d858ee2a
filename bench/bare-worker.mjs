// The bench's reference worker: loadPyodide() and nothing else, from one of two runtimes:
// ?runtime=stock (the default): the unmodified files of the npm package, served from bench/stock/;
// ?runtime=site: the site's own runtime (assets/pyodide/: its trimmed, byte-compiled stdlib, and
// the site's lock in assets/wheels/, or, on a site from before it had one, the stock lock).
const started = performance.now();
const site = new URL(self.location.href).searchParams.get("runtime") === "site";
const indexURL = site ? "/assets/pyodide/" : "/bench/stock/";
const text = (/** @type {Response} */ r) => (r.ok ? r.text() : Promise.reject(new Error(r.url)));
const siteLock = () =>
  fetch("/assets/wheels/pyodide-lock.json")
    .then(text)
    .catch(() => fetch(indexURL + "pyodide-lock.json").then(text));
const options = site ? { indexURL, lockFileContents: siteLock() } : { indexURL };
try {
  const { loadPyodide } = await import(indexURL + "pyodide.mjs");
  await loadPyodide(options);
  self.postMessage({ ok: true, ms: performance.now() - started });
} catch (error) {
  self.postMessage({ ok: false, ms: performance.now() - started, error: String(error) });
}
