"use strict";
// Loads the native binding (napi-rs). Order:
//   1. NAPI_RS_NATIVE_LIBRARY_PATH, if set (a path to a slothook .node file);
//   2. a binary built in the package root (`slothook.<platform>.node`, what
//      `npm ci` / `npm run build` produce from source);
//   3. the platform package (`slothook-<platform>`), installed as an
//      optional dependency of the published package.
// When none loads, one NATIVE_BINDING_NOT_FOUND error names the platform and
// what was tried.

const path = require("node:path");

const { platformName } = require("./platform.js");

function load() {
  const name = platformName();
  const tried = [];
  const errors = [];
  const candidates = [];
  const override = process.env.NAPI_RS_NATIVE_LIBRARY_PATH;
  if (override) candidates.push(path.resolve(override));
  candidates.push(path.join(__dirname, "..", `slothook.${name}.node`));
  candidates.push(`slothook-${name}`);
  for (const candidate of candidates) {
    tried.push(candidate);
    try {
      return require(candidate);
    } catch (err) {
      errors.push(err);
      if (candidate === override || (override && candidate === path.resolve(override))) {
        // An explicit path that fails is the answer: don't fall back silently.
        break;
      }
    }
  }
  const { HookError } = require("./errors.js");
  const err = new HookError(
    "NATIVE_BINDING_NOT_FOUND",
    { platform: `${name} (node ${process.version})`, tried: tried.join(", "), validationError: true },
    { originalError: errors[errors.length - 1] },
  );
  err.errors = errors;
  throw err;
}

function deepFreeze(value) {
  if (value !== null && typeof value === "object") {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

const binding = load();

/**
 * The core's vocabulary, read once: the hook types (in plan order), the
 * subsets (in firing order) and the default one, the pattern that means "no
 * path filter", the brace and size limits of the pattern compiler, the
 * `expected` text for a non-string type pattern, and the layout of the state
 * array the native engine writes (src/lib.rs). The JS layer and the typings'
 * test read these; nothing retypes them.
 */
const VOCABULARY = deepFreeze(binding.vocabulary());

module.exports = {
  NativeEngine: binding.NativeEngine,
  NativePattern: binding.NativePattern,
  parseTypePattern: binding.parseTypePattern,
  VOCABULARY,
  /** The core's brace-expansion limit: entering this level fails (crates/core/src/pattern.rs). */
  MAX_BRACE_DEPTH: VOCABULARY.maxBraceDepth,
  platformName,
};
