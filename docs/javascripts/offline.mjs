// @ts-check
/**
 * Offline visits: register the site's service worker and say when the page works offline.
 *
 * Loaded once per visit (Material's `extra_javascript`). The worker (`sw.js` at the site's
 * root, written by `sitebuild/offline.py`) keeps one version of the whole site; the Pyodide
 * runtime and wheels only once a calculator page has been opened. It is registered once the
 * page's own work is done (`registerWhenIdle`), so filling its cache never competes with it.
 * The notice
 * (`[data-legplan-offline]`, in `overrides/main.html`, outside the parts Material's instant
 * navigation swaps) shows while the browser is offline, saying whether this page came from
 * the saved copy.
 */

const ROOT = new URL("../", import.meta.url);

function register() {
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker
    .register(new URL("sw.js", ROOT), { scope: ROOT.pathname, updateViaCache: "none" })
    .catch((/** @type {unknown} */ error) => console.warn("legplan: no offline copy:", error));
}

/** Whether this visit has registered the worker (registering again would change nothing). */
let registered = false;

/** @param {HTMLElement | null} root */
function busy(root) {
  return root !== null && root.dataset.state !== "ready" && root.dataset.state !== "error";
}

/**
 * Register the worker once the page is loaded and, on a calculator page, once the calculator
 * is ready (or could not start): its install downloads and hashes the whole site, which on a
 * first visit would otherwise share the network and the processor with the page and with
 * Python's start. Called for every page (`document$`), so leaving a calculator page before it
 * is ready registers from the next page.
 */
function registerWhenIdle() {
  if (registered) return;
  const root = document.getElementById("legplan-calculator");
  if (busy(root)) {
    const observer = new MutationObserver(() => {
      if (!busy(root) || !root?.isConnected) {
        observer.disconnect();
        if (root?.isConnected) registerWhenIdle();
      }
    });
    observer.observe(/** @type {HTMLElement} */ (root), { attributes: true, attributeFilter: ["data-state"] });
    return;
  }
  if (document.readyState !== "complete") {
    window.addEventListener("load", registerWhenIdle, { once: true });
    return;
  }
  registered = true;
  register();
}

function showStatus() {
  const notice = /** @type {HTMLElement | null} */ (document.querySelector("[data-legplan-offline]"));
  if (!notice) return;
  const offline = !navigator.onLine;
  const saved = Boolean(navigator.serviceWorker?.controller);
  notice.hidden = !offline;
  for (const line of notice.querySelectorAll("[data-legplan-offline-when]")) {
    const when = line.getAttribute("data-legplan-offline-when");
    /** @type {HTMLElement} */ (line).hidden = when !== (saved ? "saved" : "unsaved");
  }
}

/**
 * On a calculator page, ask the service worker to keep the calculator's files for offline
 * visits once the calculator is ready: by then the page's own downloads are done (and in
 * the HTTP cache, where the service worker takes them from), so keeping them competes with
 * nothing. A calculator that could not start is not kept.
 */
function keepCalculator() {
  const root = document.getElementById("legplan-calculator");
  if (!root || !navigator.serviceWorker) return;
  const keep = () => {
    navigator.serviceWorker.ready
      .then((registration) => registration.active?.postMessage("calculator"))
      .catch(() => {});
  };
  if (root.dataset.state === "ready") {
    keep();
    return;
  }
  const observer = new MutationObserver(() => {
    if (root.dataset.state === "ready") keep();
    if (root.dataset.state === "ready" || root.dataset.state === "error" || !root.isConnected) {
      observer.disconnect();
    }
  });
  observer.observe(root, { attributes: true, attributeFilter: ["data-state"] });
}

window.addEventListener("online", showStatus);
window.addEventListener("offline", showStatus);
navigator.serviceWorker?.addEventListener("controllerchange", showStatus);
/** @type {any} */ (window).document$?.subscribe(() => {
  showStatus();
  registerWhenIdle();
  keepCalculator();
});
registerWhenIdle();
showStatus();
