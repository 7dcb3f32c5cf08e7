"use strict";
// slothook: a native (Rust + napi-rs) engine for slothlet-compatible hooks.
// CommonJS entry; index.mjs re-exports the same objects for `import`.

const { createHooks } = require("./lib/hooks.js");
const { HookError } = require("./lib/errors.js");
const { MARKER } = require("./lib/callpath.js");
const { NativeEngine } = require("./lib/native.js");
const { version } = require("./package.json");

/**
 * Native engines alive in this process, across all threads (each worker
 * thread loads its own engines; a terminated worker releases them).
 */
function liveEngines() {
  return NativeEngine.liveEngines();
}

module.exports = { createHooks, HookError, MARKER, liveEngines, version };
