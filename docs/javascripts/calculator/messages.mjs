// @ts-check
/**
 * The messages between the calculator page and its Web Worker, declared once.
 *
 * Every message is `{id, type, data}`. Requests carry an `id` the answer repeats;
 * the worker's own announcements (progress, ready, failed) use id 0.
 * Python's answers travel as the JSON strings `legplan.web` returns, so the page
 * never sees a traceback: `{"ok": true, ...}` or `{"ok": false, "errors": [...]}`.
 */

/** @enum {string} */
export const MessageType = Object.freeze({
  /** page -> worker: a request object as JSON (the plan's `request`) */
  Plan: "plan",
  /** page -> worker: a URL query string (a shared link) */
  Query: "query",
  /** page -> worker: `{request, format, today}` for a download */
  Export: "export",
  /** worker -> page: Python's JSON answer to Plan, Query or Export */
  Result: "result",
  /** worker -> page: a loading stage, `{stage}`: "runtime", "packages", then "kept" once Python's memory is saved for the next visit */
  Progress: "progress",
  /** worker -> page: Python is ready, `{timings, restored}` (restored: from the memory kept by an earlier visit) */
  Ready: "ready",
  /** worker -> page: the calculator cannot start or a request failed outside Python, `{reason}` */
  Failed: "failed",
});

/**
 * @typedef {{id: number, type: string, data: any}} Message
 */

/**
 * @param {unknown} value
 * @returns {value is Message}
 */
export function isMessage(value) {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (/** @type {Message} */ (value).id) === "number" &&
    Object.values(MessageType).includes(/** @type {Message} */ (value).type)
  );
}
