"use strict";
// Normalization of the `hook` config value (spec §1). Idempotent: feeding the
// result back in yields the same result.

/** The pattern of a config without one, "no path filter" (the core's: `NO_PATH_FILTER`). */
const NO_PATH_FILTER = require("./native.js").VOCABULARY.noPathFilter;

/**
 * @param {unknown} raw the `hook` option as given
 * @returns {{ enabled: boolean, pattern: string | null | unknown, suppressErrors: unknown, pin: boolean }}
 */
function normalizeHookConfig(raw) {
  if (raw === true) return { enabled: true, pattern: NO_PATH_FILTER, suppressErrors: false, pin: true };
  if (raw === false) return { enabled: false, pattern: null, suppressErrors: false, pin: true };
  if (typeof raw === "string") return { enabled: true, pattern: raw, suppressErrors: false, pin: true };
  if (raw !== null && typeof raw === "object") {
    return {
      enabled: raw.enabled !== false,
      pattern: raw.pattern ? raw.pattern : NO_PATH_FILTER,
      suppressErrors: raw.suppressErrors ? raw.suppressErrors : false,
      pin: raw.pin !== false,
    };
  }
  return { enabled: false, pattern: NO_PATH_FILTER, suppressErrors: false, pin: true };
}

/** The pattern the engine uses as `defaultPattern` (§1): falsy -> no path filter. */
function defaultPatternOf(normalized) {
  return normalized.pattern ? normalized.pattern : NO_PATH_FILTER;
}

module.exports = { normalizeHookConfig, defaultPatternOf };
