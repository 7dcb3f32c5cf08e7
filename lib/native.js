"use strict";
// Loads the native binding (napi-rs). Order:
//   1. NAPI_RS_NATIVE_LIBRARY_PATH, if set (a path to a slothook .node file);
//   2. a binary built in the package root (`slothook.<platform>.node`, what
//      `npm ci` / `npm run build` produce from source);
//   3. the platform package (`@slothook/<platform>`), installed as an
//      optional dependency of the published package.
// When none loads, one NATIVE_BINDING_NOT_FOUND error names the platform and
// what was tried.

const path = require("node:path");

function isMusl() {
  if (process.platform !== "linux") return false;
  try {
    const report = typeof process.report?.getReport === "function" ? process.report.getReport() : null;
    if (report && report.header) return !report.header.glibcVersionRuntime;
  } catch {
    // fall through
  }
  try {
    return require("node:fs").readFileSync("/usr/bin/ldd", "utf8").includes("musl");
  } catch {
    return false;
  }
}

/** The napi-rs platform name for this process, e.g. "linux-x64-gnu". */
function platformName() {
  const { platform, arch } = process;
  if (platform === "linux") return `linux-${arch}-${isMusl() ? "musl" : "gnu"}`;
  if (platform === "win32") return `win32-${arch}-msvc`;
  return `${platform}-${arch}`;
}

function load() {
  const name = platformName();
  const tried = [];
  const errors = [];
  const candidates = [];
  const override = process.env.NAPI_RS_NATIVE_LIBRARY_PATH;
  if (override) candidates.push(path.resolve(override));
  candidates.push(path.join(__dirname, "..", `slothook.${name}.node`));
  candidates.push(`@slothook/${name}`);
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

const binding = load();
module.exports = {
  NativeEngine: binding.NativeEngine,
  NativePattern: binding.NativePattern,
  platformName,
};
