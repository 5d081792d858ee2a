// @ts-check
/**
 * The calculator's module Web Worker: the only code that touches Pyodide.
 *
 * Loads the Pyodide runtime and the wheels from this site (never by package
 * name: that falls back to a CDN), imports `legplan.web` and answers messages.
 * The calendar wheels load on the first .ics download only.
 */
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

/** @param {ArrayBuffer} buffer */
async function sha256(buffer) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", buffer));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
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

/** @param {any} pyodide @param {Uint8Array[]} archives */
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

async function boot() {
  if (typeof WebAssembly !== "object") throw new Error("this browser has no WebAssembly");
  post(MessageType.Progress, { stage: "runtime" });
  const watch = watchRuntime();
  const manifest = fetch(new URL("manifest.json", WHEELS)).then(checked).then((r) => r.json());
  const core = manifest.then((m) => fetchWheels(m.wheels.filter((/** @type {Wheel} */ w) => w.group === "core")));
  core.catch(() => {}); // reported through the await below
  const { loadPyodide } = await import(new URL("pyodide.mjs", RUNTIME).href);
  let pyodide;
  try {
    pyodide = await Promise.race([loadPyodide({ indexURL: RUNTIME.href, packages: [] }), watch.failure]);
  } finally {
    watch.stop();
  }
  timings.runtime = performance.now() - started;
  post(MessageType.Progress, { stage: "packages" });
  install(pyodide, await core);
  const web = pyodide.pyimport("legplan.web");
  timings.ready = performance.now() - started;
  return { pyodide, web, manifest: await manifest };
}

const booting = boot();
/** @type {Promise<void> | null} */
let calendar = null;

booting.then(
  (python) => {
    post(MessageType.Ready, { timings });
    // Compile the plan's templates now rather than on the reader's first change (the
    // first render compiles them: 150-300 ms); a request sent meanwhile waits for it.
    try {
      python.web.handle("{}");
    } catch {
      // the reader's first request reports any real error
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
