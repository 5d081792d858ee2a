// @ts-check
/**
 * The calculator's module Web Worker: the only code that touches Pyodide.
 *
 * Loads the Pyodide runtime and the wheels from this site (never by package
 * name: that falls back to a CDN), imports `legplan.web` and answers messages.
 * The core wheels are imported as zip files (CORE_DIR); the calendar wheels are
 * unpacked on the first .ics download only. A visit after the first restores
 * Python's memory as the first left it (SNAPSHOTS). Started early by the calculator
 * page's head (overrides/main.html) or by page.mjs.
 */
import { sha256 } from "../sha256.mjs";
import { MessageType, isMessage } from "./messages.mjs";

const RUNTIME = new URL("../../assets/pyodide/", import.meta.url);
const WHEELS = new URL("../../assets/wheels/", import.meta.url);

/** @typedef {{file: string, sha256: string, group: string, name: string}} Wheel */

const started = performance.now();
/** @type {Record<string, number>} */
const timings = {};

/** @param {string} type @param {any} data @param {number} [id] */
function post(type, data, id = 0) {
  self.postMessage({ id, type, data });
}

/** @param {Response} response */
function checked(response) {
  if (!response.ok) throw new Error(`${response.url} answered ${response.status}`);
  return response;
}

/**
 * Fetch the wheels of one group and check their hashes against the manifest.
 * @param {Wheel[]} wheels
 */
function fetchWheels(wheels) {
  return Promise.all(
    wheels.map(async (wheel) => {
      const buffer = await (await fetch(new URL(wheel.file, WHEELS)).then(checked)).arrayBuffer();
      if ((await sha256(buffer)) !== wheel.sha256) {
        throw new Error(`${wheel.file} does not match its hash`);
      }
      return new Uint8Array(buffer);
    }),
  );
}

/**
 * Where the core wheels are written, as they are: Python imports from them as zip files
 * (a wheel is one), so nothing is unpacked. They are written by `fsInit`, while the runtime
 * starts and before Python does, and named in PYTHONPATH, so Python starts with them on
 * `sys.path`; this also puts them back after a restore from memory (see SNAPSHOTS).
 */
const CORE_DIR = "/lib/legplan-wheels/";

/**
 * The core wheels as `loadPyodide` options.
 * @param {Wheel[]} wheels @param {Promise<Uint8Array[]>} archives their bytes, checked
 */
function coreOptions(wheels, archives) {
  return {
    env: { PYTHONPATH: wheels.map((wheel) => CORE_DIR + wheel.file).join(":") },
    /** @param {any} FS */
    async fsInit(FS) {
      let bytes;
      try {
        bytes = await archives;
      } catch {
        return; // reported by boot(), which awaits the same promise
      }
      FS.mkdirTree(CORE_DIR);
      wheels.forEach((wheel, i) => FS.writeFile(CORE_DIR + wheel.file, bytes[i]));
    },
  };
}

/**
 * Unpack wheels into site-packages (the calendar's, loaded on the first download).
 * @param {any} pyodide @param {Uint8Array[]} archives
 */
function install(pyodide, archives) {
  for (const archive of archives) pyodide.unpackArchive(archive, "wheel");
  pyodide.runPython("import importlib; importlib.invalidate_caches()");
}

/**
 * A promise that rejects when the runtime fails in a way `loadPyodide()` never reports.
 *
 * Pyodide catches a failed `WebAssembly.instantiate(Streaming)` (a 404, a broken
 * download), only logs a warning and never settles `loadPyodide()`; and a runtime
 * file that fails to download can leave one of Pyodide's own promises rejected
 * with no handler (an uncaught error). While the runtime starts, both turn into
 * this promise's rejection, so the page hears of the failure at once. Call `stop`
 * once the runtime is up (or has failed) to put everything back.
 */
function watchRuntime() {
  /** @type {(reason: unknown) => void} */
  let failed = () => {};
  const failure = new Promise((_, reject) => {
    failed = reject;
  });
  const wasm = /** @type {any} */ (WebAssembly);
  const originals = { instantiate: wasm.instantiate, instantiateStreaming: wasm.instantiateStreaming };
  for (const [name, original] of Object.entries(originals)) {
    if (typeof original !== "function") continue;
    wasm[name] = function (/** @type {any[]} */ ...args) {
      const result = original.apply(this, args);
      result.catch((/** @type {unknown} */ error) => failed(new Error(`the runtime could not start (${error})`)));
      return result;
    };
  }
  /** @param {PromiseRejectionEvent} event */
  const unhandled = (event) => {
    event.preventDefault();
    failed(new Error(`the runtime could not start (${event.reason?.message ?? event.reason})`));
  };
  self.addEventListener("unhandledrejection", unhandled);
  return {
    failure,
    stop() {
      Object.assign(wasm, originals);
      self.removeEventListener("unhandledrejection", unhandled);
    },
  };
}

/**
 * Python's memory right after start-up, kept in this browser for the next visit.
 *
 * The first visit starts Pyodide as usual (with `_makeSnapshot`, which only changes how
 * JavaScript globals are reached from Python), imports `legplan.web`, renders the default
 * plan once and copies Python's memory into Cache Storage before it answers any request,
 * so the copy holds nothing the reader typed. Later visits restore that copy instead of
 * starting Python from nothing: no new download, and none of the start-up's imports.
 * The files Python reads (the core wheels) are not part of a memory copy: `fsInit` writes
 * them again while a restore starts (see CORE_DIR). One copy per site version (the name hashes the
 * wheel manifest, which names the runtime's version); a copy that does not restore is
 * deleted and the visit starts as usual. `_makeSnapshot`, `_loadSnapshot` and
 * `makeMemorySnapshot` are Pyodide's own, marked private: the runtime is pinned, and the
 * tests restore a copy in Chromium on every run. The cache's name does not start with
 * `legplan-`: those are the service worker's, which deletes the ones of other versions.
 */
const SNAPSHOTS = "pyodide-memory";

/**
 * What the copy depends on besides the wheels and the runtime (both named by the manifest):
 * how this worker lays Python out before copying it. Change it with any such change
 * (CORE_DIR, the options, what is imported or run before the copy), so no visit restores
 * a copy that an older worker made.
 */
const MEMORY_LAYOUT = `1 ${CORE_DIR} legplan.web`;

/** @param {string} manifest the manifest's text */
async function snapshotKey(manifest) {
  const text = `${MEMORY_LAYOUT}\n${manifest}`;
  const digest = await sha256(/** @type {ArrayBuffer} */ (new TextEncoder().encode(text).buffer));
  return new URL(`python-memory-${digest.slice(0, 16)}.bin`, RUNTIME).href;
}

/** @param {string} key */
async function keptSnapshot(key) {
  if (!("caches" in self)) return null;
  try {
    const hit = await (await caches.open(SNAPSHOTS)).match(key);
    return hit ? new Uint8Array(await hit.arrayBuffer()) : null;
  } catch {
    return null; // storage unavailable (a private window, a full disk): start as usual
  }
}

/** @param {string} key @param {Uint8Array} bytes */
async function keepSnapshot(key, bytes) {
  const cache = await caches.open(SNAPSHOTS);
  for (const request of await cache.keys()) if (request.url !== key) await cache.delete(request);
  await cache.put(key, new Response(bytes, { headers: { "Content-Type": "application/octet-stream" } }));
}

/** @param {string} key */
async function forgetSnapshot(key) {
  await (await caches.open(SNAPSHOTS)).delete(key);
}

/**
 * Start the runtime, failing at once where Pyodide would hang (see `watchRuntime`).
 * @param {(options: object) => Promise<any>} loadPyodide @param {object} options
 */
async function startRuntime(loadPyodide, options) {
  const watch = watchRuntime();
  try {
    return await Promise.race([loadPyodide({ indexURL: RUNTIME.href, packages: [], ...options }), watch.failure]);
  } finally {
    watch.stop();
  }
}

async function boot() {
  if (typeof WebAssembly !== "object") throw new Error("this browser has no WebAssembly");
  post(MessageType.Progress, { stage: "runtime" });
  const manifestText = fetch(new URL("manifest.json", WHEELS))
    .then(checked)
    .then((r) => r.text());
  const manifest = manifestText.then((text) => JSON.parse(text));
  const wheels = manifest.then((m) => m.wheels.filter((/** @type {Wheel} */ w) => w.group === "core"));
  const core = wheels.then(fetchWheels);
  core.catch(() => {}); // reported through the await below
  const key = manifestText.then(snapshotKey);
  const kept = key.then(keptSnapshot, () => null);
  const { loadPyodide } = await import(new URL("pyodide.mjs", RUNTIME).href);
  const options = coreOptions(await wheels, core);
  const snapshot = await kept;
  timings.start = performance.now() - started;
  let pyodide = null;
  if (snapshot) {
    try {
      pyodide = await startRuntime(loadPyodide, { ...options, _loadSnapshot: snapshot });
    } catch {
      await forgetSnapshot(await key).catch(() => {});
    }
  }
  const restored = pyodide !== null;
  pyodide ??= await startRuntime(loadPyodide, { ...options, _makeSnapshot: "caches" in self });
  await core; // a wheel that did not download or match its hash fails the start here
  timings.runtime = performance.now() - started;
  post(MessageType.Progress, { stage: "packages" });
  const web = pyodide.pyimport("legplan.web");
  timings.ready = performance.now() - started;
  return { pyodide, web, manifest: await manifest, restored, keep: restored ? null : await key };
}

const booting = boot();
/** @type {Promise<void> | null} */
let calendar = null;

booting.then(
  (python) => {
    post(MessageType.Ready, { timings, restored: python.restored });
    // Compile the plan's templates now rather than on the reader's first change (the
    // first render compiles them: 150-300 ms); a request sent meanwhile waits for it.
    try {
      python.web.handle("{}");
    } catch {
      // the reader's first request reports any real error
    }
    // Copied before any of the reader's requests runs: they wait for this callback.
    if (python.keep) {
      try {
        keepSnapshot(python.keep, python.pyodide.makeMemorySnapshot()).then(
          () => post(MessageType.Progress, { stage: "kept" }),
          () => {},
        );
      } catch {
        // no copy this time: the next visit starts as usual
      }
    }
  },
  (error) => {
    post(MessageType.Failed, { reason: String(error?.message ?? error) });
    self.close(); // a runtime that failed to start has nothing left to do
  },
);

/** @param {{pyodide: any, manifest: {wheels: Wheel[]}}} python */
function loadCalendar(python) {
  calendar ??= fetchWheels(python.manifest.wheels.filter((w) => w.group === "calendar")).then(
    (archives) => install(python.pyodide, archives),
  );
  return calendar;
}

self.addEventListener("message", async (event) => {
  const message = event.data;
  if (!isMessage(message)) return;
  try {
    const python = await booting;
    switch (message.type) {
      case MessageType.Plan:
        post(MessageType.Result, python.web.handle(message.data), message.id);
        break;
      case MessageType.Query:
        post(MessageType.Result, python.web.handle_query(message.data), message.id);
        break;
      case MessageType.Export: {
        const { request, format, today } = message.data;
        if (format === "ics") await loadCalendar(python);
        post(MessageType.Result, python.web.export(request, format, today), message.id);
        break;
      }
      default:
        break;
    }
  } catch (error) {
    if (message.type === MessageType.Export) calendar = null;
    post(MessageType.Failed, { reason: String(/** @type {any} */ (error)?.message ?? error) }, message.id);
  }
});
