"use strict";
// The one module that runs hooks (spec §8 with §11): the before / target /
// after / always / error phases, the de-duplication marker, suppressErrors,
// error-source objects and the thenable timeline are written here once, and
// nowhere else. Two adapters run on it:
//
//   * the standalone call path (lib/callpath.js): whole calls, from a plan
//     cached per wrapped function, with §11's standalone rules;
//   * the slothlet seam (lib/slothlet/hook-manager.mjs): one phase per
//     `execute*Hooks` call, slothlet's call path around them.
//
// What differs between the two is a small *policy* object (`makePolicy`):
// how a hook error's `stack` is read, whether suppression is on for hook
// phases, the marker rule, how a before hook's promise becomes an error, where
// a failing error hook is reported, which error hooks are current, and how a
// `once` hook is consumed. The loops are not copied.
//
// Hot plans run through *generated runners* (the technique of tapable's
// HookCodeFactory): code emitted below for the plan's exact before / after /
// always hooks, so each handler is a constant at its own call site and V8
// can inline it together with the context object it receives. A generated
// runner only unrolls the successful path; every failure, short-circuit,
// thenable and registry change goes through the generic functions of this
// module, so each rule still exists once. Each emitted source text is unique
// (V8 shares type feedback between functions compiled from identical text).

/** The generation counter's slot in the shared state array (the core's layout). */
const { GENERATION } = require("./engine.js");

/** The de-duplication marker shared with slothlet (§8.13). */
const MARKER = Symbol.for("@cldmv/slothlet/hook-error-processed");

/** Nothing reported yet in this call. */
const NONE = Symbol("slothook.none");
/** afterPhase's result when a hook failed and errors are not suppressed. */
const FAIL = Symbol("slothook.fail");

// beforePhase's outcomes
const CONTINUE = 0;
const SHORT = 1;
const FAILED = 2;

// beforeVerdict's answers: what a before hook's non-undefined return means (§8.2)
const ARGS = 0;
const SHORT_VALUE = 1;
const THENABLE = 2;

// ------------------------------------------------------------------ values

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
    // Frozen or hostile objects can't carry the marker; each call tracks what
    // it reported instead (§11.10).
  }
}

/** A thrown value's `stack`, never throwing (standalone, §11 (e)). */
function safeStack(err) {
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

/** A non-null object with a callable `then` (§8.3); functions never are. */
function isThenable(r) {
  return typeof r === "object" && r !== null && typeof r.then === "function";
}

/** A before hook's array return becomes the args (§8.2). */
const isArgs = Array.isArray;

/** What a before hook's return value `r` (not undefined) means (§8.2). */
function beforeVerdict(r) {
  if (isArgs(r)) return ARGS;
  return isThenable(r) ? THENABLE : SHORT_VALUE;
}

const ignore = () => {};

/**
 * A handler returned a thenable whose rejection nobody else will see (§11 (q)):
 * attach `onRejected` (never throwing back into the phase).
 */
function watchRejection(r, onRejected) {
  try {
    r.then(undefined, onRejected);
  } catch {
    // a hostile thenable: nothing to watch
  }
}

// ------------------------------------------------------------------ policy

/**
 * What an adapter decides for the phases. Every field is required; see the
 * two adapters for the two configurations.
 *
 * @param {object} p
 * @param {boolean} p.suppress a hook error is swallowed (before → short-circuit with undefined; after → next hook)
 * @param {boolean} p.markAll mark every error given to the error phase (seam, §8.8) rather than only those an error hook received (§11 (n))
 * @param {(err: unknown) => unknown} p.stackOf a hook error's `stack` for its source object
 * @param {(entry: object, path: string) => unknown} p.returnedPromise the error for a before hook that returned a thenable
 * @param {(path: string, err: unknown) => void} p.errorHookFailed a throwing error hook (swallowed)
 * @param {(call: object) => object[]} p.errorHooks the error hooks current for the call (§11.11)
 * @param {(entry: object) => boolean} p.consume a `once` hook starts running: false when it already has
 */
const POLICY = ["suppress", "markAll", "stackOf", "returnedPromise", "errorHookFailed", "errorHooks", "consume"];
function makePolicy(p) {
  for (const k of POLICY) if (!(k in p)) throw new TypeError(`execution policy without ${k}`);
  return p;
}

// --------------------------------------------------------- error sources (§8.12)

function hookSource(P, type, e, err) {
  return { type, subset: e.subset, hookTag: e.id, hookId: e.id, timestamp: Date.now(), stack: P.stackOf(err) };
}

function functionSource(P, err) {
  return { type: "function", timestamp: Date.now(), stack: P.stackOf(err) };
}

// ------------------------------------------------------------------ phases
//
// `call` carries what handlers see (path, args, api, ctx) and what the call
// has reported so far (`reported`); `list` is the phase's hooks, read by the
// adapter when the phase starts.

/** §8.2. CONTINUE (call.args may be replaced), SHORT (call.value) or FAILED (call.error, reported). */
function beforePhase(P, call, list) {
  for (let i = 0; i < list.length; i++) {
    const e = list[i];
    if (e.once === true && !P.consume(e)) continue;
    let r;
    try {
      r = e.handler.call(e.self, { path: call.path, args: call.args, api: call.api, ctx: call.ctx });
    } catch (err) {
      return beforeFailed(P, call, e, err);
    }
    if (r === undefined) continue;
    const verdict = beforeVerdict(r);
    if (verdict === ARGS) {
      call.args = r;
      continue;
    }
    if (verdict === SHORT_VALUE) {
      call.value = r;
      return SHORT;
    }
    watchRejection(r, ignore); // §11 (q): the hook's own promise is not an unhandled rejection
    return beforeFailed(P, call, e, P.returnedPromise(e, call.path));
  }
  return CONTINUE;
}

/** A before hook threw (or returned a thenable): report it, remember it. */
function beforeFailed(P, call, e, err) {
  errorPhase(P, call, err, hookSource(P, "before", e, err));
  call.error = err;
  return FAILED;
}

/**
 * §8.6. The final result; FAIL (call.error, reported) when a hook failed and
 * errors are not suppressed. Suppressed failures are collected in
 * call.failures (§11 (p)) and the next hook continues. `from` > 0 resumes a
 * phase a generated runner started (`value` is then the result so far).
 */
function afterPhase(P, call, list, value, from = 0) {
  let result = value;
  for (let i = from; i < list.length; i++) {
    const e = list[i];
    if (e.once === true && !P.consume(e)) continue;
    let r;
    try {
      r = e.handler.call(e.self, { path: call.path, args: call.args, result, api: call.api, ctx: call.ctx });
    } catch (err) {
      if (afterFailed(P, call, e, err)) continue;
      return FAIL;
    }
    if (r !== undefined) result = r;
  }
  // "modified" is strict identity: replacing 0 by -0 leaves 0 (§8.6).
  return result === value ? value : result;
}

/** An after hook threw: report it; true when suppressed (the chain continues). */
function afterFailed(P, call, e, err) {
  errorPhase(P, call, err, hookSource(P, "after", e, err));
  call.error = err;
  if (!P.suppress) return false;
  (call.failures ??= []).push(err);
  return true;
}

/** §8.7: observers; a throw (or rejection, §11 (q)) is reported, never rethrown. `from` as afterPhase's. */
function alwaysPhase(P, call, list, result, hasError, errors, from = 0) {
  const shown = hasError ? undefined : result;
  for (let i = from; i < list.length; i++) {
    const e = list[i];
    if (e.once === true && !P.consume(e)) continue;
    try {
      const r = e.handler.call(e.self, {
        path: call.path,
        args: call.args,
        result: shown,
        hasError,
        errors,
        api: call.api,
        ctx: call.ctx,
      });
      if (r !== undefined && isThenable(r)) alwaysReturned(P, call, e, r);
    } catch (err) {
      errorPhase(P, call, err, hookSource(P, "always", e, err));
    }
  }
}

/** §11 (q): an always handler's rejection is reported like its throw. */
function alwaysReturned(P, call, e, r) {
  watchRejection(r, (err) => errorPhase(P, call, err, hookSource(P, "always", e, err)));
}

/**
 * §8.8: every error hook current for the call sees the error; a throwing (or
 * rejecting) error hook is swallowed and never reported.
 */
function errorPhase(P, call, err, source) {
  if (P.markAll) mark(err);
  const list = P.errorHooks(call);
  call.reported = err;
  if (list.length === 0) return;
  // §11 (n): the marker means "delivered to an error hook".
  if (!P.markAll) mark(err);
  const errorType = errorTypeOf(err);
  const { path, args, api, ctx } = call;
  for (let i = 0; i < list.length; i++) {
    const e = list[i];
    if (e.once === true && !P.consume(e)) continue;
    try {
      const r = e.handler.call(e.self, { path, args, error: err, errorType, source, timestamp: new Date(), api, ctx });
      if (r !== undefined && isThenable(r)) watchRejection(r, (hookErr) => P.errorHookFailed(path, hookErr));
    } catch (hookErr) {
      P.errorHookFailed(path, hookErr);
    }
  }
}

// ------------------------------------------------- the standalone timeline
//
// A call of a wrapped function (a *cell*, lib/callpath.js) that has hooks to
// run, or that needs the call path anyway (suppression, an async target).
// `cell` supplies: rt (policy, engine state, ctx()), path, target, receiver,
// root (holder of `api`), isAsync, plan and g (the plan's generation), and
// current() (the plan as it stands now, §11.11).

/** One call's state for the generic functions. */
class Call {
  constructor(path, api, ctx, args, cell, plan, g) {
    this.cell = cell;
    /** The plan this call runs and the generation it was current at (standalone). */
    this.plan = plan;
    this.g = g;
    this.path = path;
    this.api = api;
    this.ctx = ctx;
    this.args = args;
    this.reported = NONE;
    this.failures = null;
    this.error = undefined;
    this.value = undefined;
    /** The seam's phases: how a before/after phase ended when it did not just continue. */
    this.status = CONTINUE;
    /**
     * A traced call's record of a failure the caller does not see
     * (suppressErrors): { failed, error } (lib/tracing.js), or null.
     */
    this.trace = null;
  }
}

/** A Call of a cell running `plan`, current at generation `g`. */
function callOf(cell, ctx, args, plan, g) {
  return new Call(cell.path, cell.root.api, ctx, args, cell, plan, g);
}

/**
 * The call's plan as the registry stands now (§11.11: each phase uses the
 * registry as it stands when the phase starts).
 */
function current(call) {
  const g = call.cell.rt.state[GENERATION];
  if (g !== call.g) {
    call.plan = call.cell.rt.engine.plan(call.path);
    call.g = g;
  }
  return call.plan;
}

/** The receiver the target runs with. */
function thisFor(cell, self) {
  return cell.receiver === undefined ? self : cell.receiver;
}

/** What an async target's caller gets for a value that did not come from the target (§11 (o)). */
function resolved(cell, v) {
  return cell.isAsync ? Promise.resolve(v) : v;
}

/**
 * The outcome of a failed call (§8.4 step 2, §11 (j)(n)(o)): undefined when
 * suppressed, else the error — thrown, or a rejected promise for an async
 * target, or thrown inside a settlement callback (which rejects the chain).
 */
function outcome(call, err, settling) {
  const { cell } = call;
  if (cell.rt.policy.suppress) {
    if (call.trace !== null) suppressedFailure(call.trace, err);
    return settling ? undefined : resolved(cell, undefined);
  }
  if (!settling && cell.isAsync) return Promise.reject(err);
  throw err;
}

/**
 * A traced call failed and the caller will not see it (suppressErrors): the
 * trace still publishes `error` with the call's first failure, the one the
 * caller would have received without suppression.
 */
function suppressedFailure(trace, err) {
  if (trace.failed) return;
  trace.failed = true;
  trace.error = err;
}

/** The failures the always phase sees (§11 (p)): every failure of the call, in order. */
function failuresWith(call, err) {
  const f = call.failures;
  if (f === null) return [err];
  if (f[f.length - 1] !== err) f.push(err);
  return f;
}

/**
 * The call failed with `err` (a before hook rethrown, the target, an after
 * hook): report it once, run the always phase, then the outcome.
 */
function failCall(call, err, settling) {
  const P = call.cell.rt.policy;
  if (!(call.reported !== NONE && Object.is(call.reported, err)) && !isMarked(err)) {
    errorPhase(P, call, err, functionSource(P, err));
  }
  alwaysPhase(P, call, current(call).always, undefined, true, failuresWith(call, err));
  return outcome(call, err, settling);
}

/** A before hook short-circuited with `value` (§8.10). */
function shortCircuited(call, value) {
  alwaysPhase(call.cell.rt.policy, call, current(call).always, value, false, []);
  return resolved(call.cell, value);
}

/**
 * A before hook failed (already reported). The call never received rewritten
 * args, so always hooks see the original ones (§8.4); with suppression they
 * still learn of the failure (§11 (p)).
 */
function beforeFailedCall(call, originalArgs) {
  call.args = originalArgs;
  return failCall(call, call.error, false);
}

/**
 * The target succeeded with `value` (synchronously, §8.4, or on fulfilment,
 * §8.5 with `settling`): the after and always phases, from the plan as it
 * stands now.
 */
function afterAndAlways(call, value, settling) {
  const P = call.cell.rt.policy;
  let result = value;
  const after = current(call).after;
  if (after.length !== 0) {
    result = afterPhase(P, call, after, value);
    if (result === FAIL) return failCall(call, call.error, settling);
  }
  return succeeded(call, result);
}

/** The always phase of a call whose after phase completed (§8.7, §11 (p)); returns the result. */
function succeeded(call, result) {
  const P = call.cell.rt.policy;
  const always = current(call).always;
  if (call.failures !== null) {
    if (call.trace !== null) suppressedFailure(call.trace, call.failures[0]);
    alwaysPhase(P, call, always, undefined, true, call.failures);
  } else alwaysPhase(P, call, always, result, false, []);
  return result;
}

/** The thenable timeline (§8.5): after / always / error run on settlement, once (§11 (r)). */
function chain(call, R, then) {
  const P = call.cell.rt.policy;
  let settled = false;
  const onFulfilled = (v) => {
    if (settled) return undefined;
    settled = true;
    return afterAndAlways(call, v, true);
  };
  const onRejected = (e) => {
    if (settled) return undefined;
    settled = true;
    return failCall(call, e, true);
  };
  try {
    return call.cell.rt.chainThen(R, then, onFulfilled, onRejected);
  } catch (err) {
    // A custom thenable that ran our callback synchronously: its outcome (a
    // rethrown failure) comes out of `then` as is.
    if (settled) throw err;
    // A custom thenable whose `then` throws: a synchronous failure without an
    // always phase (§8.5).
    settled = true;
    if (!isMarked(err)) errorPhase(P, call, err, functionSource(P, err));
    return outcome(call, err, false);
  }
}

/** Calls the target with the call's args; then the sync or thenable timeline. */
function runTarget(call, self) {
  const cell = call.cell;
  let R;
  try {
    R = Reflect.apply(cell.target, thisFor(cell, self), call.args);
  } catch (err) {
    return failCall(call, err, false);
  }
  return settle(call, R);
}

/** The target returned R. */
function settle(call, R) {
  if (typeof R === "object" && R !== null) {
    let then;
    try {
      then = R.then;
    } catch (err) {
      return failCall(call, err, false);
    }
    if (typeof then === "function") return chain(call, R, then);
  }
  return afterAndAlways(call, R, false);
}

/**
 * The generic runner: one call of `cell` with `args` (a fresh array the call
 * owns) from the cell's current plan. `trace` is a traced call's failure
 * record (lib/tracing.js), absent otherwise.
 */
function runCall(cell, self, args, trace = null) {
  const P = cell.rt.policy;
  const call = callOf(cell, cell.rt.ctx(), args, cell.plan, cell.g);
  call.trace = trace;
  const before = call.plan.before;
  if (before.length !== 0) {
    const s = beforePhase(P, call, before);
    if (s === SHORT) return shortCircuited(call, call.value);
    if (s === FAILED) return beforeFailedCall(call, args);
  }
  return runTarget(call, self);
}

// ------------------------------------------------- generated runners' exits
//
// Where a generated runner leaves its unrolled path, it hands the call to
// these. They build the Call the generic functions work on, from the cell's
// plan: the next phase reads its hooks as the registry stands then
// (current()), which is what §11.11 asks for. A hook or the target that
// throws lands in the runner's one catch, which hands `at` — the step that
// was running — to caught(); it finishes the call with the generic phases,
// resuming the runner's own lists (fixed when each phase started).

function exitCall(cell, ctx, args) {
  // The cell's plan is the one current at cell.g: current() compares that with
  // the registry now, so the next phase sees the registry as it stands.
  return new Call(cell.path, cell.root.api, ctx, args, cell, cell.plan, cell.g);
}

const exits = {
  /** The target with another argument count (or a `this`) than the direct call covers. */
  invoke(cell, self, args) {
    return Reflect.apply(cell.target, self, args);
  },
  isArgs,
  /** A before hook returned something other than undefined or an array. */
  stop(cell, ctx, args0, args, r, e) {
    const P = cell.rt.policy;
    const call = exitCall(cell, ctx, args);
    if (beforeVerdict(r) === SHORT_VALUE) return shortCircuited(call, r);
    watchRejection(r, ignore);
    beforeFailed(P, call, e, P.returnedPromise(e, cell.path));
    return beforeFailedCall(call, args0);
  },
  /**
   * The target returned a thenable (`then` a function), or the registry
   * changed during the call: the rest from the current plan (§11.11).
   */
  tail(cell, ctx, args, R, then) {
    const call = exitCall(cell, ctx, args);
    return typeof then === "function" ? chain(call, R, then) : afterAndAlways(call, R, false);
  },
  /** The original Promise.prototype.then: a result whose `then` is it is a native promise. */
  promiseThen: Promise.prototype.then,
  /** A native promise fulfilled after the registry changed: after and always phases from the current plan. */
  settled(cell, ctx, args, v) {
    return afterAndAlways(exitCall(cell, ctx, args), v, true);
  },
  /** A native promise rejected (§8.5 onRejected). */
  rejected(cell, ctx, args, e) {
    return failCall(exitCall(cell, ctx, args), e, true);
  },
  /** The always phase from the current plan (the registry changed during the after phase). */
  always(cell, ctx, args, result) {
    return succeeded(exitCall(cell, ctx, args), result);
  },
  /** An always hook returned something: a thenable's rejection is reported (§11 (q)). */
  returned(cell, ctx, args, r, e) {
    if (isThenable(r)) alwaysReturned(cell.rt.policy, exitCall(cell, ctx, args), e, r);
  },
  /** A `once` hook starts running: false when it already has. */
  once(cell, e) {
    return cell.rt.policy.consume(e);
  },
  /**
   * Step `at` threw `err`: before hook `at`, the target (at = before.length),
   * after hook `at - before.length - 1`, or always hook after those.
   */
  caught(cell, plan, at, ctx, args0, args, err, R, result, errors) {
    const P = cell.rt.policy;
    const call = exitCall(cell, ctx, args);
    const nb = plan.before.length;
    if (at < nb) {
      beforeFailed(P, call, plan.before[at], err);
      return beforeFailedCall(call, args0);
    }
    if (at === nb) return failCall(call, err, false);
    const k = at - nb - 1;
    const after = plan.after;
    if (k < after.length) {
      if (!afterFailed(P, call, after[k], err)) return failCall(call, err, false);
      result = afterPhase(P, call, after, result, k + 1);
      if (result === FAIL) return failCall(call, call.error, false);
      if (result === R) result = R;
      return succeeded(call, result);
    }
    const always = plan.always;
    const e = always[k - after.length];
    errorPhase(P, call, err, hookSource(P, "always", e, err));
    alwaysPhase(P, call, always, result, false, errors, k - after.length + 1);
    return result;
  },
};

// ------------------------------------------------------------------ emitter

/** Longest before/after/always list that gets a generated runner. */
const MAX_UNROLLED = 16;

/** Calls of a plan before it gets a generated runner. */
const HOT_CALLS = 32;

/**
 * SLOTHOOK_RUNNERS=generic never generates code (what runs where code
 * generation from strings is disallowed); =generated compiles every plan on
 * its first call. The test suites run in every mode.
 */
const MODE = process.env.SLOTHOOK_RUNNERS === "generic" || process.env.SLOTHOOK_RUNNERS === "generated" ? process.env.SLOTHOOK_RUNNERS : "auto";
const hotCalls = MODE === "generated" ? 1 : HOT_CALLS;

let codegen = MODE !== "generic";
/** fn() (which compiles generated code), or null where code generation from strings is unavailable. */
function generate(fn) {
  if (!codegen) return null;
  try {
    return fn();
  } catch (err) {
    if (err instanceof EvalError || (err && /code generation/i.test(String(err.message)))) {
      codegen = false;
      return null;
    }
    throw err;
  }
}

let emitted = 0;

/**
 * The emitted form of one hook step (both emitters use these, so a step is
 * written once): `h`/`s` name the handler and its `this`, `guard` a `once`
 * check; `stop` the statement a before hook's non-args return runs.
 */
const steps = {
  before: ({ h, s, guard }, pathExpr, apiExpr, stop) => [
    `${guard}{`,
    `  r = ${h}.call(${s}, { path: ${pathExpr}, args, api: ${apiExpr}, ctx });`,
    `  if (r !== undefined) { if (X_isArgs(r)) args = r; else { at = -1; ${stop} } }`,
    "}",
  ],
  after: ({ h, s, guard }) => [`${guard}{`, `  r = ${h}.call(${s}, { path, args, result, api, ctx });`, "  if (r !== undefined) result = r;", "}"],
  always: ({ h, s, guard }, shownExpr, hasErrorExpr, returned) => [
    `${guard}{`,
    `  r = ${h}.call(${s}, { path, args, result: ${shownExpr}, hasError: ${hasErrorExpr}, errors, api, ctx });`,
    `  if (r !== undefined) ${returned};`,
    "}",
  ],
};

/** Binds each hook's handler, `this` and entry as constants `${prefix}${k}`, `…s${k}`, `…e${k}`. */
function bindHooks(bind, prefix, list, guardOf) {
  return list.map((e, k) => {
    const E = bind(`${prefix}e${k}`, e);
    return { e, h: bind(`${prefix}${k}`, e.handler), s: bind(`${prefix}s${k}`, e.self), E, guard: e.once === true ? `if (${guardOf(E)}) ` : "" };
  });
}

/**
 * Binds each exit as a constant of its own, `X_name`, which emitted code
 * calls directly: a plain call takes fewer bytes of bytecode than a property
 * call (V8 inlines a function into its caller only while their bytecode fits
 * a budget).
 */
function bindExits(bind, X) {
  for (const name of Object.keys(X)) bind(`X_${name}`, X[name]);
}

function binder() {
  const names = [];
  const values = [];
  const bind = (name, value) => {
    names.push(name);
    values.push(value);
    return name;
  };
  return { names, values, bind };
}

/**
 * Emits the runner for `plan` called with `arity` positional arguments
 * (`arity` -1: the array entry only). The source refers to the handlers as
 * constants. `ctxMode` is "fresh" ({} per call), "fixed" (one configured
 * object) or "store" (rt.ctx(), the async-context store); `receiver` is
 * "fixed" (a tree method: the target runs bound to its object, cell.bound)
 * or "call" (the call's own `this`). The runner is shared by every cell
 * whose plan is `plan`: it reads the cell's path, api and target from the
 * cell it runs for.
 *
 * Returns the source and its bindings; compileRunner makes
 * { run(self, p0 … pN-1), runArray(self, args) }, both called with
 * `this` = the cell.
 *
 * The runner is kept small — one try/catch, exits with few arguments —
 * because V8 inlines a function into its caller only below a bytecode size,
 * and inlined, its args array and context objects are never allocated.
 */
function emitRunner(plan, { arity, ctxMode, receiver }) {
  const { names, values, bind } = binder();
  bind("state", null);
  bindExits(bind, exits);
  bind("PLAN", plan);
  const PATH = "cell.path";
  const API = "cell.root.api";
  const ps = Array.from({ length: Math.max(arity, 0) }, (_, i) => `p${i}`);
  const ctxExpr = ctxMode === "fresh" ? "{}" : ctxMode === "fixed" ? bind("CTX", null) : "cell.rt.ctx()";
  const guardOf = (E) => `X_once(cell, ${E})`;
  const before = bindHooks(bind, "b", plan.before, guardOf);
  const after = bindHooks(bind, "a", plan.after, guardOf);
  const always = bindHooks(bind, "l", plan.always, guardOf);
  const spread = ps.map((_, i) => `args[${i}]`).join(", ");
  // The target: a direct call V8 can inline when the args have the declared
  // count (a tree method through its bound form, a plain call without
  // `this`), a .call with the call's `this`; another count through X.invoke.
  const recv = receiver === "fixed" ? "cell.receiver" : "self";
  const lead = spread === "" ? "" : `, ${spread}`;
  const direct = receiver === "fixed" ? `cell.bound(${spread})` : `self === undefined ? (0, cell.target)(${spread}) : cell.target.call(self${lead})`;
  const callTarget = arity >= 0 ? `args.length === ${arity} ? ${direct} : X_invoke(cell, ${recv}, args)` : `X_invoke(cell, ${recv}, args)`;
  const nb = before.length;
  const na = after.length;

  const lines = [];
  const L = (...xs) => lines.push(...xs);
  const indent = (n, xs) => xs.map((x) => " ".repeat(n) + x);
  L('"use strict";');
  // The after and always phases are a function of their own: each function
  // stays below the bytecode size up to which V8 inlines a function into its
  // caller (inlined, the args array and the context objects are never
  // allocated).
  const finish = na !== 0 || always.length !== 0;
  if (finish) {
    L("function finish(cell, g, ctx, args, R) {");
    L(`  const path = ${PATH}, api = ${API};`);
    L(`  let r, result = R, errors, at = ${nb + 1};`);
    L("  try {");
    after.forEach((a, k) => {
      if (k !== 0) L(`    at = ${nb + 1 + k};`);
      L(...indent(4, steps.after(a)));
    });
    if (na !== 0) {
      // "modified" is strict identity: replacing 0 by -0 leaves 0 (§8.6).
      L("    if (result === R) result = R;");
      L(`    if (state[${GENERATION}] !== g) { at = -1; return X_always(cell, ctx, args, result); }`);
    }
    if (always.length !== 0) L("    errors = [];");
    always.forEach((l, k) => {
      L(`    at = ${nb + 1 + na + k};`);
      L(...indent(4, steps.always(l, "result", "false", `X_returned(cell, ctx, args, r, ${l.E})`)));
    });
    L("    return result;");
    L("  } catch (err) {");
    // An exit's own throw (a failed call's outcome) goes to the caller as is.
    L("    if (at < 0) throw err;");
    L("    return X_caught(cell, PLAN, at, ctx, null, args, err, R, result, errors);");
    L("  }");
    L("}");
  }
  // A native promise from the target: its after and always phases run
  // unrolled too, at settlement (a native promise settles once; anything
  // else — a custom thenable, a changed registry — takes the generic
  // timeline).
  L("function later(cell, g, ctx, args, R, then) {");
  L(`  if (then !== X_promiseThen || state[${GENERATION}] !== g) return X_tail(cell, ctx, args, R, then);`);
  L(
    `  return then.call(R, (v) => (state[${GENERATION}] !== g ? X_settled(cell, ctx, args, v) : ${finish ? "finish(cell, g, ctx, args, v)" : "v"}), (e) => X_rejected(cell, ctx, args, e));`,
  );
  L("}");
  L("return {");
  // The before phase and the target are emitted once per entry (positional
  // and array), so that each entry is one function V8 optimizes as a whole.
  const entries = arity >= 0 ? [`run(self${ps.map((p) => `, ${p}`).join("")})`, "runArray(self, args0)"] : ["runArray(self, args0)"];
  for (const entry of entries) {
    const positional = entry.startsWith("run(");
    L(`${entry} {`);
    // The wrapper checked that the plan is current before calling run().
    if (positional) {
      L("  const cell = this, g = cell.g;");
      L(`  const args0 = [${ps.join(", ")}];`);
    } else {
      L(`  const cell = this, g = state[${GENERATION}];`);
      L("  if (g !== cell.g) return cell.stale(self, args0);");
    }
    L(`  const ctx = ${ctxExpr};`);
    L("  let args = args0, r, R, then, at = 0;");
    L("  try {");
    before.forEach((b, k) => {
      if (k !== 0) L(`    at = ${k};`);
      L(...indent(4, steps.before(b, PATH, API, `return X_stop(cell, ctx, args0, args, r, ${b.E});`)));
    });
    if (nb !== 0) L(`    at = ${nb};`);
    L(`    R = ${callTarget};`);
    L('    if (typeof R === "object" && R !== null) then = R.then;');
    L("  } catch (err) {");
    L("    if (at < 0) throw err;");
    L("    return X_caught(cell, PLAN, at, ctx, args0, args, err, R);");
    L("  }");
    // A thenable, or the hooks or the target changed the registry (§11.11).
    L(`  if (typeof then === "function" || state[${GENERATION}] !== g) return later(cell, g, ctx, args, R, then);`);
    L(finish ? "  return finish(cell, g, ctx, args, R);" : "  return R;");
    L("},");
  }
  L("};");
  // A unique text: V8 shares type feedback between functions compiled from identical text.
  L(`//# slothook runner ${++emitted}`);
  return { names, values, source: lines.join("\n") };
}

// ----------------------------------------------------- the seam's phases
//
// slothlet's call path runs one phase per call of the seam's execute*Hooks.
// For a hot plan the seam runs these generated forms of the phases: the same
// steps as a runner's, with the seam's policy, and the same answers as the
// generic phases — `before` returns the final args or a Call with its
// `status` (SHORT / FAILED), `after` the final result or a Call with status
// FAILED, `always` nothing — so the seam reads both the same way.

/** A finished before/after phase that did not simply continue. */
function settledCall(call, status) {
  call.status = status;
  return call;
}

const phaseExits = {
  isArgs,
  /** A before hook returned something other than undefined or an array. */
  stop(P, e, path, args, api, ctx, r) {
    const call = new Call(path, api, ctx, args, null, null, -1);
    if (beforeVerdict(r) === SHORT_VALUE) {
      call.value = r;
      return settledCall(call, SHORT);
    }
    watchRejection(r, ignore);
    beforeFailed(P, call, e, P.returnedPromise(e, path));
    return settledCall(call, FAILED);
  },
  /** Step `at` of phase `type` threw `err`; the rest of the phase runs generically. */
  threw(P, plan, type, at, path, args, api, ctx, err, R, result, resultOrError, hasError, errors) {
    const call = new Call(path, api, ctx, args, null, null, -1);
    if (type === "before") {
      beforeFailed(P, call, plan.before[at], err);
      return settledCall(call, FAILED);
    }
    if (type === "after") {
      if (!afterFailed(P, call, plan.after[at], err)) return settledCall(call, FAILED);
      const r = afterPhase(P, call, plan.after, result, at + 1);
      if (r === FAIL) return settledCall(call, FAILED);
      return r === R ? R : r;
    }
    const e = plan.always[at];
    errorPhase(P, call, err, hookSource(P, "always", e, err));
    alwaysPhase(P, call, plan.always, resultOrError, hasError, errors, at + 1);
    return undefined;
  },
  returned(P, path, args, api, ctx, r, e) {
    if (isThenable(r)) alwaysReturned(P, new Call(path, api, ctx, args, null, null, -1), e, r);
  },
};

/**
 * Emits the seam's phases for `plan` with policy `P`: { before(path, args,
 * api, ctx), after(path, R, args, api, ctx), always(path, args,
 * resultOrError, hasError, errors, api, ctx) } for its non-empty lists.
 */
function emitPhases(plan, P) {
  const { names, values, bind } = binder();
  bindExits(bind, phaseExits);
  bind("P", P);
  bind("PLAN", plan);
  const guardOf = (E) => `P.consume(${E})`;
  const before = bindHooks(bind, "b", plan.before, guardOf);
  const after = bindHooks(bind, "a", plan.after, guardOf);
  const always = bindHooks(bind, "l", plan.always, guardOf);
  const lines = [];
  const L = (...xs) => lines.push(...xs);
  const indent = (n, xs) => xs.map((x) => " ".repeat(n) + x);
  // A phase's hooks in one try, `at` naming the hook that threw, and the catch's lines.
  const guarded = (hooks, step, onThrow) => {
    L("  try {");
    hooks.forEach((h, k) => {
      if (k !== 0) L(`    at = ${k};`);
      L(...indent(4, step(h)));
    });
    L("  } catch (err) {", ...onThrow.map((x) => `    ${x}`), "  }");
  };
  L('"use strict";');
  L("return {");
  if (before.length !== 0) {
    L("before(path, args, api, ctx) {");
    L("  let r, at = 0;");
    guarded(before, (b) => steps.before(b, "path", "api", `return X_stop(P, ${b.E}, path, args, api, ctx, r);`), [
      "if (at < 0) throw err;",
      'return X_threw(P, PLAN, "before", at, path, args, api, ctx, err);',
    ]);
    L("  return args;");
    L("},");
  }
  if (after.length !== 0) {
    L("after(path, R, args, api, ctx) {");
    L("  let r, result = R, at = 0;");
    guarded(after, (a) => steps.after(a), ['return X_threw(P, PLAN, "after", at, path, args, api, ctx, err, R, result);']);
    // "modified" is strict identity: replacing 0 by -0 leaves 0 (§8.6).
    L("  return result === R ? R : result;");
    L("},");
  }
  if (always.length !== 0) {
    L("always(path, args, resultOrError, hasError, errors, api, ctx) {");
    L("  const shown = hasError ? undefined : resultOrError;");
    L("  let r, at = 0;");
    guarded(always, (l) => steps.always(l, "shown", "hasError", `X_returned(P, path, args, api, ctx, r, ${l.E})`), [
      'X_threw(P, PLAN, "always", at, path, args, api, ctx, err, undefined, undefined, resultOrError, hasError, errors);',
    ]);
    L("},");
  }
  L("};");
  L(`//# slothook phases ${++emitted}`);
  // eslint-disable-next-line no-new-func
  return new Function(...names, lines.join("\n"))(...values);
}

/**
 * Compiles an emitted runner for one instance: `state` is the engine's shared
 * state array, `fixedCtx` the configured ctx (ctxMode "fixed").
 */
function compileRunner(emittedRunner, state, fixedCtx) {
  const { names, values, source } = emittedRunner;
  values[0] = state;
  const i = names.indexOf("CTX");
  if (i !== -1) values[i] = fixedCtx;
  // eslint-disable-next-line no-new-func
  return new Function(...names, source)(...values);
}

/** Whether `plan` can get a generated runner (short enough lists). */
function unrollable(plan) {
  return plan.before.length <= MAX_UNROLLED && plan.after.length <= MAX_UNROLLED && plan.always.length <= MAX_UNROLLED;
}

module.exports = {
  MARKER,
  isMarked,
  mark,
  safeStack,
  errorTypeOf,
  isThenable,
  makePolicy,
  beforePhase,
  afterPhase,
  alwaysPhase,
  errorPhase,
  runCall,
  Call,
  current,
  CONTINUE,
  SHORT,
  FAILED,
  FAIL,
  emitRunner,
  compileRunner,
  emitPhases,
  unrollable,
  generate,
  hotCalls,
  HOT_CALLS,
  MODE,
};
