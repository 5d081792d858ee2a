// @ts-check
/**
 * Byte-compile pure wheels inside Pyodide, for Pyodide's own CPython version.
 *
 * Usage: node compile.mjs '{"epoch": 1700000000, "pyodide": "/abs/node_modules/pyodide",
 *                           "jobs": [{"src": "/abs/a.whl", "dst": "/abs/out/a.whl"}]}'
 * Called by sitebuild/compile.py (compile_in_pyodide): mounts this folder, the `sitebuild`
 * package, at /tools/sitebuild and runs `sitebuild.compile.compile_wheel` for each job.
 * Loads nothing by package name: only the standard library and that module are used.
 */
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** @typedef {{src: string, dst: string}} Job */

const here = path.dirname(fileURLToPath(import.meta.url));

/** @type {{epoch: number, pyodide: string, jobs: Job[]}} */
const spec = JSON.parse(process.argv[2] ?? "{}");
const indexURL = spec.pyodide + path.sep;
const { loadPyodide } = await import(pathToFileURL(path.join(spec.pyodide, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL, stdout: (/** @type {string} */ s) => console.error(s), stderr: (/** @type {string} */ s) => console.error(s) });

/** @type {Map<string, string>} host folder -> mount point in Pyodide */
const mounts = new Map();
/** @param {string} hostDir */
function mount(hostDir) {
  let point = mounts.get(hostDir);
  if (point === undefined) {
    point = `/mnt/${mounts.size}`;
    pyodide.mountNodeFS(point, hostDir);
    mounts.set(hostDir, point);
  }
  return point;
}
/** @param {string} file */
function inPyodide(file) {
  return `${mount(path.dirname(file))}/${path.basename(file)}`;
}

const jobs = spec.jobs.map((job) => ({ src: inPyodide(job.src), dst: inPyodide(job.dst) }));
pyodide.mountNodeFS("/tools/sitebuild", here);
pyodide.globals.set("spec", JSON.stringify({ epoch: spec.epoch, jobs }));
pyodide.runPython(`
import json, sys
sys.dont_write_bytecode = True  # nothing written into the mounted package
sys.path.insert(0, "/tools")
import sitebuild.compile
_spec = json.loads(spec)
for job in _spec["jobs"]:
    sitebuild.compile.compile_wheel(job["src"], job["dst"], _spec["epoch"])
`);
