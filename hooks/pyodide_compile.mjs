// @ts-check
/**
 * Byte-compile pure wheels inside Pyodide, for Pyodide's own CPython version.
 *
 * Usage: node hooks/pyodide_compile.mjs '{"epoch": 1700000000, "jobs": [{"src": "/abs/a.whl", "dst": "/abs/out/a.whl"}]}'
 * Called by hooks/wheels.py (compile_in_pyodide); runs its compile_wheel() in Pyodide.
 * Loads nothing by package name: only the stdlib and hooks/wheels.py are used.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

/** @typedef {{src: string, dst: string}} Job */

const here = path.dirname(fileURLToPath(import.meta.url));
const indexURL = path.dirname(createRequire(import.meta.url).resolve("pyodide/package.json")) + path.sep;

/** @type {{epoch: number, jobs: Job[]}} */
const spec = JSON.parse(process.argv[2] ?? "{}");
const pyodide = await loadPyodide({ indexURL, stdout: (s) => console.error(s), stderr: (s) => console.error(s) });

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
const hooks = mount(here);
pyodide.globals.set("spec", JSON.stringify({ epoch: spec.epoch, jobs, hooks }));
pyodide.runPython(`
import json, sys
_spec = json.loads(spec)
sys.path.insert(0, _spec["hooks"])
import wheels
for job in _spec["jobs"]:
    wheels.compile_wheel(job["src"], job["dst"], _spec["epoch"])
`);
