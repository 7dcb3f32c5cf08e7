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

// ------------------------------------------------------- call-path pieces
//
// Shared by the generic runner below and the generated ones: everything
// except the successful before/after loops.

/** "Keep going" from afterFailed: the error was suppressed. */
const CONTINUE = Symbol("slothook.continue");
/** From settleTarget: the result is not a thenable. */
const NOT_THENABLE = Symbol("slothook.notThenable");

function newCall(path, plan, api, ctx) {
  return { path, plan, api, ctx, reported: NONE };
}

/** A before hook threw (or returned a thenable): §8.2 / §8.4. */
function beforeFailed(rt, plan, path, api, ctx, args, cur, err, entry) {
  const call = newCall(path, plan, api, ctx);
  errorPhase(rt, call, cur, err, hookSource("before", entry, err));
  // The call never received rewritten args: always hooks see the original ones (§8.4).
  if (!rt.suppress) return fail(rt, call, args, err);
  alwaysPhase(rt, call, cur, undefined, false, []);
  return undefined;
}

/** A before hook short-circuited with `value`: always phase, then the value (§8.10). */
function shortCircuit(rt, plan, path, api, ctx, args, value) {
  alwaysPhase(rt, newCall(path, plan, api, ctx), args, value, false, []);
  return value;
}

/** The target threw synchronously (§8.4). */
function targetFailed(rt, plan, path, api, ctx, args, err) {
  return fail(rt, newCall(path, plan, api, ctx), args, err);
}

/** An object result: chain it when it is a thenable (§8.5), else NOT_THENABLE. */
function settleTarget(rt, plan, path, api, ctx, args, R) {
  let then;
  try {
    then = R.then;
  } catch (err) {
    return fail(rt, newCall(path, plan, api, ctx), args, err);
  }
  if (typeof then !== "function") return NOT_THENABLE;
  return chain(rt, newCall(path, plan, api, ctx), args, R, then);
}

/** An after hook threw: report; CONTINUE when suppressed, else fail (throws). */
function afterFailed(rt, plan, path, api, ctx, args, err, entry) {
  const call = newCall(path, plan, api, ctx);
  errorPhase(rt, call, args, err, hookSource("after", entry, err));
  if (rt.suppress) return CONTINUE;
  return fail(rt, call, args, err);
}

/** The registry changed during the call: finish with the generic phases (§11.11). */
function finishSync(rt, path, api, ctx, args, R) {
  const call = newCall(path, rt.engine.plan(path), api, ctx);
  let result;
  try {
    result = afterPhase(rt, call, args, R);
  } catch (err) {
    return fail(rt, call, args, err);
  }
  alwaysPhase(rt, call, args, result, false, []);
  return result;
}

/** The always phase of a successful synchronous call. */
function succeeded(rt, plan, path, api, ctx, args, result) {
  if (plan.generation !== rt.engine.state[GENERATION]) plan = rt.engine.plan(path);
  if (plan.always.length !== 0) alwaysPhase(rt, newCall(path, plan, api, ctx), args, result, false, []);
  return result;
}

/**
 * One call of a path that has hooks (the generic runner). `plan` is
 * current; `args` is a fresh array of the call's arguments.
 */
function runHooked(rt, plan, path, target, thisArg, args, api) {
  const ctx = rt.ctx();

  // before phase (§8.2)
  const before = plan.before;
  if (before.length !== 0) {
    let cur = args;
    let i = 0;
    try {
      for (; i < before.length; i++) {
        const e = before[i];
        const r = e.handler.call(e.self, { path, args: cur, api, ctx });
        if (r === undefined) continue;
        if (Array.isArray(r)) {
          cur = r;
          continue;
        }
        if (typeof r === "object" && r !== null && typeof r.then === "function") throw returnedPromise(e, path);
        return shortCircuit(rt, plan, path, api, ctx, cur, r);
      }
    } catch (err) {
      return beforeFailed(rt, plan, path, api, ctx, args, cur, err, before[i]);
    }
    args = cur;
  }

  // the target (§8.3)
  let R;
  try {
    R = target.apply(thisArg, args);
  } catch (err) {
    return targetFailed(rt, plan, path, api, ctx, args, err);
  }
  if (typeof R === "object" && R !== null) {
    const out = settleTarget(rt, plan, path, api, ctx, args, R);
    if (out !== NOT_THENABLE) return out;
  }

  // synchronous success (§8.4)
  if (plan.generation !== rt.engine.state[GENERATION]) return finishSync(rt, path, api, ctx, args, R);
  const after = plan.after;
  let result = R;
  for (let i = 0; i < after.length; i++) {
    const e = after[i];
    try {
      const r = e.handler.call(e.self, { path, args, result, api, ctx });
      if (r !== undefined) result = r;
    } catch (err) {
      afterFailed(rt, plan, path, api, ctx, args, err, e);
    }
  }
  // "modified" is strict identity: replacing 0 by -0 leaves 0 (§8.6).
  if (result === R) result = R;
  return succeeded(rt, plan, path, api, ctx, args, result);
}

// ------------------------------------------------------ generated runners
//
// A hot plan gets a runner generated for its exact before/after hooks (the
// technique tapable uses): each handler is a constant at its own call site,
// so V8 can inline it and drop the context objects it does not keep. The
// runner does what runHooked does, unrolled; every slow path goes through
// the shared pieces above. Runners are shared by all plans with the same
// before/after entries and dropped when any hook is removed.

/** Calls of a plan before it gets a generated runner. */
const HOT_CALLS = 32;
/** Longest before/after list that gets a generated runner. */
const MAX_UNROLLED = 16;

const pieces = { isArray: Array.isArray, returnedPromise, shortCircuit, beforeFailed, targetFailed, settleTarget, NOT_THENABLE, afterFailed, finishSync, succeeded, GENERATION };

let codegen = true;

function generateRunner(plan) {
  const nb = plan.before.length;
  const na = plan.after.length;
  const names = ["P"];
  const values = [pieces];
  let src = "const { isArray, returnedPromise, shortCircuit, beforeFailed, targetFailed, settleTarget, NOT_THENABLE, afterFailed, finishSync, succeeded, GENERATION } = P;\n";
  src += "return function run(rt, plan, path, target, thisArg, args, api) {\n";
  src += "  const ctx = rt.ctx();\n  let r;\n";
  if (nb !== 0) {
    src += "  let cur = args;\n  let i = 0;\n  try {\n";
    for (let k = 0; k < nb; k++) {
      names.push(`b${k}`, `bs${k}`);
      values.push(plan.before[k].handler, plan.before[k].self);
      src += `    i = ${k};\n    r = b${k}.call(bs${k}, { path, args: cur, api, ctx });\n`;
      src += "    if (r !== undefined) {\n";
      src += "      if (isArray(r)) cur = r;\n";
      src += `      else if (typeof r === "object" && r !== null && typeof r.then === "function") throw returnedPromise(plan.before[${k}], path);\n`;
      src += "      else return shortCircuit(rt, plan, path, api, ctx, cur, r);\n    }\n";
    }
    src += "  } catch (err) {\n    return beforeFailed(rt, plan, path, api, ctx, args, cur, err, plan.before[i]);\n  }\n  args = cur;\n";
  }
  src += "  let R;\n  try {\n    R = target.apply(thisArg, args);\n  } catch (err) {\n    return targetFailed(rt, plan, path, api, ctx, args, err);\n  }\n";
  src += "  if (typeof R === \"object\" && R !== null) {\n    const out = settleTarget(rt, plan, path, api, ctx, args, R);\n    if (out !== NOT_THENABLE) return out;\n  }\n";
  src += "  if (plan.generation !== rt.engine.state[GENERATION]) return finishSync(rt, path, api, ctx, args, R);\n";
  src += "  let result = R;\n";
  for (let k = 0; k < na; k++) {
    names.push(`a${k}`, `as${k}`);
    values.push(plan.after[k].handler, plan.after[k].self);
    src += `  try {\n    r = a${k}.call(as${k}, { path, args, result, api, ctx });\n    if (r !== undefined) result = r;\n  } catch (err) {\n    afterFailed(rt, plan, path, api, ctx, args, err, plan.after[${k}]);\n  }\n`;
  }
  src += "  if (result === R) result = R;\n  return succeeded(rt, plan, path, api, ctx, args, result);\n};\n";
  // eslint-disable-next-line no-new-func
  return new Function(...names, src)(...values);
}

/**
 * The runner for a plan that just became hot: a shared generated one, or
 * the generic runner when code generation is unavailable (e.g. node
 * --disallow-code-generation-from-strings) or the lists are long.
 */
function runnerFor(engine, plan) {
  if (!codegen || plan.before.length > MAX_UNROLLED || plan.after.length > MAX_UNROLLED) return runHooked;
  let key = "";
  for (const e of plan.before) key += e.serial + ",";
  key += "|";
  for (const e of plan.after) key += e.serial + ",";
  const cache = engine.runners;
  let run = cache.get(key);
  if (run === undefined) {
    try {
      run = generateRunner(plan);
    } catch {
      codegen = false;
      return runHooked;
    }
    if (cache.size >= 1024) cache.clear();
    cache.set(key, run);
  }
  return run;
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
    let run = plan.run;
    if (run === null && ++plan.calls === HOT_CALLS) run = plan.run = runnerFor(engine, plan);
    return (run === null ? runHooked : run)(rt, plan, path, target, thisArg, args, root.api);
  }

  try {
    Object.defineProperty(wrapped, "name", { value: target.name, configurable: true });
    Object.defineProperty(wrapped, "length", { value: target.length, configurable: true });
  } catch {
    // a hostile `name`/`length` getter: keep the wrapper's own
  }
  return wrapped;
}

module.exports = { makeWrapped, runHooked, runnerFor, HOT_CALLS, MARKER, isMarked, mark, errorTypeOf, stackOf };
