"use strict";
// The JS side of one engine: the native registry (which owns every decision:
// parsing, patterns, ids, filters, ordering, plans) plus the table of handler
// entries addressed by the integer handles the registry hands out.
//
// Handlers never cross into Rust: a Rust-held reference would be a GC root
// the collector cannot see through. Removing a hook drops its entry here, so
// its handler becomes collectable.

const { NativeEngine, NativePattern, MAX_BRACE_DEPTH } = require("./native.js");
const { HookError, fromNative, safeString, quote } = require("./errors.js");

const TYPES = ["before", "after", "always", "error"];
const SUBSETS = ["before", "primary", "after"];

/** Shared state slots written by the native engine (see src/lib.rs). */
const GENERATION = 0;
const ENABLED = 1;

/**
 * A plan: which entries run for a path, per hook type, in firing order. Plans
 * are data: they carry no generation and no compile state (the call path
 * keeps its own, lib/callpath.js). `key` identifies the content.
 */
const EMPTY_PLAN = Object.freeze({
  key: "",
  empty: true,
  before: Object.freeze([]),
  after: Object.freeze([]),
  always: Object.freeze([]),
  error: Object.freeze([]),
});

/**
 * Brace groups allowed along one expansion chain, sequential and nested alike:
 * the core refuses to enter expansion level MAX_BRACE_DEPTH (§4.3).
 */
const MAX_BRACE_GROUPS = MAX_BRACE_DEPTH - 1;

/** Most path-keyed plans kept between registry changes (the seam's lookups). */
const PLAN_CACHE_LIMIT = 4096;

function isWellFormed(s) {
  return typeof s.isWellFormed === "function" ? s.isWellFormed() : !/\p{Cs}/u.test(s);
}

/**
 * Checks a pattern value before it goes to Rust. Returns `undefined` when it
 * can be compiled there, otherwise the INVALID_HOOK_PATTERN reason.
 */
function patternProblem(pattern) {
  if (typeof pattern !== "string") return `expected a string, received ${pattern === null ? "null" : typeof pattern}`;
  if (!isWellFormed(pattern)) return "contains a lone surrogate (not a valid Unicode string)";
  return undefined;
}

/** Non-string ids keep their type: 7 and "7" are different ids. */
const objectIdKeys = new WeakMap();
const symbolIdKeys = new Map();
let nextOpaque = 0;
function idKey(id) {
  switch (typeof id) {
    case "string":
      return { str: id, opaque: null };
    case "number":
    case "boolean":
    case "bigint":
      return { str: null, opaque: `${typeof id}:${String(id)}` };
    case "symbol": {
      let k = symbolIdKeys.get(id);
      if (k === undefined) symbolIdKeys.set(id, (k = `ref:${++nextOpaque}`));
      return { str: null, opaque: k };
    }
    default: {
      let k = objectIdKeys.get(id);
      if (k === undefined) objectIdKeys.set(id, (k = `ref:${++nextOpaque}`));
      return { str: null, opaque: k };
    }
  }
}

/** Unique per entry (handles are reused; serials never are). */
let entrySerial = 0;

class Engine {
  /**
   * @param {object} opts
   * @param {boolean} opts.enabled initial global flag
   * @param {string} opts.defaultPattern the configured global path filter ("**" = none)
   * @param {(code: string, context: object, options?: object) => Error} [opts.makeError]
   *   the seam's error factory (slothlet's classes and contexts); without it, HookError
   *   with the standalone API's contexts (§11 (t))
   */
  constructor({ enabled, defaultPattern, makeError }) {
    this.standalone = makeError === undefined;
    this.makeError = makeError || ((code, context, options) => new HookError(code, context, options));
    /** [generation, enabled] — written by Rust, read by every call without crossing into Rust. */
    this.state = new Uint32Array(2);
    /** handle -> entry */
    this.entries = [];
    /** path -> plan, valid while the generation is planCacheGeneration. */
    this.planCache = new Map();
    this.planCacheGeneration = -1;
    /**
     * Plans by content (entry serials), so paths with the same hooks share
     * one plan object across generations; cleared when hooks are removed, so
     * it never keeps a removed handler alive.
     */
    this.intern = new Map();
    const problem = defaultPattern === "**" ? undefined : patternProblem(defaultPattern);
    if (problem !== undefined) {
      throw this.makeError("INVALID_HOOK_PATTERN", { pattern: defaultPattern, reason: problem, validationError: true });
    }
    try {
      this.native = new NativeEngine(this.state, enabled, defaultPattern === "**" ? null : defaultPattern);
    } catch (err) {
      throw this.patternError(err, defaultPattern);
    }
  }

  get enabled() {
    return this.state[ENABLED] === 1;
  }

  get generation() {
    return this.state[GENERATION];
  }

  // ---------------------------------------------------------------- errors

  /** Maps a native pattern-compilation error to the coded error. */
  patternError(err, pattern) {
    switch (err && err.code) {
      case "HOOK_BRACE_EXPANSION_MAX_DEPTH":
        // The standalone text names the enforced limit and what is counted
        // (§11 (t)); the seam keeps slothlet's context { maxDepth: 10 } (§3.3).
        return this.standalone
          ? this.makeError("HOOK_BRACE_EXPANSION_MAX_DEPTH", { pattern, maxGroups: MAX_BRACE_GROUPS }, { validationError: true })
          : this.makeError("HOOK_BRACE_EXPANSION_MAX_DEPTH", { maxDepth: MAX_BRACE_DEPTH }, { validationError: true });
      case "INVALID_HOOK_PATTERN":
        return this.makeError("INVALID_HOOK_PATTERN", { pattern, reason: err.message, validationError: true });
      case "HOOK_PATTERN_TOO_COMPLEX":
        return this.makeError("HOOK_PATTERN_TOO_COMPLEX", { pattern, limit: err.message, validationError: true });
      default:
        return fromNative(err);
    }
  }

  // ---------------------------------------------------------- registration

  /**
   * Parses "pattern:type" (§3.1 steps 2–5). Returns { type, pattern, legacy };
   * `pattern` is the caller's own substring (exact even for lone surrogates).
   */
  parseTypePattern(typePattern) {
    let code;
    try {
      code = this.native.parseTypePattern(typePattern);
    } catch (err) {
      if (err && err.code === "INVALID_TYPE_PATTERN") {
        throw this.makeError("INVALID_TYPE_PATTERN", { typePattern, expected: err.message });
      }
      throw fromNative(err);
    }
    const type = TYPES[code & 3];
    const legacy = code >= 4;
    const pattern = legacy ? typePattern.slice(type.length + 1) : typePattern.slice(0, -(type.length + 1));
    return { type, pattern, legacy };
  }

  /**
   * §3.2 steps 4–7 and 11 (validation of the handler and options is the caller's).
   * `priority` is kept as given (what list() shows); `rank` is its Number() value (what orders).
   * @returns {object} the stored entry
   */
  register({ type, pattern, handler, id, subset, priority, rank, lockCaller, once }) {
    const problem = patternProblem(pattern);
    const key = id ? idKey(id) : null;
    const subsetArg = subset ? safeString(subset) : null;
    let handle;
    try {
      handle = this.native.register(
        type,
        problem === undefined ? pattern : null,
        problem === undefined ? null : problem,
        key ? key.str : null,
        key ? key.opaque : null,
        subsetArg,
        rank,
      );
    } catch (err) {
      switch (err && err.code) {
        case "DUPLICATE_HOOK_ID":
          throw this.makeError("DUPLICATE_HOOK_ID", { id, validationError: true });
        case "INVALID_HOOK_SUBSET":
          throw this.makeError("INVALID_HOOK_SUBSET", { subset, validSubsets: SUBSETS.slice() });
        default:
          throw this.patternError(err, pattern);
      }
    }
    const entry = new Entry(this, handle, id ? id : this.native.stringId(handle), type, pattern, priority, subset ? subset : "primary", lockCaller, handler, once === true);
    entry.serial = ++entrySerial;
    this.entries[handle] = entry;
    return entry;
  }

  // ------------------------------------------------------------- filters

  /** A normalized filter { id, type, pattern } -> native arguments. */
  static filterArgs(f) {
    const key = f.id ? idKey(f.id) : null;
    return [key ? key.str : null, key ? key.opaque : null, f.type ? f.type : null, f.pattern ? f.pattern : null];
  }

  nativeFilterCall(fn, f, ...rest) {
    try {
      return fn.call(this.native, ...Engine.filterArgs(f), ...rest);
    } catch (err) {
      if (err && err.code === "INVALID_HOOK_FILTER") {
        throw this.makeError("INVALID_HOOK_FILTER", {
          reason: `unknown hook type "${quote(f.type)}" (expected one of before, after, always, error)`,
          validationError: true,
        });
      }
      throw this.patternError(err, f.pattern);
    }
  }

  /** Removes by normalized filter (§7.3); returns the number removed. */
  remove(f) {
    const removed = this.nativeFilterCall(this.native.remove, f);
    if (removed.length !== 0) this.intern.clear();
    for (let i = 0; i < removed.length; i++) {
      const e = this.entries[removed[i]];
      if (e !== undefined) e.removed = true;
      this.entries[removed[i]] = undefined;
    }
    return removed.length;
  }

  /** Sets per-hook enabled flags by normalized filter (§7.2); returns the count visited. */
  setEnabled(f, on) {
    return this.nativeFilterCall(this.native.setEnabled, f, on);
  }

  setGlobalEnabled(on) {
    this.native.setGlobalEnabled(on);
  }

  /**
   * Lists hooks (§7.4). `enabled`: undefined (any), true/false, or anything
   * else (matches nothing). Returns [{ entry, enabled }].
   */
  list(f, enabled) {
    const code = enabled === undefined ? -1 : enabled === false ? 0 : enabled === true ? 1 : 2;
    if (f.pattern) {
      const problem = patternProblem(f.pattern);
      if (problem !== undefined) {
        throw this.makeError("INVALID_HOOK_PATTERN", { pattern: f.pattern, reason: problem, validationError: true });
      }
    }
    const flat = this.nativeFilterCall(this.native.list, f, code);
    const out = [];
    for (let i = 0; i < flat.length; i += 2) {
      const entry = this.entries[flat[i]];
      if (entry !== undefined) out.push({ entry, enabled: flat[i + 1] === 1 });
    }
    return out;
  }

  isHookEnabled(entry) {
    return !entry.removed && this.entries[entry.handle] === entry && this.native.hookEnabled(entry.handle);
  }

  size() {
    return this.native.size();
  }

  clearAll() {
    this.native.clearAll();
    this.intern.clear();
    for (const e of this.entries) if (e !== undefined) e.removed = true;
    this.entries = [];
  }

  // ---------------------------------------------------------- path filter

  enablePattern(pattern) {
    const problem = patternProblem(pattern);
    if (problem !== undefined) {
      throw this.makeError("INVALID_HOOK_PATTERN", { pattern, reason: problem, validationError: true });
    }
    try {
      return this.native.enablePattern(pattern);
    } catch (err) {
      throw this.patternError(err, pattern);
    }
  }

  disablePattern(pattern) {
    if (typeof pattern !== "string") return this.native.filterState().patterns.length;
    return this.native.disablePattern(pattern);
  }

  resetPatternFilter() {
    this.native.resetPatternFilter();
  }

  filterState() {
    return this.native.filterState();
  }

  // ---------------------------------------------------------------- plans

  /**
   * A `once` hook starts running (§11 (t)): it leaves the registry now.
   * False when it already left (it ran, or was removed).
   */
  consume(entry) {
    if (entry.removed) return false;
    this.remove({ id: entry.id });
    return true;
  }

  /**
   * Tells every cached plan that it is stale (bumps the generation), for a
   * change of how calls run that the registry does not know about.
   */
  invalidate() {
    this.native.invalidate();
  }

  /**
   * The plan for `path` as the registry stands now. Callers that keep a plan
   * remember the generation (`engine.state[GENERATION]`) they got it at: it
   * is current exactly while the generation has not moved.
   */
  plan(path) {
    const generation = this.state[GENERATION];
    if (this.planCacheGeneration !== generation) {
      this.planCache.clear();
      this.planCacheGeneration = generation;
    } else {
      const cached = this.planCache.get(path);
      if (cached !== undefined) return cached;
    }
    const plan = this.buildPlan(path);
    if (this.planCache.size >= PLAN_CACHE_LIMIT) this.planCache.clear();
    this.planCache.set(path, plan);
    return plan;
  }

  /** Builds the plan for `path` from Rust; only plan() calls it. */
  buildPlan(path) {
    if (this.state[ENABLED] === 0) return EMPTY_PLAN;
    // A path that is not a well-formed Unicode string can't be represented in
    // Rust without merging it with another path: it matches no hook (§11 (l)).
    if (typeof path !== "string" || !isWellFormed(path)) return EMPTY_PLAN;
    const flat = this.native.plan(path);
    if (flat[0] + flat[1] + flat[2] + flat[3] === 0) return EMPTY_PLAN;
    const entries = this.entries;
    let key = `${flat[0]},${flat[1]},${flat[2]},${flat[3]}`;
    for (let i = 4; i < flat.length; i++) key += `,${entries[flat[i]].serial}`;
    // Paths with the same hooks share one plan object (and so its compiled runner).
    const shared = this.intern.get(key);
    if (shared !== undefined) return shared;
    let at = 4;
    const lists = [];
    for (let t = 0; t < 4; t++) {
      const n = flat[t];
      const list = new Array(n);
      for (let i = 0; i < n; i++) list[i] = entries[flat[at++]];
      lists.push(list);
    }
    const plan = { key, empty: false, before: lists[0], after: lists[1], always: lists[2], error: lists[3] };
    if (this.intern.size >= PLAN_CACHE_LIMIT) this.intern.clear();
    this.intern.set(key, plan);
    return plan;
  }

  /** §11.11 explain(path). */
  explain(path) {
    const enabled = this.state[ENABLED] === 1;
    const out = {
      path,
      enabled,
      filter: { active: false, passes: true },
      stoppedBy: null,
      hooks: { before: [], after: [], always: [], error: [] },
    };
    if (typeof path !== "string" || !isWellFormed(path)) {
      out.stoppedBy = "invalid-path";
      out.problem =
        typeof path !== "string"
          ? `path must be a string, received ${path === null ? "null" : typeof path}`
          : "path contains a lone surrogate, so no hook can match it";
      out.filter.passes = false;
      return out;
    }
    const x = this.native.explain(path);
    out.filter.active = x.filterActive;
    out.filter.passes = x.filterPasses;
    out.stoppedBy = !x.enabled ? "disabled" : !x.filterPasses ? "filter" : null;
    const flat = x.hooks;
    let at = 4;
    for (let t = 0; t < 4; t++) {
      const list = out.hooks[TYPES[t]];
      for (let i = 0; i < flat[t]; i++, at += 3) {
        const e = this.entries[flat[at]];
        if (e === undefined) continue;
        list.push({
          id: e.id,
          pattern: e.pattern,
          priority: e.priority,
          subset: e.subset,
          enabled: flat[at + 1] === 1,
          willFire: flat[at + 2] === 1,
        });
      }
    }
    return out;
  }

  /** A matcher for the pattern language (§2 diagnostics); not cached. */
  compilePattern(pattern) {
    const problem = patternProblem(pattern);
    if (problem !== undefined) {
      throw this.makeError("INVALID_HOOK_PATTERN", { pattern, reason: problem, validationError: true });
    }
    let compiled;
    try {
      compiled = new NativePattern(pattern);
    } catch (err) {
      throw this.patternError(err, pattern);
    }
    return function matcher(path) {
      const s = typeof path === "string" ? path : safeString(path);
      if (!isWellFormed(s)) return false;
      return compiled.isMatch(s);
    };
  }
}

/** One registered hook as the JS side keeps it. */
class Entry {
  constructor(engine, handle, id, type, pattern, priority, subset, lockCaller, handler, once) {
    this.handle = handle;
    this.id = id;
    this.type = type;
    this.pattern = pattern;
    this.priority = priority;
    this.subset = subset;
    this.lockCaller = lockCaller;
    this.handler = handler;
    /** `on(..., { once: true })` (§11 (t)): the call path removes the hook when it starts running. */
    this.once = once;
    this.removed = false;
    /** `this` inside the handler (§3.7). */
    this.self = new HookRecord(engine, this);
  }
}

/** `this` inside a handler (§3.7): the hook's fields, `enabled` read live. */
class HookRecord {
  #engine;
  #entry;

  constructor(engine, entry) {
    this.id = entry.id;
    this.type = entry.type;
    this.pattern = entry.pattern;
    this.priority = entry.priority;
    this.subset = entry.subset;
    this.lockCaller = entry.lockCaller;
    this.#engine = engine;
    this.#entry = entry;
  }

  get enabled() {
    return this.#engine.isHookEnabled(this.#entry);
  }
}

module.exports = { Engine, EMPTY_PLAN, TYPES, SUBSETS, GENERATION, ENABLED, MAX_BRACE_GROUPS, patternProblem, isWellFormed };
