// The slothlet engine seam (spec §10): a drop-in `HookManager` that slothlet
// 3.12 instantiates as `slothlet.handlers.hookManager`, backed by slothook's
// native engine — the same Rust registry, pattern compiler and cached per-path
// plans as the standalone API (lib/engine.js), no second registry.
//
// slothlet keeps its own call path (§10.6); this class implements the engine
// phases (§8.2, §8.6–§8.8) as slothlet's engine does, builds every error and
// warning through slothlet's own classes (§10.5) and resolves collaborators
// lazily, at each use (§10.2). Where spec §11 marks a behaviour "free" for the
// seam, slothook's standalone behaviour is used (one engine, one behaviour).
//
// This directory must not contain a second module exporting a class with a
// static `slothletProperty` (§10.1).
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { Engine, GENERATION, ENABLED, isHookType, typePatternOf } = require("../engine.js");
const { VOCABULARY } = require("../native.js");
const { normalizeHookConfig, defaultPatternOf } = require("../config.js");
const {
  makePolicy,
  Call,
  beforePhase,
  afterPhase,
  alwaysPhase,
  errorPhase,
  emitPhases,
  unrollable,
  generate,
  hotCalls,
  CONTINUE,
  SHORT,
  FAILED,
  FAIL,
} = require("../execution.js");

/** executeAfterHooks' answer when nothing changed (shared: it has nothing per call). */
const NOT_MODIFIED = Object.freeze({ modified: false });

const GLOB = /[*?{!]/;

/** slothlet's TypeError for an unknown filter type (§7.1). */
function unknownTypeError() {
  return new TypeError("Cannot read properties of undefined (reading 'before')");
}

/**
 * The owner identity of a wrapper (§3.6, §10.5). slothlet 3.12 keeps a
 * wrapper's api path and file path at `wrapper.____slothletInternal.apiPath`
 * / `.filePath` (it has no direct `apiPath`/`filePath`); nothing else is read.
 * Each is `null` when absent or not a string. `known` is false when there is
 * a wrapper but its api path cannot be read: the registration then fails
 * closed while permissions are on (§3.2 step 9).
 */
function ownerFields(wrapper) {
  if (!wrapper) return { ownerPath: null, ownerFilePath: null, known: true };
  let apiPath;
  let filePath;
  try {
    const internal = wrapper.____slothletInternal;
    if (internal !== null && (typeof internal === "object" || typeof internal === "function")) {
      apiPath = internal.apiPath;
      filePath = internal.filePath;
    }
  } catch {
    // a throwing getter or a revoked Proxy: the owner cannot be read
  }
  const ownerPath = typeof apiPath === "string" ? apiPath : null;
  return { ownerPath, ownerFilePath: typeof filePath === "string" ? filePath : null, known: ownerPath !== null };
}

/** The owner identity of an export record (§10.7): a string or null; anything else is unknown. */
function recordOwner(record) {
  const path = record.ownerPath ?? null;
  const file = record.ownerFilePath;
  return {
    ownerPath: typeof path === "string" ? path : null,
    ownerFilePath: typeof file === "string" ? file : null,
    known: path === null || typeof path === "string",
  };
}

export class HookManager {
  static slothletProperty = "hookManager";
  /** How to check that slothook's engine is the one slothlet runs on. */
  static engine = "slothook";

  #slothlet;
  #engine;
  /** The engine's shared [generation, enabled] array. */
  #state;
  #configError = null;
  #policy;
  #lastPath = undefined;
  #lastGeneration = -1;
  #lastPlan = null;
  /** plan -> { calls, phases }: the generated phases of hot plans. */
  #compiled = new WeakMap();
  /** #compiled's entry for #lastPlan, once looked up. */
  #lastCompiled = undefined;

  constructor(slothlet) {
    this.#slothlet = slothlet;
    const n = normalizeHookConfig(slothlet?.config?.hook);
    /** §1: the configured global path filter. */
    this.defaultPattern = defaultPatternOf(n);
    /** §8.11: the construction snapshot; never follows later config mutation. */
    this.suppressErrors = n.suppressErrors;
    this.pinEnforced = n.pin;
    // Placeholders declared in slothlet's type definitions (§10.3).
    this.hooks = new Map();
    this.registrationOrder = 0;
    this.reportedErrors = new WeakSet();
    const makeError = (code, context, options) => new this.#slothlet.SlothletError(code, context, undefined, options);
    const manager = this;
    this.#policy = makePolicy({
      // §8.11: the engine snapshot, any truthy value
      get suppress() {
        return Boolean(manager.suppressErrors);
      },
      markAll: true,
      // slothlet reads a hook error's stack as is: null/undefined make it throw (§8.11, §11 (e))
      stackOf: (err) => err.stack,
      returnedPromise: (e, path) => makeError("HOOK_BEFORE_RETURNED_PROMISE", { id: e.id, path }, { validationError: true }),
      errorHookFailed: (path, err) => this.#slothlet?.debug?.("hooks", `Error hook failed for ${path}:`, err),
      errorHooks: (call) => this.#hooks("error", call.path),
      consume: () => true,
    });
    try {
      this.#engine = new Engine({ enabled: n.enabled, defaultPattern: this.defaultPattern, makeError });
    } catch (err) {
      // slothlet compiles the config pattern at the first hooked call (§1):
      // keep the error for then instead of failing slothlet's start-up.
      this.#configError = err;
      this.#engine = new Engine({ enabled: n.enabled, defaultPattern: null, makeError });
    }
    this.#state = this.#engine.state;
  }

  // ------------------------------------------------------------ properties

  get enabled() {
    return this.#state[ENABLED] === 1;
  }

  set enabled(on) {
    this.#engine.setGlobalEnabled(Boolean(on));
  }

  get enabledPatterns() {
    return new Set(this.#engine.filterState().patterns);
  }

  get patternFilterActive() {
    return this.#engine.filterState().active;
  }

  // --------------------------------------------------------- collaborators

  #warn(code, context) {
    const s = this.#slothlet;
    if (s?.config?.silent) return;
    new s.SlothletWarning(code, context);
  }

  #permissions() {
    const pm = this.#slothlet?.handlers?.permissionManager;
    return pm?.isEnabled?.() ? pm : null;
  }

  #runtimeContext() {
    return this.#slothlet?.contextManager?.tryGetContext?.()?.context ?? null;
  }

  #currentWrapper() {
    return this.#slothlet?.contextManager?.getCallerIdentity?.()?.currentWrapper ?? null;
  }

  // ---------------------------------------------------------- registration

  on(typePattern, handler, options = {}) {
    return this.#register(typePattern, handler, options, null);
  }

  /**
   * §3.2. `imported` is the owner identity of an export record during
   * importHooks (§10.7), `null` for every public registration: owner identity
   * never comes from `options`.
   */
  #register(typePattern, handler, options, imported) {
    if (typeof typePattern !== "string") {
      throw new this.#slothlet.SlothletError("INVALID_TYPE_PATTERN", { typePattern, expected: VOCABULARY.expectedString });
    }
    let lockCaller;
    const record = this.#engine.register(typePattern, {
      // steps 2–3; the options are read in slothlet's order
      read: () => {
        const pattern = options.pattern;
        if (typeof handler !== "function") {
          throw new this.#slothlet.SlothletError("INVALID_HOOK_HANDLER", { receivedType: typeof handler, validationError: true });
        }
        const priority = options.priority || 0;
        const id = options.id;
        const subset = options.subset;
        const rank = Number(priority);
        lockCaller = options.lockCaller !== false;
        return { pattern, id, subset, priority, rank, once: false };
      },
      // step 1's warning
      parsed: (parsed) => {
        if (parsed.legacy) {
          this.#warn("HOOK_TYPEPATTERN_PREFIX_DEPRECATED", { given: typePattern, suggested: typePatternOf(parsed.pattern, parsed.type) });
        }
      },
      // steps 4–7 and 11 happened in the engine; 8–10 here
      admit: (stored) => this.#own(stored, handler, lockCaller, imported),
    });
    return record.id;
  }

  /**
   * §3.2 steps 8–10 for `stored` ({ id, type, pattern }): owner identity,
   * the registration gate, pinning. Returns what the record keeps; a throw
   * undoes the registration.
   */
  #own(stored, handler, lockCaller, imported) {
    // step 8: the live wrapper decides pinning; the owner comes from it, or
    // from the export record during a reload
    const wrapper = this.#currentWrapper();
    const owner = imported ?? ownerFields(wrapper);
    // step 9: the registration gate
    const pm = this.#permissions();
    if (pm) {
      const target = typePatternOf(stored.pattern, stored.type);
      if (!owner.known) {
        // fail closed: a module we cannot identify never becomes a host hook
        throw new this.#slothlet.SlothletError("PERMISSION_DENIED", { target, reason: "owner unknown" });
      }
      if (owner.ownerPath !== null && !GLOB.test(stored.pattern)) {
        if (pm.enforceHookAccess(owner.ownerPath, stored.pattern, stored.type, owner.ownerFilePath, null, this.#runtimeContext()) === false) {
          throw new this.#slothlet.SlothletError("PERMISSION_DENIED", { caller: owner.ownerPath, target });
        }
      }
    }
    // step 10: pinning
    if (!lockCaller && wrapper && this.pinEnforced) {
      lockCaller = true;
      this.#warn("HOOK_UNPINNED_IGNORED", { pattern: stored.pattern });
    }
    let effective = handler;
    if (lockCaller && wrapper && typeof handler._slothletOriginal !== "function") {
      const slothlet = this.#slothlet;
      const original = handler;
      effective = function pinned(...args) {
        // looked up at call time, so the pin survives a reload
        return slothlet.contextManager.runInContext(slothlet.instanceID, original, this, args, wrapper, true);
      };
      effective._slothletOriginal = original;
    }
    return { handler: effective, lockCaller, ownerPath: owner.ownerPath, ownerFilePath: owner.ownerFilePath };
  }

  // --------------------------------------------------------------- filters

  #filter(filter) {
    const id = filter.id;
    if (id) return { id };
    const type = filter.type;
    if (type && !isHookType(type)) throw unknownTypeError();
    const pattern = filter.pattern;
    return { type: type || undefined, pattern: pattern ? String(pattern) : undefined };
  }

  remove(filter = {}) {
    // §11 (g) (free for the seam): a string is an id, like off("x")
    if (typeof filter === "string") filter = { id: filter };
    if (filter !== null && typeof filter !== "object") filter = {};
    return this.#engine.remove(this.#filter(filter));
  }

  enable(filter = {}) {
    this.#engine.setGlobalEnabled(true);
    if (typeof filter === "string") filter = { pattern: filter };
    return this.#engine.setEnabled(this.#filter(filter), true);
  }

  disable(filter = {}) {
    if (typeof filter === "string") filter = { pattern: filter };
    if (Object.keys(filter).length === 0) this.#engine.setGlobalEnabled(false);
    if (typeof filter !== "object") filter = {};
    return this.#engine.setEnabled(this.#filter(filter), false);
  }

  enablePattern(pattern) {
    return this.#engine.enablePattern(pattern);
  }

  disablePattern(pattern) {
    return this.#engine.disablePattern(pattern);
  }

  resetPatternFilter() {
    this.#engine.resetPatternFilter();
    return undefined;
  }

  list(filter = {}) {
    if (typeof filter === "string") filter = isHookType(filter) ? { type: filter } : { pattern: filter };
    const f = this.#filter(filter);
    const registeredHooks = this.#engine.list(f, filter.enabled).map(({ entry, enabled }) => ({
      id: entry.id,
      type: entry.type,
      pattern: entry.pattern,
      priority: entry.priority,
      subset: entry.subset,
      enabled,
      lockCaller: entry.lockCaller,
    }));
    return { registeredHooks };
  }

  setPinEnforced(value) {
    this.pinEnforced = value === true;
    return this.pinEnforced;
  }

  // ---------------------------------------------------------------- phases
  //
  // The phases are the execution core's (lib/execution.js), run with this
  // seam's policy; slothlet's call path drives them (§10.6). slothlet calls
  // up to four of these per API call with the same path, so the plan is
  // looked up once per path and generation, and an empty phase allocates
  // nothing.

  /** The plan for `path` now. (Kept tiny: slothlet calls it up to four times per API call.) */
  #plan(path) {
    if (path === this.#lastPath && this.#state[GENERATION] === this.#lastGeneration) return this.#lastPlan;
    return this.#replan(path);
  }

  /** The plan for another path or generation (the config pattern's error at the first use, §1). */
  #replan(path) {
    if (this.#configError !== null) throw this.#configError;
    const g = this.#state[GENERATION];
    const plan = this.#engine.plan(path);
    this.#lastPath = path;
    this.#lastGeneration = g;
    if (plan !== this.#lastPlan) this.#lastCompiled = undefined;
    this.#lastPlan = plan;
    return plan;
  }

  /**
   * §5: the hooks of `type` for `path`; with permissions on, those whose
   * owner may hook the path (§5 step 4).
   */
  #hooks(type, path) {
    const plan = this.#plan(path);
    const list = type === "before" ? plan.before : type === "after" ? plan.after : type === "always" ? plan.always : plan.error;
    if (list.length === 0) return list;
    const pm = this.#permissions();
    return pm === null ? list : this.#allowed(pm, list, type, path);
  }

  /**
   * `list` without the hooks the permission manager refuses for `path`
   * (asked per call: its runtime context changes). A fresh array only when one
   * is dropped.
   */
  #allowed(pm, list, type, path) {
    const runtime = this.#runtimeContext();
    let kept = null;
    for (let i = 0; i < list.length; i++) {
      const e = list[i];
      const allowed = pm.checkHookAccess(e.ownerPath, path, type, e.ownerFilePath, null, runtime) !== false;
      if (kept === null) {
        if (!allowed) kept = list.slice(0, i);
      } else if (allowed) kept.push(e);
    }
    return kept === null ? list : kept;
  }

  /**
   * The generated phases of a hot `plan` (lib/execution.js), or null while it
   * is not hot. Only without a permission manager: with one, each call's
   * hooks are filtered first.
   */
  #phases(plan) {
    const c = plan === this.#lastPlan ? this.#lastCompiled : undefined;
    // (the rest out of line: the common case stays small enough to inline)
    return c !== undefined && c.phases !== null ? c.phases : this.#compilePhases(plan, c);
  }

  #compilePhases(plan, c) {
    if (c === undefined) {
      c = this.#compiled.get(plan);
      if (c === undefined) {
        c = { calls: 0, phases: null };
        this.#compiled.set(plan, c);
      }
      if (plan === this.#lastPlan) this.#lastCompiled = c;
    }
    if (c.phases === null && ++c.calls >= hotCalls && unrollable(plan)) c.phases = generate(() => emitPhases(plan, this.#policy));
    return c.phases;
  }

  #call(path, args, api, ctx) {
    return new Call(path, api, ctx, args, null, null, -1);
  }

  /** §5: the hooks of `type` for `path`, from the cached per-path plan. */
  getHooksForPath(type, path) {
    if (!isHookType(type)) return [];
    return this.#hooks(type, path);
  }

  // Each execute*Hooks answers an empty phase at once (slothlet calls them on
  // every API call); the rest runs the generated phase of a hot plan or the
  // generic one, and reads their answer in one place.

  /** §8.2 */
  executeBeforeHooks(path, args, api, ctx) {
    const plan = this.#plan(path);
    return plan.before.length === 0 ? { args, shortCircuit: false } : this.#beforeResult(this.#before(plan, path, args, api, ctx));
  }

  /** The before phase: the final args, or a Call that short-circuited or failed. */
  #before(plan, path, args, api, ctx) {
    const pm = this.#permissions();
    if (pm === null) {
      const phases = this.#phases(plan);
      if (phases !== null) return phases.before(path, args, api, ctx);
    }
    const list = pm === null ? plan.before : this.#allowed(pm, plan.before, "before", path);
    if (list.length === 0) return args;
    const call = this.#call(path, args, api, ctx);
    const s = beforePhase(this.#policy, call, list);
    if (s === CONTINUE) return call.args;
    call.status = s;
    return call;
  }

  #beforeResult(r) {
    if (!(r instanceof Call)) return { args: r, shortCircuit: false };
    if (r.status === SHORT) return { args: r.args, shortCircuit: true, value: r.value };
    if (this.suppressErrors) return { args: r.args, shortCircuit: true, value: undefined };
    throw r.error;
  }

  /** §8.6 */
  executeAfterHooks(path, result, args, api, ctx) {
    const plan = this.#plan(path);
    if (plan.after.length === 0) return NOT_MODIFIED;
    const r = this.#after(plan, path, result, args, api, ctx);
    if (r instanceof Call) throw r.error;
    return r !== result ? { modified: true, result: r } : NOT_MODIFIED;
  }

  /** The after phase: the final result, or a Call that failed (not suppressed). */
  #after(plan, path, result, args, api, ctx) {
    const pm = this.#permissions();
    if (pm === null) {
      const phases = this.#phases(plan);
      if (phases !== null) return phases.after(path, result, args, api, ctx);
    }
    const list = pm === null ? plan.after : this.#allowed(pm, plan.after, "after", path);
    if (list.length === 0) return result;
    const call = this.#call(path, args, api, ctx);
    const r = afterPhase(this.#policy, call, list, result);
    if (r !== FAIL) return r;
    call.status = FAILED;
    return call;
  }

  /** §8.7 */
  executeAlwaysHooks(path, args, resultOrError, hasError = false, errors = [], api, ctx) {
    const plan = this.#plan(path);
    if (plan.always.length !== 0) this.#always(plan, path, args, resultOrError, hasError, errors, api, ctx);
    return undefined;
  }

  #always(plan, path, args, resultOrError, hasError, errors, api, ctx) {
    const pm = this.#permissions();
    if (pm === null) {
      const phases = this.#phases(plan);
      if (phases !== null) return phases.always(path, args, resultOrError, hasError, errors, api, ctx);
    }
    const list = pm === null ? plan.always : this.#allowed(pm, plan.always, "always", path);
    if (list.length !== 0) alwaysPhase(this.#policy, this.#call(path, args, api, ctx), list, resultOrError, hasError, errors);
    return undefined;
  }

  /** §8.8: marks every object error it is given, delivered or not (slothlet's call path relies on it). */
  executeErrorHooks(path, error, source, args, api, ctx) {
    errorPhase(this.#policy, this.#call(path, args, api, ctx), error, source);
    return undefined;
  }

  // ------------------------------------------------------------ diagnostics

  getCompilePatternForDiagnostics() {
    return (pattern) => this.#engine.compilePattern(pattern);
  }

  // --------------------------------------------------------------- reload

  /** §10.7: one record per registration, in registration order. */
  exportHooks() {
    return this.#engine
      .list({}, undefined)
      .sort((a, b) => a.entry.order - b.entry.order)
      .map(({ entry, enabled }) => ({
        typePattern: typePatternOf(entry.pattern, entry.type),
        handler: entry.handler,
        options: { id: entry.id, priority: entry.priority, subset: entry.subset, lockCaller: entry.lockCaller },
        ownerPath: entry.ownerPath,
        ownerFilePath: entry.ownerFilePath,
        enabled,
      }));
  }

  /** §10.7: replays records through on(); non-arrays are a no-op. */
  importHooks(registrations) {
    if (!Array.isArray(registrations)) return;
    for (const r of registrations) {
      // the record's owner goes through #register's private parameter, never through options
      const id = this.#register(r.typePattern, r.handler, { ...r.options }, recordOwner(r));
      if (r.enabled === false) this.disable({ id });
    }
  }

  /** Clears every registration and resets the id counter; flags and filter stay. */
  async shutdown() {
    this.#engine.clearAll();
  }
}

export default HookManager;
