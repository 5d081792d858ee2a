// @ts-check
/**
 * Run one step of the site build inside Pyodide under Node, with the build's tools.
 *
 * Usage: node compile.mjs < SPEC, where SPEC is JSON:
 *   {"pyodide": "/abs/node_modules/pyodide", "tools": ["/abs/pyodide_build-....whl", ...],
 *    "mount": "/abs/job", "env": {"SOURCE_DATE_EPOCH": "1700000000", ...},
 *    "call": "sitebuild.lock.build", "job": {...}}
 * Called by sitebuild/compile.py (run_in_pyodide). Starts the pinned Pyodide with `env` (read
 * by its Python at start-up: SOURCE_DATE_EPOCH, PYTHONNODEBUGRANGES), unpacks the pure tool
 * wheels (pyodide-lock, pyodide-build and what they import) into its site-packages, mounts
 * the host folder `mount` at the same path and this folder, the `sitebuild` package, at
 * /tools/sitebuild, then calls `call(job)`. Loads no package by name: nothing is downloaded.
 * Python's output goes to stderr; a Python error ends the process with status 1.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** @typedef {{pyodide: string, tools: string[], mount: string, env: Record<string, string>, call: string, job: object}} Spec */

const here = path.dirname(fileURLToPath(import.meta.url));
/** @type {Spec} */
const spec = JSON.parse(readFileSync(0, "utf8"));

// An uncaught error would make Node print the minified line it came from (a megabyte).
process.on("uncaughtException", (error) => {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  process.exit(1);
});

const { loadPyodide } = await import(pathToFileURL(path.join(spec.pyodide, "pyodide.mjs")).href);
const log = (/** @type {string} */ line) => console.error(line);
const pyodide = await loadPyodide({
  indexURL: spec.pyodide + path.sep,
  env: { HOME: "/home/pyodide", ...spec.env },
  stdout: log,
  stderr: log,
});
const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
for (const wheel of spec.tools) {
  // With their dist-info: pyodide-build reads its own version through importlib.metadata.
  pyodide.unpackArchive(new Uint8Array(readFileSync(wheel)), "wheel", { extractDir: sitePackages });
}
pyodide.FS.mkdirTree(spec.mount);
pyodide.mountNodeFS(spec.mount, spec.mount);
pyodide.FS.mkdirTree("/tools/sitebuild");
pyodide.mountNodeFS("/tools/sitebuild", here);
const [module, name] = [spec.call.slice(0, spec.call.lastIndexOf(".")), spec.call.slice(spec.call.lastIndexOf(".") + 1)];
pyodide.globals.set("legplan_job", JSON.stringify({ module, name, job: spec.job }));
try {
  pyodide.runPython(`
import importlib, json, sys
sys.dont_write_bytecode = True  # nothing written into the mounted package
sys.path.insert(0, "/tools")
_step = json.loads(legplan_job)
getattr(importlib.import_module(_step["module"]), _step["name"])(_step["job"])
`);
} catch (error) {
  console.error(String(/** @type {any} */ (error)?.message ?? error));
  process.exit(1);
}
