// @ts-check
/**
 * Run Legplan inside Pyodide under Node, from the wheels the site ships.
 *
 *   node tests/pyodide/run.mjs parity  WHEELS_DIR   JSON of every golden case's outputs, on stdout
 *   node tests/pyodide/run.mjs timings WHEELS_DIR   JSON of start-up, install, import, render times (ms)
 *   node tests/pyodide/run.mjs handle  WHEELS_DIR < REQUEST   legplan.web.handle's reply, on stdout
 *   node tests/pyodide/run.mjs pytest  WHEELS_DIR [PYTEST ARGS...]   pytest inside Pyodide; its exit status
 *
 * WHEELS_DIR is the output of sitebuild.wheels (wheels + manifest.json). The wheels are
 * checked against the manifest's sha256, then the core group is imported as zip files
 * and the others unpacked with unpackArchive, as in the browser; no package is
 * ever loaded by name (that falls back to a CDN). With NODEFS, parity mounts the
 * repository's tests/ at /repo/tests (for the golden cases), pytest the repository at /repo.
 * Python's own output goes to stderr, so stdout carries only the result.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadPyodide } from "pyodide";

/**
 * @typedef {{name: string, version: string, group: string, file: string, sha256: string, size: number, bytecode: string | null}} WheelEntry
 * @typedef {{pyodide: string, python: string, wheels: WheelEntry[]}} Manifest
 * @typedef {import("pyodide").PyodideAPI} Pyodide
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const indexURL = path.dirname(createRequire(import.meta.url).resolve("pyodide/package.json")) + path.sep;

/** Where the core wheels go, as the calculator's worker puts them (worker.mjs, CORE_DIR). */
const CORE_DIR = "/lib/legplan-wheels/";

/**
 * Install the manifest's wheels of the given groups as the calculator's worker does: the
 * core group as zip files on `sys.path` right after '' (the worker names them in
 * PYTHONPATH), every other group unpacked into site-packages.
 * @param {Pyodide} pyodide
 * @param {string} dir
 * @param {Manifest} manifest
 * @param {string[]} groups
 */
function installWheels(pyodide, dir, manifest, groups) {
  const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
  const zips = [];
  for (const wheel of manifest.wheels.filter((w) => groups.includes(w.group))) {
    const bytes = new Uint8Array(readFileSync(path.join(dir, wheel.file)));
    const digest = createHash("sha256").update(bytes).digest("hex");
    if (digest !== wheel.sha256) {
      throw new Error(`${wheel.file}: sha256 ${digest}, manifest says ${wheel.sha256}`);
    }
    if (wheel.group === "core") {
      pyodide.FS.mkdirTree(CORE_DIR);
      pyodide.FS.writeFile(CORE_DIR + wheel.file, bytes);
      zips.push(CORE_DIR + wheel.file);
    } else {
      pyodide.unpackArchive(bytes, "wheel", { extractDir: sitePackages });
    }
  }
  pyodide.globals.set("legplan_zips", pyodide.toPy(zips));
  pyodide.runPython("import importlib, sys; sys.path[1:1] = legplan_zips; importlib.invalidate_caches()");
  pyodide.globals.delete("legplan_zips");
}

/** @param {Pyodide} pyodide */
function mountTests(pyodide) {
  pyodide.mountNodeFS("/repo/tests", path.join(ROOT, "tests"));
  pyodide.runPython("import sys; sys.path.insert(0, '/repo')");
}

async function start() {
  const pyodide = await loadPyodide({ indexURL });
  // Python's output, byte for byte, to stderr: stdout carries only the result.
  const write = (/** @type {Uint8Array} */ buffer) => {
    process.stderr.write(buffer);
    return buffer.length;
  };
  pyodide.setStdout({ write });
  pyodide.setStderr({ write });
  return pyodide;
}

// An uncaught error would make Node print the minified line it came from (a megabyte).
process.on("uncaughtException", (error) => {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  process.exit(1);
});

const [mode, wheelsDir, ...rest] = process.argv.slice(2);
if (!mode || !wheelsDir) {
  console.error("usage: node tests/pyodide/run.mjs parity|timings|pytest WHEELS_DIR [ARGS...]");
  process.exit(2);
}
/** @type {Manifest} */
const manifest = JSON.parse(readFileSync(path.join(wheelsDir, "manifest.json"), "utf8"));

switch (mode) {
  case "parity": {
    const pyodide = await start();
    installWheels(pyodide, wheelsDir, manifest, ["core", "calendar"]);
    mountTests(pyodide);
    const result = pyodide.runPython("import tests.pyodide.parity as p; p.collect_json()");
    process.stdout.write(result);
    break;
  }
  case "handle": {
    // One request from stdin through legplan.web.handle: hostile input must not kill Pyodide.
    const pyodide = await start();
    installWheels(pyodide, wheelsDir, manifest, ["core"]);
    const chunks = [];
    for await (const chunk of process.stdin) chunks.push(chunk);
    pyodide.globals.set("request", Buffer.concat(chunks).toString("utf8"));
    process.stdout.write(pyodide.runPython("import legplan.web; legplan.web.handle(request)"));
    break;
  }
  case "timings": {
    const t0 = performance.now();
    const pyodide = await start();
    const t1 = performance.now();
    installWheels(pyodide, wheelsDir, manifest, ["core"]);
    const t2 = performance.now();
    pyodide.runPython("import legplan.web");
    const t3 = performance.now();
    pyodide.runPython(`legplan.web.handle('{"goal": "tone"}')`);
    const t4 = performance.now();
    pyodide.runPython(`legplan.web.handle('{"goal": "lose", "days": ["mon", "wed", "fri", "sat"]}')`);
    const t5 = performance.now();
    installWheels(pyodide, wheelsDir, manifest, ["calendar"]);
    pyodide.runPython(`legplan.web.export('{"goal": "tone"}', "ics", "2027-01-04")`);
    const t6 = performance.now();
    const ms = (/** @type {number} */ a, /** @type {number} */ b) => Math.round((b - a) * 10) / 10;
    const timings = {
      bytecode: manifest.wheels.find((w) => w.name === "legplan")?.bytecode ?? null,
      start: ms(t0, t1),
      install_core: ms(t1, t2),
      first_import: ms(t2, t3),
      first_render: ms(t3, t4),
      second_render: ms(t4, t5),
      calendar_install_and_first_ics: ms(t5, t6),
    };
    process.stdout.write(JSON.stringify(timings) + "\n");
    break;
  }
  case "pytest": {
    const pyodide = await start();
    installWheels(pyodide, wheelsDir, manifest, ["core", "calendar", "test"]);
    pyodide.mountNodeFS("/repo", ROOT);
    pyodide.globals.set("args", pyodide.toPy(rest));
    const status = pyodide.runPython(`
import os, sys
sys.dont_write_bytecode = True  # no cpython-314 files in the host's tree
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
