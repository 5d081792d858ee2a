// @ts-check
/**
 * The one SHA-256 helper: the calculator's worker checks the wheels with it, and the
 * build writes it into the service worker (`sw.js`, a classic script: `sitebuild/offline.py`
 * drops the `export`), which checks every file it keeps. It imports nothing.
 */

/**
 * The hex SHA-256 of some bytes.
 * @param {ArrayBuffer} buffer
 * @returns {Promise<string>}
 */
export async function sha256(buffer) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", buffer));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}
