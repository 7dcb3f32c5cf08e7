"use strict";
// createHooks(config): the standalone, slothlet-compatible hook API.
//
// `hooks.hook` is the management object of spec §2 with the standalone
// argument rules of §11 (g)(h)(k) and §11.11; `hooks.wrap(tree)` and
// `hooks.wrapFunction(path, fn)` intercept functions by path.

const { Engine, patternProblem, isHookType, unknownTypeReason, typePatternOf } = require("./engine.js");
const { VOCABULARY } = require("./native.js");
const { HookError, emitHookWarning, describe, quote } = require("./errors.js");
const { normalizeHookConfig, defaultPatternOf } = require("./config.js");
const { wrapTree, wrapFunction } = require("./wrap.js");
const { AsyncContext, AsyncResource } = require("./context.js");
const { makeRuntime, useStore } = require("./callpath.js");
const { DEFAULT_CHANNEL } = require("./tracing.js");

/** The options on() knows (§3.5, §11 (t)); any other own enumerable key warns HOOK_UNKNOWN_OPTION. */
const KNOWN_OPTIONS = new Set(["id", "priority", "subset", "pattern", "lockCaller", "once"]);
/** Most HOOK_UNKNOWN_OPTION warnings one on() call emits (an options object with a million keys is not a million warnings). */
const MAX_UNKNOWN_OPTION_WARNINGS = 10;


function filterError(reason) {
  return new HookError("INVALID_HOOK_FILTER", { reason, validationError: true });
}

/** Reads { id, type, pattern } from a filter object; hostile objects give a coded error. */
function readFilter(obj, what) {
  let id, type, pattern;
  try {
    ({ id, type, pattern } = obj);
  } catch (err) {
    throw filterError(`reading the ${what} filter failed: ${quote(err && err.message)}`);
  }
  if (type && typeof type !== "string") throw filterError(`type must be a string, received ${describe(type)}`);
  if (type && !isHookType(type)) throw filterError(unknownTypeReason(type));
  if (pattern && typeof pattern !== "string") throw filterError(`pattern must be a string, received ${describe(pattern)}`);
  return { id: id ? id : undefined, type: type ? type : undefined, pattern: pattern ? pattern : undefined };
}

/** remove/clear/off argument: undefined = all, a string or other non-object = an id (§11 (g)(k)). */
function removeFilter(arg) {
  if (arg === undefined) return {};
  if (arg === null) throw filterError("expected a hook id, a filter object or nothing, received null");
  if (typeof arg === "object") return readFilter(arg, "remove");
  // An empty (falsy) id names no hook (§11.11).
  return arg ? { id: arg } : null;
}

/** enable/disable argument: a string is a pattern (§7.1). */
function toggleFilter(arg, method) {
  if (arg === undefined) return { filter: {}, empty: true };
  if (typeof arg === "string") return { filter: arg ? { pattern: arg } : {}, empty: false };
  if (arg === null || typeof arg !== "object") {
    throw filterError(`${method}() takes a pattern string, a filter object or nothing, received ${describe(arg)}`);
  }
  let empty;
  try {
    empty = Object.keys(arg).length === 0;
  } catch (err) {
    throw filterError(`reading the ${method} filter failed: ${quote(err && err.message)}`);
  }
  return { filter: readFilter(arg, method), empty };
}

/**
 * config.tracing: absent or false publishes nothing, true publishes on
 * "slothook:call", a non-empty string names the channel (lib/tracing.js).
 * Returns the channel name or null.
 */
function tracingChannelName(tracing) {
  if (tracing === undefined || tracing === false) return null;
  if (tracing === true) return DEFAULT_CHANNEL;
  if (typeof tracing === "string" && tracing !== "") return tracing;
  throw new HookError("INVALID_ARGUMENT", {
    argument: "config.tracing",
    reason:
      typeof tracing === "string"
        ? "a channel name must not be empty (use true for the default channel, false for none)"
        : `expected true, false or a channel name, received ${describe(tracing)}`,
    validationError: true,
  });
}

/**
 * Creates an independent hook system.
 * @param {boolean | string | object} [config] spec §1 forms, plus `silent`, `context` and `tracing`
 */
function createHooks(config) {
  let normalized;
  let silent = false;
  let context;
  let tracing;
  try {
    normalized = normalizeHookConfig(config);
  } catch (err) {
    throw new HookError("INVALID_ARGUMENT", {
      argument: "config",
      reason: `reading it failed: ${quote(err && err.message)}`,
      validationError: true,
    });
  }
  if (config !== null && typeof config === "object") {
    try {
      silent = Boolean(config.silent);
      context = config.context;
      tracing = config.tracing;
    } catch (err) {
      throw new HookError("INVALID_ARGUMENT", {
        argument: "config",
        reason: `reading it failed: ${quote(err && err.message)}`,
        validationError: true,
      });
    }
    if (context !== undefined && context !== null && typeof context !== "object" && typeof context !== "function") {
      throw new HookError("INVALID_ARGUMENT", {
        argument: "config.context",
        reason: `the context must be an object, received ${describe(context)}`,
        validationError: true,
      });
    }
    if (context === null) context = undefined;
  }
  const channel = tracingChannelName(tracing);

  const engine = new Engine({ enabled: normalized.enabled, defaultPattern: defaultPatternOf(normalized) });
  let pinEnforced = normalized.pin === true;

  const asyncContext = new AsyncContext();
  const rt = makeRuntime({ engine, suppress: Boolean(normalized.suppressErrors), context, tracing: channel });
  asyncContext.onActivate = () => {
    const fallback = rt.ctx;
    useStore(
      rt,
      () => {
        const store = asyncContext.get();
        return store !== undefined ? store : fallback();
      },
      (R, then, onFulfilled, onRejected) =>
        R instanceof Promise
          ? then.call(R, onFulfilled, onRejected)
          : then.call(R, AsyncResource.bind(onFulfilled), AsyncResource.bind(onRejected)),
    );
  };

  function on(typePattern, handler, options) {
    if (typeof typePattern !== "string") {
      throw new HookError("INVALID_TYPE_PATTERN", { typePattern, expected: VOCABULARY.expectedString });
    }
    // Warnings wait for the parse: the deprecated form's comes first (§3.2
    // step 1), then the unknown options', then pinning's; all of them before
    // any later validation error is thrown.
    let unknown = [];
    let unpinned = false;
    let o;
    const record = engine.register(typePattern, {
      read() {
        if (options === undefined) options = {};
        else if (options === null || typeof options !== "object") {
          throw new HookError("INVALID_HOOK_OPTIONS", {
            reason: `options must be an object, received ${describe(options)}`,
            validationError: true,
          });
        }
        const keys = [];
        try {
          o = {
            pattern: options.pattern,
            id: options.id,
            priority: options.priority,
            subset: options.subset,
            lockCaller: options.lockCaller,
            once: options.once,
          };
          // Unknown options (§11 (t)): own enumerable keys, string or symbol.
          for (const key of Reflect.ownKeys(options)) {
            if (typeof key === "string" && KNOWN_OPTIONS.has(key)) continue;
            const d = Reflect.getOwnPropertyDescriptor(options, key);
            if (d !== undefined && d.enumerable) keys.push(key);
          }
        } catch (err) {
          throw new HookError("INVALID_HOOK_OPTIONS", {
            reason: `reading the options failed: ${quote(err && err.message)}`,
            validationError: true,
          });
        }
        // Warned whatever fails later: a misspelled option may be why.
        unknown = keys;
        if (typeof handler !== "function") {
          throw new HookError("INVALID_HOOK_HANDLER", { receivedType: typeof handler, validationError: true });
        }
        const priority = o.priority || 0;
        let rank;
        try {
          rank = Number(priority);
        } catch (err) {
          throw new HookError("INVALID_HOOK_OPTIONS", {
            reason: `priority must convert to a number, received ${describe(priority)}`,
            validationError: true,
          });
        }
        // `once` (§11 (t)): checked with the other option values, after the handler
        // and before the id is generated (§3.2 step 4), so a rejected registration
        // consumes no id and has no other effect.
        if (o.once !== undefined && typeof o.once !== "boolean") {
          throw new HookError("INVALID_HOOK_OPTIONS", {
            reason: `once must be true, false or undefined, received ${describe(o.once)}`,
            validationError: true,
          });
        }
        // Pinning (§3.6): a hook registered under a caller identity runs with it.
        let lockCaller = o.lockCaller !== false;
        const identity = asyncContext.caller();
        if (!lockCaller && identity !== undefined && pinEnforced) {
          lockCaller = true;
          unpinned = true;
        }
        o.lockCaller = lockCaller;
        o.handler =
          lockCaller && identity !== undefined && typeof handler._slothletOriginal !== "function"
            ? asyncContext.pin(identity, handler)
            : handler;
        return { pattern: o.pattern, id: o.id, subset: o.subset, priority, rank, once: o.once };
      },
      parsed(parsed) {
        if (parsed.legacy) {
          emitHookWarning(silent, "HOOK_TYPEPATTERN_PREFIX_DEPRECATED", {
            given: typePattern,
            suggested: typePatternOf(parsed.pattern, parsed.type),
          });
        }
        for (let i = 0; i < unknown.length && i < MAX_UNKNOWN_OPTION_WARNINGS; i++) {
          emitHookWarning(silent, "HOOK_UNKNOWN_OPTION", { option: unknown[i] });
        }
        if (unpinned) {
          emitHookWarning(silent, "HOOK_UNPINNED_IGNORED", { pattern: o.pattern !== undefined ? o.pattern : parsed.pattern });
        }
      },
      admit: () => ({ handler: o.handler, lockCaller: o.lockCaller }),
    });
    return record.id;
  }

  function remove(filter) {
    const f = removeFilter(filter);
    return f === null ? 0 : engine.remove(f);
  }

  function clear(filter) {
    return remove(filter);
  }

  function off(idOrFilter) {
    return remove(idOrFilter);
  }

  function enable(filter) {
    const { filter: f } = toggleFilter(filter, "enable");
    const n = engine.setEnabled(f, true);
    engine.setGlobalEnabled(true);
    return n;
  }

  function disable(filter) {
    const { filter: f, empty } = toggleFilter(filter, "disable");
    const n = engine.setEnabled(f, false);
    if (empty) engine.setGlobalEnabled(false);
    return n;
  }

  function enablePattern(pattern) {
    return engine.enablePattern(pattern);
  }

  function disablePattern(pattern) {
    return engine.disablePattern(pattern);
  }

  function resetPatternFilter() {
    engine.resetPatternFilter();
    return undefined;
  }

  function list(filter) {
    let f;
    let enabled;
    if (filter === undefined) f = {};
    else if (typeof filter === "string") f = isHookType(filter) ? { type: filter } : { pattern: filter || undefined };
    else if (filter === null || typeof filter !== "object") {
      throw filterError(`list() takes a type, a pattern string, a filter object or nothing, received ${describe(filter)}`);
    } else {
      let pattern;
      try {
        ({ enabled, pattern } = filter);
      } catch (err) {
        throw filterError(`reading the list filter failed: ${quote(err && err.message)}`);
      }
      if (pattern && typeof pattern !== "string") {
        throw new HookError("INVALID_HOOK_PATTERN", {
          pattern,
          reason: patternProblem(pattern),
          validationError: true,
        });
      }
      f = readFilter(filter, "list");
    }
    const registeredHooks = engine.list(f, enabled).map(({ entry, enabled: on }) => ({
      id: entry.id,
      type: entry.type,
      pattern: entry.pattern,
      priority: entry.priority,
      subset: entry.subset,
      enabled: on,
      lockCaller: entry.lockCaller,
    }));
    return { registeredHooks };
  }

  const pin = {
    get enabled() {
      return pinEnforced;
    },
    enable() {
      pinEnforced = true;
      return true;
    },
    disable() {
      pinEnforced = false;
      return false;
    },
  };

  const hook = { on, remove, clear, off, enable, disable, enablePattern, disablePattern, resetPatternFilter, list, pin };

  const diagHook = {
    get enabled() {
      return engine.enabled;
    },
    compilePattern(pattern) {
      return engine.compilePattern(pattern);
    },
    explain(path) {
      return engine.explain(path);
    },
  };

  const slothletNode = Object.freeze({ hook, diag: Object.freeze({ hook: diagHook }) });

  return {
    hook,
    diag: { hook: diagHook },
    config: Object.freeze({ ...normalized }),
    wrap(tree) {
      return wrapTree(rt, tree, slothletNode);
    },
    wrapFunction(path, fn) {
      return wrapFunction(rt, path, fn);
    },
    context: {
      run: (store, fn, ...args) => asyncContext.run(store, fn, ...args),
      get: () => asyncContext.get(),
      runAs: (identity, fn, ...args) => asyncContext.runAs(identity, fn, ...args),
      caller: () => asyncContext.caller(),
    },
    lockCaller: (fn) => asyncContext.lockCaller(fn),
    bind: (fn) => asyncContext.bind(fn),
  };
}

module.exports = { createHooks, KNOWN_OPTIONS };
