"use strict";
// The JS side of one engine: the native registry (which owns every decision:
// parsing, patterns, ids, filters, ordering, plans) plus the table of hook
// records addressed by the integer handles the registry hands out.
//
// Handlers never cross into Rust: a Rust-held reference would be a GC root
// the collector cannot see through. Removing a hook drops its record here, so
// its handler becomes collectable.
//
// The vocabulary (hook types, subsets, limits, the shared state's layout) is
// the core's, read once from the binding (lib/native.js): nothing here
// retypes it. This module is the one writer of hook records (HookRecord) and
// of plans; the call path keeps its own compile state (lib/callpath.js).

const { NativeEngine, NativePattern, parseTypePattern, VOCABULARY } = require("./native.js");
const { HookError, fromNative, safeString, quote } = require("./errors.js");

/** The hook types, in plan order, and the subsets (the core's lists). */
const TYPES = VOCABULARY.hookTypes;
const SUBSETS = VOCABULARY.subsets;
const TYPE_SET = new Set(TYPES);

/** Whether `value` names a hook type (exactly: case-sensitive). */
function isHookType(value) {
  return TYPE_SET.has(value);
}

/** INVALID_HOOK_FILTER's reason for a filter type that names no hook type (§11.11). */
function unknownTypeReason(type) {
  return `unknown hook type "${quote(type)}" (expected one of ${TYPES.join(", ")})`;
}

/** Slots of the state array the native engine writes (the core's layout, src/lib.rs). */
const SLOTS = VOCABULARY.state;
const GENERATION = SLOTS.generation;
const ENABLED = SLOTS.enabled;

/**
 * A plan: which records run for a path, per hook type, in firing order. Plans
 * are data: they carry no generation and no compile state (the call path
 * keeps its own, lib/callpath.js). `key` identifies the content.
 */
function makePlan(key, lists) {
  const plan = { key, empty: lists === null };
  for (let t = 0; t < TYPES.length; t++) plan[TYPES[t]] = lists === null ? Object.freeze([]) : lists[t];
  return plan;
}
const EMPTY_PLAN = Object.freeze(makePlan("", null));

/** Brace groups allowed along one expansion chain (§4.3, §11 (t)). */
const MAX_BRACE_GROUPS = VOCABULARY.maxBraceGroups;

/** Most path-keyed plans kept between registry changes (the seam's lookups). */
const PLAN_CACHE_LIMIT = 4096;

function isWellFormed(s) {
  return typeof s.isWellFormed === "function" ? s.isWellFormed() : !/\p{Cs}/u.test(s);
}

const LONE_SURROGATE = "contains a lone surrogate (not a valid Unicode string)";

/**
 * Checks a pattern value before it goes to Rust. Returns `undefined` when it
 * can be compiled there, otherwise the INVALID_HOOK_PATTERN reason.
 */
function patternProblem(pattern) {
  if (typeof pattern !== "string") return `expected a string, received ${pattern === null ? "null" : typeof pattern}`;
  if (!isWellFormed(pattern)) return LONE_SURROGATE;
  return undefined;
}

/**
 * A parse of `typePattern` ({ type, start, end, legacy }, the core's) as the
 * JS side keeps it: { type, pattern, legacy }, the pattern cut from the
 * caller's own string (exact even for lone surrogates).
 */
function parsedFrom(typePattern, p) {
  return { type: p.type, pattern: typePattern.slice(p.start, p.end), legacy: p.legacy };
}

/** The canonical `"pattern:type"` form (§3.1). */
function typePatternOf(pattern, type) {
  return `${pattern}:${type}`;
}

/** Non-string ids keep their type: 7 and "7" are different ids. */
const objectIdKeys = new WeakMap();
const symbolIdKeys = new Map();
let nextOpaque = 0;
function idKey(id) {
  switch (typeof id) {
    case "string":
      return { str: id, opaque: undefined };
    case "number":
    case "boolean":
    case "bigint":
      return { str: undefined, opaque: `${typeof id}:${String(id)}` };
    case "symbol": {
      let k = symbolIdKeys.get(id);
      if (k === undefined) symbolIdKeys.set(id, (k = `ref:${++nextOpaque}`));
      return { str: undefined, opaque: k };
    }
    default: {
      let k = objectIdKeys.get(id);
      if (k === undefined) objectIdKeys.set(id, (k = `ref:${++nextOpaque}`));
      return { str: undefined, opaque: k };
    }
  }
}

/** `list()`'s `enabled` filter as the binding names it: undefined → any, a boolean → that flag, else nothing (§7.4). */
function listed(enabled) {
  if (enabled === undefined) return "any";
  if (enabled === true) return "enabled";
  return enabled === false ? "disabled" : "neither";
}

class Engine {
  /**
   * @param {object} opts
   * @param {boolean} opts.enabled initial global flag
   * @param {unknown} opts.defaultPattern the configured global path filter (null, "" and the vocabulary's noPathFilter: none)
   * @param {(code: string, context: object, options?: object) => Error} [opts.makeError]
   *   the seam's error factory (slothlet's classes and contexts); without it, HookError
   *   with the standalone API's contexts (§11 (t))
   */
  constructor({ enabled, defaultPattern, makeError }) {
    this.standalone = makeError === undefined;
    this.makeError = makeError || ((code, context, options) => new HookError(code, context, options));
    /** The native engine's shared slots (SLOTS): read by every call without crossing into Rust. */
    this.state = new Uint32Array(SLOTS.length);
    /** handle -> record */
    this.entries = [];
    /** path -> plan, valid while the generation is planCacheGeneration. */
    this.planCache = new Map();
    this.planCacheGeneration = -1;
    /**
     * Plans by content (the records' registration order), so paths with the
     * same hooks share one plan object across generations; cleared when
     * hooks are removed, so it never keeps a removed handler alive.
     */
    this.intern = new Map();
    const none = defaultPattern === null || defaultPattern === undefined;
    const problem = none ? undefined : patternProblem(defaultPattern);
    if (problem !== undefined) {
      throw this.makeError("INVALID_HOOK_PATTERN", { pattern: defaultPattern, reason: problem, validationError: true });
    }
    try {
      this.native = new NativeEngine(this.state, enabled, none ? null : defaultPattern);
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

  /** Maps a native pattern-compilation error (its fields) to the coded error for `pattern`. */
  patternError(err, pattern) {
    switch (err && err.code) {
      case "HOOK_BRACE_EXPANSION_MAX_DEPTH":
        // The standalone text names the enforced limit and what is counted
        // (§11 (t)); the seam keeps slothlet's context { maxDepth: 10 } (§3.3).
        return this.standalone
          ? this.makeError("HOOK_BRACE_EXPANSION_MAX_DEPTH", { pattern, maxGroups: MAX_BRACE_GROUPS }, { validationError: true })
          : this.makeError("HOOK_BRACE_EXPANSION_MAX_DEPTH", { maxDepth: err.maxDepth }, { validationError: true });
      case "INVALID_HOOK_PATTERN":
        return this.makeError("INVALID_HOOK_PATTERN", { pattern, reason: err.reason, validationError: true });
      case "HOOK_PATTERN_TOO_COMPLEX":
        return this.makeError("HOOK_PATTERN_TOO_COMPLEX", { pattern, limit: err.limit, validationError: true });
      default:
        return fromNative(err);
    }
  }

  /** INVALID_TYPE_PATTERN from the core's `expected`, for the caller's value. */
  typePatternError(err, typePattern) {
    if (err && err.code === "INVALID_TYPE_PATTERN") {
      return this.makeError("INVALID_TYPE_PATTERN", { typePattern, expected: err.expected });
    }
    return fromNative(err);
  }

  /** A refused registration's error, from the core's fields and the caller's values. */
  registrationError(err, req, pattern) {
    switch (err && err.code) {
      case "DUPLICATE_HOOK_ID":
        return this.makeError("DUPLICATE_HOOK_ID", { id: req.id, validationError: true });
      case "INVALID_HOOK_SUBSET":
        return this.makeError("INVALID_HOOK_SUBSET", { subset: req.subset, validSubsets: SUBSETS.slice() });
      default:
        return this.patternError(err, pattern);
    }
  }

  // ---------------------------------------------------------- registration

  /**
   * Parses "pattern:type" alone (§3.1): { type, pattern, legacy }, `pattern`
   * taken from the caller's own string where the core says it is (exact even
   * for lone surrogates). For on()'s paths that refuse before its
   * registration crosses; a registration parses its own.
   */
  parseTypePattern(typePattern) {
    let p;
    try {
      p = parseTypePattern(typePattern);
    } catch (err) {
      throw this.typePatternError(err, typePattern);
    }
    return parsedFrom(typePattern, p);
  }

  /**
   * `on()` (§3.2) for a string type pattern (a non-string is the front end's
   * INVALID_TYPE_PATTERN): the front end's steps and the core's, in the
   * contract's order, with one crossing into Rust.
   *
   * 1. `r.read()`: the front end's own steps 2–3 (it reads the options,
   *    checks the handler and its own rules) and returns { pattern, id,
   *    subset, priority, rank, once }, or throws its error. When it throws,
   *    the type pattern is parsed on its own first: a parse error wins
   *    (step 1); otherwise `r.parsed` runs, then the front end's error is
   *    thrown.
   * 2. One native call: parse, override, id, duplicate, subset, compile,
   *    store (steps 1, 2, 4–7, 11). When it refuses after parsing,
   *    `r.parsed` runs before the refusal is thrown.
   * 3. `r.parsed({ type, pattern, legacy })`: the parse is known (step 1's
   *    warning, and the front end's warnings so far).
   * 4. `r.admit({ id, type, pattern, subset })`: steps 8–10 (owner,
   *    permission gate, pinning); returns { handler, lockCaller, ownerPath?,
   *    ownerFilePath? }. A throw from it (or from `r.parsed`) undoes the
   *    registration.
   *
   * `priority` is kept as given (what list() shows); `rank` is its Number()
   * value (what orders).
   * @returns {HookRecord} the stored record
   */
  register(typePattern, r) {
    let req;
    try {
      req = r.read();
    } catch (err) {
      r.parsed(this.parseTypePattern(typePattern));
      throw err;
    }
    const given = req.pattern !== undefined;
    // The pattern that applies but cannot be sent: a non-string or ill-formed
    // override, or a type pattern with a lone surrogate (which, once it
    // parses, can only be in its pattern: the type and the colon are ASCII).
    const problem = given ? patternProblem(req.pattern) : isWellFormed(typePattern) ? undefined : LONE_SURROGATE;
    const key = req.id ? idKey(req.id) : null;
    let generated;
    try {
      generated = this.native.register(
        typePattern,
        given && problem === undefined ? req.pattern : undefined,
        problem,
        key === null ? undefined : key.str,
        key === null ? undefined : key.opaque,
        req.subset ? safeString(req.subset) : undefined,
        req.rank,
      );
    } catch (err) {
      const parsed = err && err.parsed;
      if (!parsed) throw this.typePatternError(err, typePattern);
      const known = parsedFrom(typePattern, parsed);
      r.parsed(known);
      throw this.registrationError(err, req, given ? req.pattern : known.pattern);
    }
    // The stored record, from the slots the native call just wrote.
    const s = this.state;
    const handle = s[SLOTS.handle];
    const type = TYPES[s[SLOTS.type]];
    const parsedPattern = typePattern.slice(s[SLOTS.patternStart], s[SLOTS.patternEnd]);
    const legacy = s[SLOTS.legacy] === 1;
    const order = s[SLOTS.orderHigh] * 0x1_0000_0000 + s[SLOTS.orderLow];
    const stored = {
      id: key === null ? generated : req.id,
      type,
      pattern: given ? req.pattern : parsedPattern,
      // the subset as given (its String() is what the core checked), else the core's default
      subset: req.subset ? req.subset : SUBSETS[s[SLOTS.subset]],
    };
    let record;
    try {
      r.parsed({ type, pattern: parsedPattern, legacy });
      record = new HookRecord(this, handle, order, stored, req.priority, r.admit(stored), req.once === true);
    } catch (err) {
      this.native.remove(Engine.nativeFilter({ id: stored.id }));
      throw err;
    }
    this.entries[handle] = record;
    return record;
  }

  // ------------------------------------------------------------- filters

  /** A normalized filter { id, type, pattern } as the binding takes it. */
  static nativeFilter(f) {
    const key = f.id ? idKey(f.id) : null;
    return {
      id: key === null ? undefined : key.str,
      opaqueId: key === null ? undefined : key.opaque,
      type: f.type ? f.type : undefined,
      pattern: f.pattern ? f.pattern : undefined,
    };
  }

  nativeFilterCall(fn, f, arg) {
    try {
      return fn.call(this.native, Engine.nativeFilter(f), arg);
    } catch (err) {
      if (err && err.code === "INVALID_HOOK_FILTER") {
        throw this.makeError("INVALID_HOOK_FILTER", { reason: unknownTypeReason(f.type), validationError: true });
      }
      throw this.patternError(err, f.pattern);
    }
  }

  /** Removes by normalized filter (§7.3); returns the number removed. */
  remove(f) {
    const removed = this.nativeFilterCall(this.native.remove, f);
    if (removed.length !== 0) this.intern.clear();
    for (let i = 0; i < removed.length; i++) this.entries[removed[i]] = undefined;
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
    if (f.pattern) {
      const problem = patternProblem(f.pattern);
      if (problem !== undefined) {
        throw this.makeError("INVALID_HOOK_PATTERN", { pattern: f.pattern, reason: problem, validationError: true });
      }
    }
    const flat = this.nativeFilterCall(this.native.list, f, listed(enabled));
    const out = [];
    for (let i = 0; i < flat.length; i += 2) {
      const entry = this.entries[flat[i]];
      if (entry !== undefined) out.push({ entry, enabled: flat[i + 1] === 1 });
    }
    return out;
  }

  /** Whether `record` is still registered (not once it was removed, even when its handle is reused). */
  isCurrent(record) {
    return this.entries[record.handle] === record;
  }

  isHookEnabled(record) {
    return this.isCurrent(record) && this.native.hookEnabled(record.handle);
  }

  size() {
    return this.native.size();
  }

  clearAll() {
    this.native.clearAll();
    this.intern.clear();
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
  consume(record) {
    if (!this.isCurrent(record)) return false;
    this.remove({ id: record.id });
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
    // [count per type (TYPES order)..., handles...]
    const flat = this.native.plan(path);
    const n = TYPES.length;
    let total = 0;
    for (let t = 0; t < n; t++) total += flat[t];
    if (total === 0) return EMPTY_PLAN;
    const entries = this.entries;
    let key = String(flat[0]);
    for (let t = 1; t < n; t++) key += `,${flat[t]}`;
    for (let i = n; i < flat.length; i++) key += `,${entries[flat[i]].order}`;
    // Paths with the same hooks share one plan object (and so its compiled runner).
    const shared = this.intern.get(key);
    if (shared !== undefined) return shared;
    let at = n;
    const lists = [];
    for (let t = 0; t < n; t++) {
      const list = new Array(flat[t]);
      for (let i = 0; i < list.length; i++) list[i] = entries[flat[at++]];
      lists.push(list);
    }
    const plan = makePlan(key, lists);
    if (this.intern.size >= PLAN_CACHE_LIMIT) this.intern.clear();
    this.intern.set(key, plan);
    return plan;
  }

  /** §11.11 explain(path). */
  explain(path) {
    const enabled = this.state[ENABLED] === 1;
    const hooks = {};
    for (const t of TYPES) hooks[t] = [];
    const out = { path, enabled, filter: { active: false, passes: true }, stoppedBy: null, hooks };
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
    // [count per type..., (handle, enabled, willFire)...]
    const flat = x.hooks;
    let at = TYPES.length;
    for (let t = 0; t < TYPES.length; t++) {
      const list = hooks[TYPES[t]];
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

/**
 * The JS record of one hook: the registry's answers (handle, registration
 * order, id, type, pattern, subset) and what only JS holds (the handler, the
 * priority as given, lockCaller, once, the owner identity). Written once, by
 * Engine#register, and frozen: nothing else writes a record. Whether it is
 * still registered is the engine's to say (Engine#isCurrent).
 */
class HookRecord {
  constructor(engine, handle, order, stored, priority, own, once) {
    this.handle = handle;
    /** Global registration order (§11 (a)), the core's: larger is later, never reused. */
    this.order = order;
    this.id = stored.id;
    this.type = stored.type;
    this.pattern = stored.pattern;
    this.priority = priority;
    this.subset = stored.subset;
    this.lockCaller = own.lockCaller;
    /** The effective handler (possibly pinned, §3.6). */
    this.handler = own.handler;
    /** `on(..., { once: true })` (§11 (t)): the call path removes the hook when it starts running. */
    this.once = once;
    /** The owner identity (§3.6; the seam's, null for host hooks). */
    this.ownerPath = own.ownerPath === undefined ? null : own.ownerPath;
    this.ownerFilePath = own.ownerFilePath === undefined ? null : own.ownerFilePath;
    /** `this` inside the handler (§3.7). */
    this.self = new RecordView(engine, this);
    Object.freeze(this);
  }

  /** The hook's own flag, read live (slothlet's records carry it too, §3.7). */
  get enabled() {
    return this.self.enabled;
  }
}

/**
 * `this` inside a handler (§3.7): the record's public fields, `enabled` read
 * live. A view the record makes of itself: writing to it changes nothing
 * registered.
 */
class RecordView {
  #engine;
  #record;

  constructor(engine, record) {
    this.id = record.id;
    this.type = record.type;
    this.pattern = record.pattern;
    this.priority = record.priority;
    this.subset = record.subset;
    this.lockCaller = record.lockCaller;
    this.#engine = engine;
    this.#record = record;
  }

  get enabled() {
    return this.#engine.isHookEnabled(this.#record);
  }
}

module.exports = {
  Engine,
  EMPTY_PLAN,
  TYPES,
  SUBSETS,
  GENERATION,
  ENABLED,
  MAX_BRACE_GROUPS,
  isHookType,
  unknownTypeReason,
  typePatternOf,
  patternProblem,
  isWellFormed,
};
