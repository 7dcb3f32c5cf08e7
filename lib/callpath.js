"use strict";
// The standalone call path (spec §8 with the standalone rules of §11): runs
// one intercepted call from the cached per-path plan. Never crosses into Rust
// per call: the plan is rebuilt only when the shared generation counter moved.
//
// Shape of the hot path (modelled on diagnostics_channel): the wrapper reads
// two Uint32Array slots — the global flag and the generation — and, when no
// hook runs for its path, calls the target straight away. Only a path with
// hooks enters `runHooked`, and each phase there touches only the lists the
// plan has.

const { HookError } = require("./errors.js");
const { GENERATION, ENABLED } = require("./engine.js");

/** The de-duplication marker shared with slothlet (§8.13). */
const MARKER = Symbol.for("@cldmv/slothlet/hook-error-processed");

/** Per-call "nothing reported yet". */
const NONE = Symbol("slothook.none");

// ------------------------------------------------------------------ helpers

function isMarked(err) {
  if (err === null || typeof err !== "object") return false;
  try {
    return err[MARKER] === true;
  } catch {
    return false;
  }
}

function mark(err) {
  if (err === null || typeof err !== "object") return;
  try {
    err[MARKER] = true;
  } catch {
    // Frozen or hostile objects can't carry the marker; the call tracks what
    // it reported instead (§11.10).
  }
}

function stackOf(err) {
  if (err === null || (typeof err !== "object" && typeof err !== "function")) return undefined;
  try {
    return err.stack;
  } catch {
    return undefined;
  }
}

/** The constructor name of a thrown value, "Error" when there is none (§8.8). */
function errorTypeOf(err) {
  if (err === null || err === undefined) return "Error";
  try {
    const ctor = err.constructor;
    const name = ctor === null || ctor === undefined ? undefined : ctor.name;
    return typeof name === "string" && name !== "" ? name : "Error";
  } catch {
    return "Error";
  }
}

function hookSource(type, entry, err) {
  return { type, subset: entry.subset, hookTag: entry.id, hookId: entry.id, timestamp: Date.now(), stack: stackOf(err) };
}

function functionSource(err) {
  return { type: "function", timestamp: Date.now(), stack: stackOf(err) };
}

/** A before hook's thenable is an error of that hook (§8.2). */
function returnedPromise(entry, path) {
  return new HookError("HOOK_BEFORE_RETURNED_PROMISE", { id: entry.id, path }, { validationError: true });
}

/** The plan current at the start of a phase (§11.11). */
function current(rt, call) {
  const p = call.plan;
  if (p.generation === rt.engine.state[GENERATION]) return p;
  return (call.plan = rt.engine.plan(call.path));
}

// ------------------------------------------------------------------ phases

/**
 * Error phase (§8.8): marks object errors, then runs every error hook;
 * a throwing error hook is swallowed and never reported.
 */
function errorPhase(rt, call, args, err, source) {
  mark(err);
  call.reported = err;
  const list = current(rt, call).error;
  if (list.length === 0) return;
  const errorType = errorTypeOf(err);
  const { path, api, ctx } = call;
  for (let i = 0; i < list.length; i++) {
    const e = list[i];
    try {
      e.handler.call(e.self, { path, args, error: err, errorType, source, timestamp: new Date(), api, ctx });
    } catch (hookErr) {
      rt.onErrorHookFailure(path, hookErr);
    }
  }
}

/** Always phase (§8.7): observers only; their throws are reported, never rethrown. */
function alwaysPhase(rt, call, args, result, hasError, errors) {
  const list = current(rt, call).always;
  if (list.length === 0) return;
  const { path, api, ctx } = call;
  const shown = hasError ? undefined : result;
  for (let i = 0; i < list.length; i++) {
    const e = list[i];
    try {
      e.handler.call(e.self, { path, args, result: shown, hasError, errors, api, ctx });
    } catch (err) {
      errorPhase(rt, call, args, err, hookSource("always", e, err));
    }
  }
}

/**
 * After phase (§8.6). Returns the final result; a hook error is rethrown
 * unless errors are suppressed (then the next hook continues).
 */
function afterPhase(rt, call, args, value) {
  const list = current(rt, call).after;
  let result = value;
  if (list.length === 0) return result;
  const { path, api, ctx } = call;
  for (let i = 0; i < list.length; i++) {
    const e = list[i];
    try {
      const r = e.handler.call(e.self, { path, args, result, api, ctx });
      if (r !== undefined) result = r;
    } catch (err) {
      errorPhase(rt, call, args, err, hookSource("after", e, err));
      if (!rt.suppress) throw err;
    }
  }
  // "modified" is strict identity: replacing 0 by -0 leaves 0 (§8.6).
  return result !== value ? result : value;
}

/** A failure of the call (§8.4): report once, always phase, then the outcome. */
function fail(rt, call, args, err) {
  if (!(call.reported !== NONE && Object.is(call.reported, err)) && !isMarked(err)) {
    errorPhase(rt, call, args, err, functionSource(err));
  }
  alwaysPhase(rt, call, args, undefined, true, [err]);
  if (rt.suppress) return undefined;
  throw err;
}

/** The thenable timeline (§8.5): after/always/error run on settlement. */
function chain(rt, call, args, R, then) {
  const onFulfilled = (v) => {
    let result;
    try {
      result = afterPhase(rt, call, args, v);
    } catch (err) {
      // Reported once by the after phase (§11 (f)).
      alwaysPhase(rt, call, args, undefined, true, [err]);
      throw err;
    }
    alwaysPhase(rt, call, args, result, false, []);
    return result;
  };
  const onRejected = (e) => {
    if (!isMarked(e)) errorPhase(rt, call, args, e, functionSource(e));
    alwaysPhase(rt, call, args, undefined, true, [e]);
    if (rt.suppress) return undefined;
    throw e;
  };
  try {
    return rt.chainThen(R, then, onFulfilled, onRejected);
  } catch (err) {
    // A custom thenable whose `then` throws: a synchronous failure without
    // an always phase (§8.5).
    if (!isMarked(err)) errorPhase(rt, call, args, err, functionSource(err));
    if (rt.suppress) return undefined;
    throw err;
  }
}

/**
 * One call of a path that has hooks. `plan` is current; `args` is a fresh
 * array of the call's arguments.
 */
function runHooked(rt, path, plan, target, thisArg, args, api) {
  const call = { path, plan, api, ctx: rt.ctx(), reported: NONE };

  // before phase (§8.2)
  const before = plan.before;
  if (before.length !== 0) {
    let cur = args;
    let i = 0;
    let value;
    let short = false;
    try {
      for (; i < before.length; i++) {
        const e = before[i];
        const r = e.handler.call(e.self, { path, args: cur, api, ctx: call.ctx });
        if (r === undefined) continue;
        if (Array.isArray(r)) {
          cur = r;
          continue;
        }
        if (typeof r === "object" && r !== null && typeof r.then === "function") throw returnedPromise(e, path);
        value = r;
        short = true;
        break;
      }
    } catch (err) {
      errorPhase(rt, call, cur, err, hookSource("before", before[i], err));
      if (!rt.suppress) {
        // The call never received rewritten args: always hooks see the original ones (§8.4).
        return fail(rt, call, args, err);
      }
      value = undefined;
      short = true;
    }
    args = cur;
    if (short) {
      alwaysPhase(rt, call, args, value, false, []);
      return value;
    }
  }

  // the target (§8.3)
  let R;
  try {
    R = target.apply(thisArg, args);
  } catch (err) {
    return fail(rt, call, args, err);
  }
  if (typeof R === "object" && R !== null) {
    let then;
    try {
      then = R.then;
    } catch (err) {
      return fail(rt, call, args, err);
    }
    if (typeof then === "function") return chain(rt, call, args, R, then);
  }

  // synchronous success (§8.4)
  let result;
  try {
    result = afterPhase(rt, call, args, R);
  } catch (err) {
    return fail(rt, call, args, err);
  }
  alwaysPhase(rt, call, args, result, false, []);
  return result;
}

/**
 * Makes the intercepted version of `target` for `path`.
 *
 * @param {object} rt the hooks instance's runtime (engine, suppress, ctx(), chainThen, onErrorHookFailure)
 * @param {string} path
 * @param {Function} target
 * @param {object | undefined} receiver the fixed `this` (the original parent object), or undefined for the call's own `this`
 * @param {{ api: unknown }} root holder of the handler context's `api`
 */
function makeWrapped(rt, path, target, receiver, root) {
  const engine = rt.engine;
  const state = engine.state;
  // The gate (§8.1): paths under slothlet.hook never run hooks.
  const gated = path.startsWith("slothlet.hook");
  let plan = null;
  let planGeneration = -1;

  function wrapped() {
    if (new.target !== undefined) {
      return Reflect.construct(target, arguments, new.target === wrapped ? target : new.target);
    }
    const thisArg = receiver === undefined ? this : receiver;
    if (state[ENABLED] === 0 || gated) return target.apply(thisArg, arguments);
    if (planGeneration !== state[GENERATION]) {
      plan = engine.plan(path);
      planGeneration = plan.generation;
    }
    if (plan.empty) return target.apply(thisArg, arguments);
    const n = arguments.length;
    const args = new Array(n);
    for (let i = 0; i < n; i++) args[i] = arguments[i];
    return runHooked(rt, path, plan, target, thisArg, args, root.api);
  }

  try {
    Object.defineProperty(wrapped, "name", { value: target.name, configurable: true });
    Object.defineProperty(wrapped, "length", { value: target.length, configurable: true });
  } catch {
    // a hostile `name`/`length` getter: keep the wrapper's own
  }
  return wrapped;
}

module.exports = { makeWrapped, runHooked, MARKER, isMarked, mark, errorTypeOf, stackOf };
