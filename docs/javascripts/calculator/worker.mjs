// @ts-check
/**
 * The calculator's module Web Worker: the only code that touches Pyodide.
 *
 * Loads the Pyodide runtime and the wheels from this site, imports `legplan.web` and
 * answers messages. The site's own `pyodide-lock.json` (LOCK, written by the build with
 * pyodide-lock) names every wheel with its sha256 and group, and the runtime's files with
 * theirs. Pyodide gets that lock and the site's folders (`lockFileContents`,
 * `packageBaseUrl`, `stdLibURL`), so it never asks for the npm package's own lock and no
 * package can be looked for on a CDN. The core wheels are checked against the lock and
 * imported as zip files (CORE_DIR); the calendar group is loaded with `loadPackage` on the
 * first .ics download (the browser checks each wheel against the lock's sha256). A visit
 * after the first restores Python's memory as the first left it (SNAPSHOTS). Started early
 * by the calculator page's head (overrides/main.html) or by page.mjs.
 */
import { sha256 } from "../sha256.mjs";
import { MessageType, isMessage } from "./messages.mjs";

const RUNTIME = new URL("../../assets/pyodide/", import.meta.url);
const WHEELS = new URL("../../assets/wheels/", import.meta.url);
const LOCK = new URL("pyodide-lock.json", WHEELS);
/** The group the worker starts with; every other group loads on first use. */
const CORE = "core";

/**
 * One package of the lock (the fields the worker reads).
 * @typedef {{name: string, file_name: string, sha256: string, tool?: {legplan?: {group?: string}}}} Wheel
 * @typedef {{packages: Record<string, Wheel>}} Lock
 */

/** @param {Lock} lock @param {string} group the packages of one group, by name */
function groupOf(lock, group) {
  return Object.values(lock.packages)
    .filter((wheel) => wheel.tool?.legplan?.group === group)
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

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
 * Fetch the core wheels and check their hashes against the lock.
 * @param {Wheel[]} wheels
 */
function fetchWheels(wheels) {
  return Promise.all(
    wheels.map(async (wheel) => {
      const buffer = await (await fetch(new URL(wheel.file_name, WHEELS)).then(checked)).arrayBuffer();
      if ((await sha256(buffer)) !== wheel.sha256) {
        throw new Error(`${wheel.file_name} does not match its hash`);
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
    env: { PYTHONPATH: wheels.map((wheel) => CORE_DIR + wheel.file_name).join(":") },
    /** @param {any} FS */
    async fsInit(FS) {
      let bytes;
      try {
        bytes = await archives;
      } catch {
        return; // reported by boot(), which awaits the same promise
      }
      FS.mkdirTree(CORE_DIR);
      wheels.forEach((wheel, i) => FS.writeFile(CORE_DIR + wheel.file_name, bytes[i]));
    },
  };
}

/**
 * Where Pyodide finds the lock, the other groups' wheels and the standard library: all on
 * this site. With the lock's text given, Pyodide never fetches the npm package's own lock;
 * with `packageBaseUrl`, a wheel it cannot find is never looked for on a CDN.
 * @param {string} lockText
 */
function siteOptions(lockText) {
  return {
    lockFileContents: lockText,
    packageBaseUrl: WHEELS.href,
    stdLibURL: new URL("python_stdlib.zip", RUNTIME).href,
  };
}

/**
 * Load one group of wheels with Pyodide's `loadPackage` (the calendar's, on the first
 * download). `loadPackage` does not throw: failures reach `errorCallback` only, so each
 * package is checked for afterwards.
 * @param {any} pyodide @param {Wheel[]} wheels
 */
async function loadGroup(pyodide, wheels) {
  /** @type {string[]} */
  const errors = [];
  const names = wheels.map((wheel) => wheel.name);
  await pyodide.loadPackage(names, {
    messageCallback: () => {},
    errorCallback: (/** @type {string} */ message) => errors.push(message),
  });
  const missing = names.filter((name) => !(name in pyodide.loadedPackages));
  if (missing.length) {
    throw new Error(`${missing.join(", ")} could not be loaded${errors.length ? `: ${errors.join("; ")}` : ""}`);
  }
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
 * lock, which names the wheels and the runtime's files with their sha256); a copy that does not restore is
 * deleted and the visit starts as usual. `_makeSnapshot`, `_loadSnapshot` and
 * `makeMemorySnapshot` are Pyodide's own, marked private: the runtime is pinned, and the
 * tests restore a copy in Chromium on every run. The cache's name does not start with
 * `legplan-`: those are the service worker's, which deletes the ones of other versions.
 */
const SNAPSHOTS = "pyodide-memory";

/**
 * What the copy depends on besides the wheels and the runtime (the lock names both, the
 * standard library included, with their sha256): how this worker lays Python out before
 * copying it. Change it with any such change (CORE_DIR, the options, what is imported or
 * run before the copy), so no visit restores a copy that an older worker made.
 */
const MEMORY_LAYOUT = `2 ${CORE_DIR} legplan.web lock`;

/** @param {string} lockText the lock's text */
async function snapshotKey(lockText) {
  const text = `${MEMORY_LAYOUT}\n${lockText}`;
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
  const lockText = fetch(LOCK)
    .then(checked)
    .then((r) => r.text());
  /** @type {Promise<Lock>} */
  const lock = lockText.then((text) => JSON.parse(text));
  const wheels = lock.then((l) => groupOf(l, CORE));
  const core = wheels.then(fetchWheels);
  core.catch(() => {}); // reported through the await below
  const key = lockText.then(snapshotKey);
  const kept = key.then(keptSnapshot, () => null);
  const { loadPyodide } = await import(new URL("pyodide.mjs", RUNTIME).href);
  const options = { ...coreOptions(await wheels, core), ...siteOptions(await lockText) };
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
  return { pyodide, web, lock: await lock, restored, keep: restored ? null : await key };
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

/** The group the calendar download needs. */
const CALENDAR = "calendar";

/** @param {{pyodide: any, lock: Lock}} python */
function loadCalendar(python) {
  calendar ??= loadGroup(python.pyodide, groupOf(python.lock, CALENDAR));
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
