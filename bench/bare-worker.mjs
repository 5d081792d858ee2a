// The bench's reference worker: loadPyodide() and nothing else, from one of two runtimes:
// ?runtime=stock (the default): the unmodified files of the npm package, served from bench/stock/;
// ?runtime=site: the site's own runtime (assets/pyodide/: its trimmed, byte-compiled stdlib).
const started = performance.now();
const which = new URL(self.location.href).searchParams.get("runtime") ?? "stock";
const indexURL = which === "site" ? "/assets/pyodide/" : "/bench/stock/";
try {
  const { loadPyodide } = await import(indexURL + "pyodide.mjs");
  await loadPyodide({ indexURL });
  self.postMessage({ ok: true, ms: performance.now() - started });
} catch (error) {
  self.postMessage({ ok: false, ms: performance.now() - started, error: String(error) });
}
