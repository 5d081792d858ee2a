// @ts-check
/**
 * The calculator page: turn the form into requests for the worker and swap in
 * the HTML Python returns. No rule or number of the calculator lives here.
 *
 * Mounted from Material's `document$`, which emits on every page, instant
 * navigation or not; the worker is started once per visit and kept.
 */
import { MessageType, isMessage } from "./messages.mjs";

/** @typedef {{ok: true, plan: any, html: string, summary: string, query: string}} PlanAnswer */
/** @typedef {{ok: true, filename: string, media_type: string, content: string}} ExportAnswer */
/** @typedef {{ok: false, errors: {field: string, message: string}[]}} ErrorAnswer */

/** @type {Worker | null} */
let worker = null;
let ready = false;
/** @type {string | null} why the calculator cannot run, once known */
let failure = null;
let nextId = 1;
/** @type {Map<number, {resolve: (value: any) => void, reject: (reason: any) => void, timer: number}>} */
const pending = new Map();
/** @type {"start" | "stopped" | null} whether the calculator failed to start or stopped after */
let failedWhen = null;

/**
 * How long the worker may take to answer, by request (ms). A render takes milliseconds
 * and the first one after start-up well under a second; a calendar's first download also
 * fetches its wheels. A worker that misses its deadline is taken for dead.
 * @type {Record<string, number>}
 */
const DEADLINES = { plan: 15_000, query: 15_000, export: 60_000 };
/** @type {Set<() => void>} */
const listeners = new Set();

function notify() {
  for (const listener of listeners) listener();
}

/** @param {string} reason */
function fail(reason) {
  if (failure) return;
  failure = reason;
  failedWhen = ready ? "stopped" : "start";
  for (const { reject, timer } of pending.values()) {
    clearTimeout(timer);
    reject(new Error(reason));
  }
  pending.clear();
  notify();
}

/**
 * A request missed its deadline: the worker is dead or stuck. It is stopped for good (a stuck
 * one would answer nothing either), and the page shows its error state, plan kept.
 * @param {string} type
 */
function giveUp(type) {
  worker?.terminate();
  const win = /** @type {any} */ (window);
  if (win.legplanWorker?.worker === worker) win.legplanWorker = undefined;
  fail(`the calculator's worker did not answer a ${type} request in time`);
}

/**
 * Settle a pending request.
 * @param {number} id @param {(entry: {resolve: (value: any) => void, reject: (reason: any) => void}) => void} how
 */
function settle(id, how) {
  const entry = pending.get(id);
  if (!entry) return;
  clearTimeout(entry.timer);
  pending.delete(id);
  how(entry);
}

/**
 * Start the worker, or adopt the one the calculator page's head started early
 * (`window.legplanWorker`, see overrides/main.html): its events so far are handled here first.
 */
function startWorker() {
  if (worker || failure) return;
  const url = new URL("./worker.mjs", import.meta.url).href;
  const win = /** @type {any} */ (window);
  /** @type {{url: string, worker: Worker | null, events: Event[] | null} | undefined} */
  const early = win.legplanWorker;
  if (early?.worker && early.url === url) {
    worker = early.worker;
  } else {
    early?.worker?.terminate(); // not this page's worker: never expected, never kept
    try {
      worker = new Worker(url, { type: "module" });
    } catch (error) {
      fail(`module workers are not available (${error})`);
      return;
    }
  }
  win.legplanWorker = { url, worker, events: null }; // an instant navigation back starts none
  worker.addEventListener("error", onWorkerError);
  worker.addEventListener("message", onWorkerMessage);
  const missed = early?.events ?? [];
  if (early) early.events = null;
  for (const event of missed) {
    if (event.type === "error") onWorkerError(/** @type {ErrorEvent} */ (event));
    else onWorkerMessage(/** @type {MessageEvent} */ (event));
  }
}

/** @param {ErrorEvent} event */
function onWorkerError(event) {
  event.preventDefault();
  fail(event.message || "the calculator's worker stopped");
}

/** @param {MessageEvent} event */
function onWorkerMessage(event) {
  const message = event.data;
  if (!isMessage(message)) return;
  switch (message.type) {
    case MessageType.Ready:
      ready = true;
      performance.mark("legplan-ready", { detail: message.data });
      notify();
      break;
    case MessageType.Progress:
      // Python's memory is kept for the next visit (see worker.mjs): a mark for tests.
      if (message.data?.stage === "kept") performance.mark("legplan-memory-kept");
      break;
    case MessageType.Failed:
      if (message.id && pending.has(message.id)) {
        settle(message.id, ({ reject }) => reject(new Error(message.data.reason)));
      } else {
        fail(message.data.reason);
      }
      break;
    case MessageType.Result:
      settle(message.id, ({ resolve }) => resolve(JSON.parse(message.data)));
      break;
    default:
      break;
  }
}

/**
 * Ask the worker; the answer is Python's JSON, parsed.
 * @param {string} type
 * @param {any} data
 * @returns {Promise<PlanAnswer | ExportAnswer | ErrorAnswer>}
 */
function ask(type, data) {
  return new Promise((resolve, reject) => {
    if (!worker || failure) {
      reject(new Error(failure ?? "the calculator is not running"));
      return;
    }
    const id = nextId++;
    const timer = window.setTimeout(() => {
      if (pending.has(id)) giveUp(type);
    }, DEADLINES[type] ?? DEADLINES.plan);
    pending.set(id, { resolve, reject, timer });
    worker.postMessage({ id, type, data });
  });
}

/**
 * The form as the request object: field names as they are, repeated names as lists.
 * @param {HTMLFormElement} form
 */
function formRequest(form) {
  /** @type {Record<string, string | string[]>} */
  const request = {};
  const data = new FormData(form);
  for (const element of form.elements) {
    const name = /** @type {HTMLInputElement} */ (element).name;
    if (!name || name in request) continue;
    const group = form.querySelectorAll(`[name="${name}"]`).length > 1;
    request[name] = group ? data.getAll(name).map(String) : String(data.get(name) ?? "");
  }
  return JSON.stringify(request);
}

/**
 * Show a request (Python's `plan.request`) in the form, control by control.
 * @param {HTMLFormElement} form
 * @param {Record<string, unknown>} request
 */
function fillForm(form, request) {
  for (const [name, value] of Object.entries(request)) {
    for (const control of form.querySelectorAll(`[name="${name}"]`)) {
      const input = /** @type {HTMLInputElement} */ (control);
      if (input.type === "checkbox") {
        const checked = Array.isArray(value) ? value.includes(input.value) : value === true;
        if (input.checked !== checked) input.checked = checked;
      } else {
        const text = value === null ? "" : String(value);
        if (input.value !== text) input.value = text;
      }
    }
  }
}

/**
 * Show a shared link's request in the form before Python can read it, so the form
 * never shows the defaults while the address says otherwise (and a change made
 * while Python loads keeps the link's other fields). Only the vocabulary is used:
 * names as they are, a list as comma-separated values; a value no control offers
 * is left alone, and Python's answer (or its error) settles the form once ready.
 * @param {HTMLFormElement} form
 * @param {string} search
 */
function fillFormFromQuery(form, search) {
  const params = new URLSearchParams(search);
  for (const name of new Set(params.keys())) {
    const values = params.getAll(name).flatMap((value) => value.split(","));
    const controls = [...form.querySelectorAll(`[name="${CSS.escape(name)}"]`)];
    if (controls.length === 0) continue;
    for (const control of controls) {
      if (control instanceof HTMLInputElement && control.type === "checkbox") {
        control.checked = values.includes(control.value);
      } else if (control instanceof HTMLSelectElement) {
        if ([...control.options].some((option) => option.value === values[0])) control.value = values[0];
      } else if (control instanceof HTMLInputElement) {
        control.value = values[0] ?? "";
      }
    }
  }
}

/** @type {{query: string, path: string} | null} what the address bar is to show after the next paint */
let nextAddress = null;

/**
 * Show a plan's query in the address bar after the next frame, the latest one only:
 * `history.replaceState` can take tens of milliseconds in Chromium (measured: 22.6 ms
 * median, see BENCHMARKS.md), and the plan on the screen should not wait for it.
 * Dropped if the reader has navigated away meanwhile (instant navigation).
 * @param {string | null} query the query to show, or null to cancel a pending one
 */
function showAddress(query) {
  const scheduled = nextAddress !== null;
  nextAddress = query === null ? null : { query, path: location.pathname };
  if (scheduled || nextAddress === null) return;
  requestAnimationFrame(() =>
    setTimeout(() => {
      const pending = nextAddress;
      nextAddress = null;
      if (!pending || location.pathname !== pending.path) return;
      const url = new URL(location.href);
      url.search = pending.query;
      history.replaceState(history.state, "", url);
    }, 0),
  );
}

/**
 * Ticks: the "Done" boxes a reader ticked, kept in this browser (localStorage), never sent.
 * Keyed by the plan's identity, which Python writes on the plan (`data-plan`: a hash of the
 * plan's query, see `legplan.render.plan_identity`), then by week (`data-week`) and session
 * (`data-tick`, e.g. "mon-run"): a changed plan has another identity, so fresh boxes.
 * `{[plan]: {used, weeks: {[week]: ["mon-run", ...]}}}`, the most recently used plans only.
 */
const TICKS = "legplan-ticks";
const KEPT_PLANS = 20;
/** The query of the last plan the reader made or opened here (never a private field). */
const LAST = "legplan-last-plan";

/** @typedef {Record<string, {used: number, weeks: Record<string, string[]>}>} Ticks */

/** @returns {Ticks} */
function readTicks() {
  try {
    const value = JSON.parse(localStorage.getItem(TICKS) ?? "{}");
    /** @type {Ticks} */
    const ticks = {};
    if (!value || typeof value !== "object" || Array.isArray(value)) return ticks;
    // Only entries of the shape above: a damaged or older value loses its ticks, not the plan.
    for (const [id, plan] of Object.entries(value)) {
      const weeks = plan?.weeks;
      if (!weeks || typeof weeks !== "object" || Array.isArray(weeks)) continue;
      const kept = Object.entries(weeks).filter(([, done]) => Array.isArray(done));
      ticks[id] = { used: Number(plan.used) || 0, weeks: Object.fromEntries(kept) };
    }
    return ticks;
  } catch {
    return {}; // no storage (a private window, storage off) or not ours: no ticks
  }
}

/** @param {string} key @param {string | null} value */
function store(key, value) {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // no storage: the ticks last as long as the page
  }
}

/** @param {Element} section */
function tickBoxes(section) {
  return /** @type {HTMLInputElement[]} */ ([...section.querySelectorAll("input[data-tick]")]);
}

/**
 * Tick the boxes of the plan in `output` as this device remembers them.
 * @param {HTMLElement} output
 */
function showTicks(output) {
  const article = /** @type {HTMLElement | null} */ (output.querySelector("article[data-plan]"));
  if (!article) return;
  const weeks = readTicks()[article.dataset.plan ?? ""]?.weeks ?? {};
  for (const section of article.querySelectorAll("section[data-week]")) {
    const done = weeks[section.getAttribute("data-week") ?? ""] ?? [];
    for (const box of tickBoxes(section)) box.checked = done.includes(box.dataset.tick ?? "");
  }
}

/**
 * Remember the ticked boxes of a plan (an empty plan is forgotten).
 * @param {HTMLElement} article
 */
function keepTicks(article) {
  const id = article.dataset.plan;
  if (!id) return;
  /** @type {Record<string, string[]>} */
  const weeks = {};
  for (const section of article.querySelectorAll("section[data-week]")) {
    const done = tickBoxes(section).filter((box) => box.checked).map((box) => box.dataset.tick ?? "");
    if (done.length) weeks[section.getAttribute("data-week") ?? ""] = done;
  }
  const all = readTicks();
  if (Object.keys(weeks).length) all[id] = { used: Date.now(), weeks };
  else delete all[id];
  const recent = Object.keys(all).sort((a, b) => (all[b].used ?? 0) - (all[a].used ?? 0));
  for (const old of recent.slice(KEPT_PLANS)) delete all[old];
  store(TICKS, Object.keys(all).length ? JSON.stringify(all) : null);
}

/** @returns {string | null} */
function lastPlan() {
  try {
    return localStorage.getItem(LAST);
  } catch {
    return null;
  }
}

/**
 * Open the folded groups of the form that hold an error, or (`filled`) a value a link gave.
 * A group the reader folded stays folded otherwise.
 * @param {HTMLFormElement} form @param {boolean} filled
 */
function openGroups(form, filled) {
  for (const details of form.querySelectorAll("details")) {
    if (details.open) continue;
    const controls = details.querySelectorAll("input, select");
    if (details.querySelector("[aria-invalid]") || (filled && [...controls].some(changedFromDefault))) {
      details.open = true;
    }
  }
}

/** @param {Element} element whether the reader changed it from what the page was built with */
function changedFromDefault(element) {
  if (element instanceof HTMLSelectElement) {
    return [...element.options].some((option) => option.selected !== option.defaultSelected);
  }
  if (element instanceof HTMLInputElement) {
    return ["checkbox", "radio"].includes(element.type)
      ? element.checked !== element.defaultChecked
      : element.value !== element.defaultValue;
  }
  return false;
}

/**
 * Whether the reader changed any control from what the page was built with.
 * @param {HTMLFormElement} form
 */
function changedFromDefaults(form) {
  return [...form.elements].some(changedFromDefault);
}

/**
 * One mounted calculator (one page view).
 * @param {HTMLElement} root
 */
function mount(root) {
  const form = /** @type {HTMLFormElement} */ (root.querySelector("form"));
  const output = /** @type {HTMLElement} */ (root.querySelector("[data-legplan-output]"));
  const status = /** @type {HTMLElement} */ (root.querySelector("[data-legplan-status]"));
  const alert = /** @type {HTMLElement | null} */ (root.querySelector("[data-legplan-alert]"));
  const summary = /** @type {HTMLElement | null} */ (root.querySelector("[data-legplan-summary]"));
  let dirty = false;
  /** Counts the reader's changes: an answer asked before the latest one is not shown. */
  let edits = 0;
  let busy = false;
  let again = false;
  let mounted = true;

  /** @param {string} state */
  function show(state) {
    root.dataset.state = state;
    root.setAttribute("aria-busy", String(state === "loading"));
    for (const message of root.querySelectorAll("[data-legplan-message]")) {
      /** @type {HTMLElement} */ (message).hidden = message.getAttribute("data-legplan-message") !== state;
    }
    for (const line of root.querySelectorAll("[data-legplan-error]")) {
      /** @type {HTMLElement} */ (line).hidden = line.getAttribute("data-legplan-error") !== (failedWhen ?? "start");
    }
    refreshButtons();
  }

  /**
   * Buttons that need Python wait for it; buttons that act on the plan are off while the plan
   * shown is not the one the form asks for (a field error), and a note says why.
   */
  function refreshButtons() {
    const stale = output.hasAttribute("data-stale");
    for (const button of root.querySelectorAll("button[data-action]")) {
      const python = button.hasAttribute("data-needs-python") && root.dataset.state !== "ready";
      const plan = button.hasAttribute("data-needs-plan") && stale;
      /** @type {HTMLButtonElement} */ (button).disabled = python || plan;
    }
    for (const note of root.querySelectorAll("[data-legplan-stale-note], [data-legplan-actions-note]")) {
      /** @type {HTMLElement} */ (note).hidden = !stale;
    }
  }

  /** @param {{field: string, message: string}[]} errors */
  function showErrors(errors) {
    const fields = new Set(errors.map((e) => e.field));
    for (const slot of root.querySelectorAll("[data-error-for]")) {
      const field = slot.getAttribute("data-error-for") ?? "";
      const error = errors.find((e) => e.field === field)
        ?? (field === "request" ? errors.find((e) => !root.querySelector(`[data-error-for="${e.field}"]`)) : undefined);
      /** @type {HTMLElement} */ (slot).hidden = !error;
      slot.textContent = error ? error.message : "";
    }
    for (const control of form.elements) {
      const name = /** @type {HTMLInputElement} */ (control).name;
      if (name) control.toggleAttribute("aria-invalid", fields.has(name));
    }
    output.toggleAttribute("data-stale", errors.length > 0);
    refreshButtons();
    openGroups(form, false);
    // Announced to screen readers (the slots beside the fields are not live regions).
    const said = errors.map((e) => e.message).join(" ");
    if (alert && alert.textContent !== said) alert.textContent = said;
  }

  /**
   * Show Python's answer, unless the reader changed the form after it was asked:
   * a newer request is then on its way, and filling the form from this one would
   * undo what they typed meanwhile.
   * @param {PlanAnswer | ExportAnswer | ErrorAnswer} answer
   * @param {number} asked `edits` when the request was made
   * @param {boolean} [link] the answer to a shared link: open the groups it fills
   */
  function apply(answer, asked, link = false) {
    if (!mounted || asked !== edits) return;
    if (!answer.ok) {
      showErrors(answer.errors);
      return;
    }
    const plan = /** @type {PlanAnswer} */ (answer);
    showErrors([]);
    output.innerHTML = plan.html;
    if (summary) summary.innerHTML = plan.summary;
    showTicks(output);
    fillForm(form, plan.plan.request);
    if (link) openGroups(form, true);
    performance.mark("legplan-redrawn");
    showAddress(plan.query);
    store(LAST, plan.query);
  }

  async function redraw() {
    if (!ready || failure || !mounted) return;
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      const asked = edits;
      apply(/** @type {any} */ (await ask(MessageType.Plan, formRequest(form))), asked);
    } catch (error) {
      console.warn("legplan:", error);
    } finally {
      busy = false;
      if (again) {
        again = false;
        void redraw();
      }
    }
  }

  /** @param {string} format */
  async function download(format) {
    const today = new Date();
    const local = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, "0")}-${String(today.getDate()).padStart(2, "0")}`;
    try {
      const answer = await ask(MessageType.Export, { request: formRequest(form), format, today: local });
      if (!answer.ok) {
        showErrors(answer.errors);
        return;
      }
      const file = /** @type {ExportAnswer} */ (answer);
      const link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([file.content], { type: `${file.media_type};charset=utf-8` }));
      link.download = file.filename;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
      announce(root.querySelector("[data-legplan-done='download']"));
    } catch (error) {
      console.warn("legplan:", error);
      announce(root.querySelector("[data-legplan-done='download-failed']"));
    }
  }

  /** @param {Element | null} template */
  function announce(template) {
    status.textContent = template?.textContent ?? "";
  }

  async function copyLink() {
    try {
      await navigator.clipboard.writeText(location.href);
      announce(root.querySelector("[data-legplan-done='copied']"));
    } catch {
      announce(root.querySelector("[data-legplan-done='copy-failed']"));
    }
  }

  function clearTicks() {
    const article = /** @type {HTMLElement | null} */ (output.querySelector("article[data-plan]"));
    if (!article) return;
    for (const box of tickBoxes(article)) box.checked = false;
    keepTicks(article);
    announce(root.querySelector("[data-legplan-done='cleared']"));
  }

  /** @param {Event} event */
  function onClick(event) {
    const button = /** @type {HTMLElement} */ (event.target).closest("button[data-action]");
    if (!button) return;
    const action = button.getAttribute("data-action");
    if (action === "print") window.print();
    else if (action === "copy") void copyLink();
    else if (action === "clear-ticks") clearTicks();
    else if (action) void download(action);
  }

  /** @param {Event} event a box of the plan ticked or unticked */
  function onTick(event) {
    const box = /** @type {HTMLElement} */ (event.target);
    const article = /** @type {HTMLElement | null} */ (box.closest("article[data-plan]"));
    if (box.matches("input[data-tick]") && article) keepTicks(article);
  }

  /** Offer the last plan made on this device when the page opens without one. */
  function offerLastPlan() {
    const offer = /** @type {HTMLElement | null} */ (root.querySelector("[data-legplan-last]"));
    const link = /** @type {HTMLAnchorElement | null} */ (root.querySelector("[data-legplan-last-link]"));
    const last = lastPlan();
    if (!offer || !link || !last || location.search.length > 1) return;
    link.href = `?${last}`;
    offer.hidden = false;
  }

  function onChange() {
    dirty = true;
    edits += 1;
    void redraw();
  }

  function update() {
    if (!mounted) return;
    if (failure) {
      show("error");
      console.warn("legplan: the calculator could not start:", failure);
      return;
    }
    if (!ready) {
      show("loading");
      return;
    }
    show("ready");
    if (dirty) void redraw();
    else if (location.search.length > 1) {
      const asked = edits;
      ask(MessageType.Query, location.search).then(
        (answer) => apply(/** @type {any} */ (answer), asked, true),
        (error) => console.warn("legplan:", error),
      );
    }
  }

  form.addEventListener("input", onChange);
  form.addEventListener("submit", (event) => event.preventDefault());
  root.addEventListener("click", onClick);
  output.addEventListener("change", onTick);
  // A change made before this script ran (a slow page) counts as the reader's.
  dirty = changedFromDefaults(form);
  if (!dirty && location.search.length > 1) fillFormFromQuery(form, location.search);
  openGroups(form, true);
  showTicks(output);
  offerLastPlan();
  listeners.add(update);
  startWorker();
  update();
  return () => {
    mounted = false;
    showAddress(null);
    listeners.delete(update);
  };
}

/** @type {(() => void) | null} */
let unmount = null;

/** @type {any} */ (window).document$.subscribe(() => {
  unmount?.();
  unmount = null;
  const root = document.getElementById("legplan-calculator");
  if (root) unmount = mount(root);
});
