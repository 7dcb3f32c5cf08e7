"use strict";
// HookError and warnings: the user-facing texts of the standalone API (spec
// §3.3, §9, §11.11, §11 (t)). The seam (lib/slothlet/) builds its errors and
// warnings through slothlet's own classes and texts, not these.
//
// Messages are "[CODE] text" where text is a template from TEXTS interpolated
// with the error's context as slothlet does (§9.3): each context entry
// replaces every "{key}" in insertion order (String() of the value,
// undefined -> ""), leftover "{word}" placeholders are removed, whitespace runs
// collapse to one space. A user's pattern, path, type pattern, id or option
// name is quoted with at most QUOTE_LIMIT characters (§11 (t)); the context
// keeps the full value. Hints are attached to validation errors only.

const TEXTS = {
  INVALID_TYPE_PATTERN: 'Invalid type pattern "{typePattern}". {expected}',
  INVALID_HOOK_HANDLER: "Hook handler must be a function. Received type: {receivedType}.",
  HINT_INVALID_HOOK_HANDLER: "Provide a function as the hook handler, not a string or other type.",
  DUPLICATE_HOOK_ID:
    'A hook with ID "{id}" already exists. Use a unique ID or omit the id option to auto-generate one.',
  HINT_DUPLICATE_HOOK_ID:
    "Either use a different id value or remove the id option to let slothook generate a unique ID.",
  INVALID_HOOK_SUBSET:
    'Invalid hook subset "{subset}". Must be "before", "primary", or "after". Valid subsets: {validSubsets}.',
  HOOK_BRACE_EXPANSION_MAX_DEPTH:
    'Brace expansion in hook pattern exceeds the limit of {maxGroups} brace groups along one expansion chain (groups in sequence and nested groups both count).',
  HINT_HOOK_BRACE_EXPANSION_MAX_DEPTH:
    "Use at most {maxGroups} brace groups along any expansion chain: merge groups ('{a,b}{c,d}' is '{ac,ad,bc,bd}'), use '*' or '**', or register several hooks.",
  HOOK_BEFORE_RETURNED_PROMISE:
    "Before hook '{id}' for path '{path}' returned a Promise. Before hooks must be synchronous.",
  HINT_HOOK_BEFORE_RETURNED_PROMISE:
    "Before hooks execute synchronously before the API call. Remove async/await or Promise usage from this hook, or change it to an 'after' hook if async processing is needed.",
  HOOK_TYPEPATTERN_PREFIX_DEPRECATED:
    "Hook registration form '{given}' is deprecated. Use the path-first form '{suggested}' instead (e.g. 'math.*:before').",
  HOOK_UNPINNED_IGNORED:
    "lockCaller:false was ignored for hook '{pattern}'; a hook registered under a caller identity (hooks.context.runAs) runs with it. Create the hooks with createHooks({ pin: false }) or call hooks.hook.pin.disable() to permit unpinned hooks.",
  // The code is part of this warning's text (§11 (t)).
  HOOK_UNKNOWN_OPTION: '[HOOK_UNKNOWN_OPTION] Unknown hook option "{option}" is ignored.',

  // slothook's own codes (§11.11)
  INVALID_HOOK_PATTERN: 'Invalid hook pattern "{pattern}": {reason}',
  HINT_INVALID_HOOK_PATTERN:
    "Use the pattern language of the hook system: '*' (one segment), '**' (any depth), '?', '{a,b}' and a leading '!'; every brace group needs at least one alternative.",
  HOOK_PATTERN_TOO_COMPLEX: 'Hook pattern "{pattern}" is too complex: it exceeds the limit of {limit}.',
  // HINT_HOOK_PATTERN_TOO_COMPLEX: below, from the core's limits.
  INVALID_HOOK_OPTIONS: "Invalid hook options: {reason}",
  HINT_INVALID_HOOK_OPTIONS:
    "Pass an options object such as { id: 'my-hook', priority: 10, subset: 'primary', once: true }, or omit it. Options: id, priority, subset, pattern, lockCaller, once.",
  INVALID_HOOK_FILTER: "Invalid hook filter: {reason}",
  HINT_INVALID_HOOK_FILTER:
    "Pass a filter object { id, type, pattern } (type one of before, after, always, error) or nothing; remove/clear/off also take an id, enable/disable a pattern string, list a type or a pattern string.",
  INVALID_WRAP_TARGET: "Cannot wrap {received}: {reason}",
  HINT_INVALID_WRAP_TARGET:
    "Pass an object or function tree of API functions; the key 'slothlet' is reserved for the hook API.",
  INVALID_ARGUMENT: "Invalid argument {argument}: {reason}",
  HINT_INVALID_ARGUMENT: "Check the argument against the API reference in the README.",
  INTERNAL_ERROR: "Internal error in the slothook engine: {detail}. This is a bug in slothook — please report it.",
  HINT_INTERNAL_ERROR: "The engine recovered and keeps working; the failed call had no effect.",
  NATIVE_BINDING_NOT_FOUND:
    "No native slothook binary for {platform}. Tried: {tried}.",
  HINT_NATIVE_BINDING_NOT_FOUND:
    "Install a platform package (npm install slothook on a supported platform), point NAPI_RS_NATIVE_LIBRARY_PATH at a built slothook .node file, or build from source: clone the repository and run `npm ci` (needs a Rust toolchain).",
};

/** A byte count as the hint states it: whole MiB as "N MiB", otherwise "N bytes". */
function bytes(n) {
  return n % 0x10_0000 === 0 ? `${n / 0x10_0000} MiB` : `${n} bytes`;
}

// The size limits are the core's (the binding's vocabulary); the binding is
// read at the first use, since it loads after this module (lib/native.js
// reports a missing binding with a HookError).
let limitsHint;
Object.defineProperty(TEXTS, "HINT_HOOK_PATTERN_TOO_COMPLEX", {
  enumerable: true,
  get() {
    if (limitsHint === undefined) {
      const L = require("./native.js").VOCABULARY.limits;
      limitsHint =
        "Split the pattern into several hooks or use '*' / '**' instead of long brace lists. " +
        `Limits: ${bytes(L.patternBytes)} of pattern text, ${L.alternatives} brace alternatives, ` +
        `${bytes(L.expandedBytes)} of expanded text, ${bytes(L.regexSourceBytes)} of translated regex, ` +
        `${bytes(L.compiledBytes)} of compiled matcher.`;
    }
    return limitsHint;
  },
});

const PLACEHOLDER = /\{\w+\}/g;
const WHITESPACE = /\s+/g;

/** Most characters (code points) of a user's value a message quotes (§11 (t)). */
const QUOTE_LIMIT = 200;

/** Context keys that hold a user's pattern, path, type pattern, id or option name. */
const QUOTED = new Set(["typePattern", "pattern", "path", "id", "subset", "given", "suggested", "option"]);

/** `s` cut to QUOTE_LIMIT code points, then "…" (a surrogate pair is never split). */
function clip(s) {
  if (s.length <= QUOTE_LIMIT) return s;
  let end = 0;
  for (let n = 0; n < QUOTE_LIMIT && end < s.length; n++) {
    const c = s.charCodeAt(end);
    end += c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(end + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
  }
  return end >= s.length ? s : `${s.slice(0, end)}…`;
}

/** A user's value as a message quotes it: String() that never throws, clipped. */
function quote(value) {
  return clip(safeString(value));
}

/** Interpolates a text template with a context object (§9.3). */
function interpolate(text, context) {
  let out = text;
  if (context !== null && typeof context === "object") {
    for (const key of Object.keys(context)) {
      if (key === "validationError" || key === "stub") continue;
      const value = context[key];
      const shown = value === undefined ? "" : QUOTED.has(key) ? quote(value) : safeString(value);
      // As slothlet: String.prototype.replace with a string replacement (so
      // "$&" and friends in a value are interpreted), every occurrence.
      out = out.replace(new RegExp(`\\{${escapeRegExp(key)}\\}`, "g"), shown);
    }
  }
  return out.replace(PLACEHOLDER, "").replace(WHITESPACE, " ").trim();
}

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** String(value) that never throws (a Symbol or a hostile object). */
function safeString(value) {
  try {
    return String(value);
  } catch {
    try {
      return Object.prototype.toString.call(value);
    } catch {
      return "[unprintable]";
    }
  }
}

/** "null", "an array", "an object", "a string", … for messages; never throws. */
function describe(value) {
  if (value === null) return "null";
  try {
    if (Array.isArray(value)) return "an array";
  } catch {
    return "a revoked proxy";
  }
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/**
 * The error every slothook API throws: `code`, `message` "[CODE] text",
 * `hint` (validation errors) and `context`.
 */
class HookError extends Error {
  constructor(code, context, options) {
    const text = TEXTS[code] !== undefined ? interpolate(TEXTS[code], context) : `Error: ${code}`;
    super(`[${code}] ${text}`);
    const validation =
      (context && typeof context === "object" && context.validationError === true) ||
      (options && options.validationError === true);
    const hint = validation && TEXTS[`HINT_${code}`] !== undefined ? interpolate(TEXTS[`HINT_${code}`], context) : undefined;
    Object.defineProperties(this, {
      code: { value: code, enumerable: false, writable: false, configurable: true },
      context: { value: context, enumerable: false, writable: false, configurable: true },
      hint: { value: hint, enumerable: false, writable: true, configurable: true },
      originalError: {
        value: options && options.originalError !== undefined ? options.originalError : null,
        enumerable: false,
        writable: true,
        configurable: true,
      },
    });
  }

  /** As slothlet's errors (§9.1): the hint comes from the context, normally absent. */
  toJSON() {
    const hint = this.context !== null && typeof this.context === "object" ? this.context.hint : undefined;
    return { name: this.name, code: this.code, message: this.message, hint };
  }
}
Object.defineProperty(HookError.prototype, "name", {
  value: "HookError",
  enumerable: false,
  writable: true,
  configurable: true,
});

/**
 * Emits a warning through process.emitWarning unless `silent`.
 * `type` is DeprecationWarning for the legacy registration form, Warning otherwise.
 */
function emitHookWarning(silent, code, context) {
  if (silent) return;
  const type = code === "HOOK_TYPEPATTERN_PREFIX_DEPRECATED" ? "DeprecationWarning" : "Warning";
  let detail;
  try {
    // symbols (an option named by a symbol) and bigints as their String()
    detail = JSON.stringify(context, (_key, v) => (typeof v === "symbol" || typeof v === "bigint" ? safeString(v) : v));
  } catch {
    detail = undefined;
  }
  process.emitWarning(interpolate(TEXTS[code], context), { type, code, detail });
}

/** Converts an error thrown by the native binding into a HookError. */
function fromNative(err, context) {
  if (err instanceof HookError) return err;
  const code = err && typeof err.code === "string" ? err.code : "INTERNAL_ERROR";
  if (code === "INTERNAL_ERROR" || TEXTS[code] === undefined) {
    const detail = err && typeof err.detail === "string" ? err.detail : err && err.message;
    return new HookError("INTERNAL_ERROR", { detail, validationError: true }, { originalError: err });
  }
  return new HookError(code, context);
}

module.exports = { HookError, TEXTS, interpolate, emitHookWarning, fromNative, safeString, describe, quote, QUOTE_LIMIT };
