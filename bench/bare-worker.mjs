// The bench's reference worker: loadPyodide() from the site's runtime, nothing else.
const started = performance.now();
try {
  const { loadPyodide } = await import("/assets/pyodide/pyodide.mjs");
  await loadPyodide({ indexURL: "/assets/pyodide/" });
  self.postMessage({ ok: true, ms: performance.now() - started });
} catch (error) {
  self.postMessage({ ok: false, ms: performance.now() - started, error: String(error) });
}
