// @ts-check
/**
 * Run Legplan inside Pyodide under Node, on the files the site ships, as its worker does.
 *
 *   node tests/pyodide/run.mjs parity  FILES   JSON of every golden, error and hostile case's outputs, on stdout
 *   node tests/pyodide/run.mjs trace   FILES   the same run on the npm package's full stdlib: JSON of the
 *                                              files it loaded from it, by phase, and of the frozen modules
 *   node tests/pyodide/run.mjs handle  FILES < REQUEST   legplan.web.handle's reply, on stdout
 *   node tests/pyodide/run.mjs run     FILES < CODE      Python code (calendar loaded); its last value, on stdout
 *   node tests/pyodide/run.mjs timings FILES [stock]   JSON of start-up, import, render times (ms);
 *                                              with `stock`, on the npm package's stdlib
 *   node tests/pyodide/run.mjs pytest  FILES EXTRA_WHEELS [PYTEST ARGS...]   pytest inside Pyodide; its exit status
 *
 * FILES is the output of sitebuild.compile: pyodide/python_stdlib.zip (the shipped standard
 * library) and wheels/ (the site's pyodide-lock.json and the wheels it names). Every wheel is
 * checked against the lock's sha256 here, since Node's loadPackage checks nothing. As in the
 * worker: Pyodide gets the lock's text, the wheels' folder and the shipped stdlib
 * (lockFileContents, packageBaseUrl, stdLibURL), the core group is imported as zip files
 * named in PYTHONPATH, written by fsInit, and the calendar group comes from loadPackage,
 * whose failures only reach errorCallback; `parity` and `trace` also copy Python's memory
 * (makeMemorySnapshot) before loading the calendar, as the worker does. No package is ever
 * loaded from anywhere else.
 *
 * `trace` starts on the npm package's full python_stdlib.zip; `pytest` starts on the shipped
 * one with the full one as an overlay behind it (tests/pyodide/overlay.py: what pytest needs
 * beyond the shipped modules), and the wheels of EXTRA_WHEELS (pytest and its dependencies)
 * unpacked. With NODEFS, the repository's tests/ is mounted at /repo/tests (the golden cases),
 * for `pytest` the whole repository at /repo. Python's own output goes to stderr, so stdout
 * carries only the result.
 */
import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

/**
 * @typedef {{name: string, file_name: string, sha256: string, tool?: {legplan?: {group?: string}}}} Wheel
 * @typedef {{packages: Record<string, Wheel>}} Lock
 * @typedef {import("pyodide").PyodideAPI} Pyodide
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const indexURL = path.dirname(createRequire(import.meta.url).resolve("pyodide/package.json")) + path.sep;
const FULL_STDLIB = indexURL + "python_stdlib.zip";

/** Where the core wheels go, as the calculator's worker puts them (worker.mjs, CORE_DIR). */
const CORE_DIR = "/lib/legplan-wheels/";
const STDLIB_IN_PYODIDE = "/lib/python314.zip/";

// An uncaught error would make Node print the minified line it came from (a megabyte).
process.on("uncaughtException", (error) => {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  process.exit(1);
});

const [mode, filesDir, ...rest] = process.argv.slice(2);
if (!mode || !filesDir) {
  console.error("usage: node tests/pyodide/run.mjs parity|trace|handle|run|timings|pytest FILES [ARGS...]");
  process.exit(2);
}
const WHEELS = path.join(filesDir, "wheels") + path.sep;
const SHIPPED_STDLIB = path.join(filesDir, "pyodide", "python_stdlib.zip");
const lockText = readFileSync(WHEELS + "pyodide-lock.json", "utf8");
/** @type {Lock} */
const lock = JSON.parse(lockText);

/** @param {string} group */
function groupOf(group) {
  return Object.values(lock.packages)
    .filter((wheel) => wheel.tool?.legplan?.group === group)
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

/** Every wheel's bytes, checked against the lock (Node's loadPackage checks no hash). */
function checkedWheels() {
  /** @type {Map<string, Uint8Array>} */
  const bytes = new Map();
  for (const wheel of Object.values(lock.packages)) {
    const data = new Uint8Array(readFileSync(WHEELS + wheel.file_name));
    const digest = createHash("sha256").update(data).digest("hex");
    if (digest !== wheel.sha256) {
      throw new Error(`${wheel.file_name}: sha256 ${digest}, the lock says ${wheel.sha256}`);
    }
    bytes.set(wheel.file_name, data);
  }
  return bytes;
}

/**
 * Start Pyodide as the worker does. Python's output, byte for byte, to stderr.
 * @param {{stdlib?: string, snapshot?: boolean}} [options]
 * @returns {Promise<Pyodide>}
 */
async function start({ stdlib = SHIPPED_STDLIB, snapshot = false } = {}) {
  const bytes = checkedWheels();
  const core = groupOf("core");
  const pyodide = await loadPyodide({
    indexURL,
    lockFileContents: lockText,
    packageBaseUrl: WHEELS,
    stdLibURL: stdlib,
    env: { PYTHONPATH: core.map((wheel) => CORE_DIR + wheel.file_name).join(":") },
    /** @param {any} FS */
    fsInit(FS) {
      FS.mkdirTree(CORE_DIR);
      for (const wheel of core) FS.writeFile(CORE_DIR + wheel.file_name, bytes.get(wheel.file_name));
    },
    ...(snapshot ? { _makeSnapshot: true } : {}),
  });
  const write = (/** @type {Uint8Array} */ buffer) => {
    process.stderr.write(buffer);
    return buffer.length;
  };
  pyodide.setStdout({ write });
  pyodide.setStderr({ write });
  return pyodide;
}

/**
 * Load the calendar group as the worker does, and fail if any package did not load.
 * @param {Pyodide} pyodide
 */
async function loadCalendar(pyodide) {
  /** @type {string[]} */
  const errors = [];
  const names = groupOf("calendar").map((wheel) => wheel.name);
  await pyodide.loadPackage(names, { messageCallback: () => {}, errorCallback: (m) => errors.push(m) });
  const missing = names.filter((name) => !(name in pyodide.loadedPackages));
  if (missing.length) throw new Error(`${missing.join(", ")} did not load: ${errors.join("; ")}`);
}

/**
 * The worker's whole life on one interpreter: start, import legplan.web, the warm-up render,
 * the memory copy, every case that needs no calendar (tests/pyodide/parity.py), a Python
 * error reaching JavaScript, the module-not-found hook; then the calendar, loaded as on the
 * first .ics download, and every case that needs it. `phase(name)` is called after each
 * part: "start" (before the calendar), "loader" (the calendar loaded), "calendar".
 * @param {Pyodide} pyodide
 * @param {(name: string) => void} [phase]
 * @returns {Promise<string>} parity's outputs as JSON
 */
async function workerSession(pyodide, phase = () => {}) {
  pyodide.runPython("import legplan.web; legplan.web.handle('{}')");
  pyodide.makeMemorySnapshot();
  pyodide.mountNodeFS("/repo/tests", path.join(ROOT, "tests"));
  pyodide.runPython("import sys; sys.path.insert(0, '/repo')");
  const before = JSON.parse(pyodide.runPython("import tests.pyodide.parity as p; p.collect_json(False)"));
  try {
    pyodide.runPython("def f():\n    raise ValueError('a Python error, formatted for JavaScript')\nf()");
  } catch (error) {
    if (!String(error).includes("ValueError")) throw error;
  }
  try {
    pyodide.runPython("import legplan_no_such_module");
  } catch (error) {
    if (!String(error).includes("ModuleNotFoundError")) throw error;
  }
  phase("start");
  await loadCalendar(pyodide);
  phase("loader");
  const after = JSON.parse(pyodide.runPython("p.collect_json(True)"));
  phase("calendar");
  for (const [name, outputs] of Object.entries(after.outputs)) {
    before.outputs[name] = { ...before.outputs[name], ...outputs };
  }
  return JSON.stringify(before);
}

switch (mode) {
  case "parity": {
    const pyodide = await start({ snapshot: true });
    process.stdout.write(await workerSession(pyodide));
    break;
  }
  case "trace": {
    const pyodide = await start({ stdlib: FULL_STDLIB, snapshot: true });
    // What was loaded from the zip: a frozen module (os, io, importlib's bootstrap, ...) has a
    // __file__ there too, but its code is in the runtime itself, so the zip need not hold it.
    const loaded = () =>
      JSON.parse(
        pyodide.runPython(`
import json, sys
json.dumps(sorted({
    origin.removeprefix("${STDLIB_IN_PYODIDE}")
    for module in list(sys.modules.values())
    if (origin := getattr(getattr(module, "__spec__", None), "origin", None) or "")
    .startswith("${STDLIB_IN_PYODIDE}")
}))`),
      );
    /** @type {Record<string, string[]>} */
    const phases = {};
    const seen = new Set();
    await workerSession(pyodide, (name) => {
      phases[name] = loaded().filter((file) => !seen.has(file));
      phases[name].forEach((file) => seen.add(file));
    });
    const frozen = JSON.parse(pyodide.runPython("import _imp, json; json.dumps(sorted(_imp._frozen_module_names()))"));
    process.stdout.write(JSON.stringify({ phases, frozen }));
    break;
  }
  case "handle": {
    // One request from stdin through legplan.web.handle: hostile input must not kill Pyodide.
    const pyodide = await start();
    const chunks = [];
    for await (const chunk of process.stdin) chunks.push(chunk);
    pyodide.globals.set("request", Buffer.concat(chunks).toString("utf8"));
    process.stdout.write(pyodide.runPython("import legplan.web; legplan.web.handle(request)"));
    break;
  }
  case "run": {
    const pyodide = await start();
    await loadCalendar(pyodide);
    const chunks = [];
    for await (const chunk of process.stdin) chunks.push(chunk);
    process.stdout.write(String(pyodide.runPython(Buffer.concat(chunks).toString("utf8"))));
    break;
  }
  case "timings": {
    const t0 = performance.now();
    const pyodide = await start(rest[0] === "stock" ? { stdlib: FULL_STDLIB } : {});
    const t1 = performance.now();
    pyodide.runPython("import legplan.web");
    const t2 = performance.now();
    pyodide.runPython(`legplan.web.handle('{"goal": "tone"}')`);
    const t3 = performance.now();
    pyodide.runPython(`legplan.web.handle('{"goal": "lose", "days": ["mon", "wed", "fri", "sat"]}')`);
    const t4 = performance.now();
    await loadCalendar(pyodide);
    pyodide.runPython(`legplan.web.export('{"goal": "tone"}', "ics", "2027-01-04")`);
    const t5 = performance.now();
    const ms = (/** @type {number} */ a, /** @type {number} */ b) => Math.round((b - a) * 10) / 10;
    const timings = {
      start: ms(t0, t1),
      first_import: ms(t1, t2),
      first_render: ms(t2, t3),
      second_render: ms(t3, t4),
      calendar_load_and_first_ics: ms(t4, t5),
    };
    process.stdout.write(JSON.stringify(timings) + "\n");
    break;
  }
  case "pytest": {
    const [extraDir, ...args] = rest;
    const pyodide = await start();
    await loadCalendar(pyodide);
    const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
    for (const name of readdirSync(extraDir).sort()) {
      if (!name.endsWith(".whl")) continue;
      const bytes = new Uint8Array(readFileSync(path.join(extraDir, name)));
      pyodide.unpackArchive(bytes, "wheel", { extractDir: sitePackages });
    }
    pyodide.FS.writeFile("/lib/python-full.zip", new Uint8Array(readFileSync(FULL_STDLIB)));
    pyodide.mountNodeFS("/repo", ROOT);
    pyodide.globals.set("args", pyodide.toPy(args));
    const status = pyodide.runPython(`
import importlib, os, sys
sys.dont_write_bytecode = True  # no cpython-314 files in the host's tree
sys.path.insert(0, "/repo")
import tests.pyodide.overlay
tests.pyodide.overlay.install("/lib/python-full.zip")
importlib.invalidate_caches()
import pytest
os.chdir("/repo")
pytest.main(["-p", "no:cacheprovider", *args])
`);
    process.exitCode = Number(status);
    break;
  }
  default:
    console.error(`unknown mode ${JSON.stringify(mode)}`);
    process.exitCode = 2;
}
