"use strict";
// The standalone call path: how a wrapped function reaches the execution core
// (lib/execution.js) at the cost of a direct call when it can.
//
// Each wrapped function is a *cell*: its path, target, receiver, the plan it
// runs and the generation that plan was built at, and `run`, the runner the
// plan needs. The wrapper itself never changes identity and decides nothing:
//
//   wrapped(p0, p1)  →  cell.run(this, p0, p1)     (cell.runArray(this, args) otherwise)
//
// When the registry changes (the shared generation counter moves), the next
// call refreshes the cell's plan and picks its runner once:
//
//   * pass    — nothing to run (hooks disabled, no hook for the path, or the
//               `slothlet.hook` gate): the target, after one generation read;
//   * generic — the plan's calls so far, through execution.runCall;
//   * compiled — once the plan is hot, a runner generated for it (execution.js).
//
// The wrapper and the pass runner are emitted per hooks instance and per
// arity (the target's declared parameter count), so a call with that many
// arguments never touches `arguments` and each instance's wrappers have type
// feedback of their own. Calls with another count, `new`, and environments
// without code generation take the array path, with the same semantics.
//
// Tracing (config `tracing`, lib/tracing.js): an instance with a channel
// gets wrappers that also test the channel's `hasSubscribers` on the fast
// path; with a subscriber the call leaves it for `other`, which publishes the
// call around the same runners (the generic one where hooks can run, the
// target itself where none can). An instance without a channel emits no test.

const X = require("./execution.js");
const T = require("./tracing.js");
const { EMPTY_PLAN, GENERATION, ENABLED } = require("./engine.js");
const { HookError } = require("./errors.js");

/** Largest declared arity that gets a positional fast path. */
const MAX_ARITY = 8;
const { generate, hotCalls } = X;

const FN_TAG = Object.prototype.toString;
function isAsyncFunction(fn) {
  try {
    return FN_TAG.call(fn) === "[object AsyncFunction]";
  } catch {
    return false;
  }
}

/** The gate of §8.1 by segment (§11 (t)): `slothlet.hook` and below run no hooks. */
function isGated(path) {
  return path === "slothlet.hook" || path.startsWith("slothlet.hook.");
}

function declaredArity(fn) {
  let n;
  try {
    n = fn.length;
  } catch {
    return -1;
  }
  return Number.isInteger(n) && n >= 0 && n <= MAX_ARITY ? n : -1;
}

// ------------------------------------------------------------------ runtime

/**
 * The per-instance state the call path needs.
 *
 * @param {object} o
 * @param {import("./engine.js").Engine} o.engine
 * @param {boolean} o.suppress spec §11 (j): one meaning for hook and target errors
 * @param {object | undefined} o.context the configured ctx object, if any
 * @param {string | null} [o.tracing] the TracingChannel name calls are published on, or null
 */
function makeRuntime({ engine, suppress, context, tracing = null }) {
  const rt = {
    engine,
    state: engine.state,
    /** The TracingChannel calls are published on, or null (lib/tracing.js). */
    tc: T.tracingChannelFor(tracing),
    policy: null,
    /** "fresh" ({} per call), "fixed" (the configured object) or "store" (async context). */
    ctxMode: context === undefined ? "fresh" : "fixed",
    fixedCtx: context,
    ctx: context === undefined ? () => ({}) : () => context,
    // Native promises run reactions in the async context of the `.then` call
    // (the caller's); custom thenables get their callbacks bound once the
    // context API is in use (useStore).
    chainThen: (R, then, onFulfilled, onRejected) => then.call(R, onFulfilled, onRejected),
    /** plan -> { calls, byArity } for this instance's ctx mode. */
    compiled: new WeakMap(),
    /** arity -> the emitted wrapper maker and pass runners; tracedShapes: the same, testing rt.tc. */
    shapes: [],
    tracedShapes: [],
  };
  rt.policy = X.makePolicy({
    suppress,
    markAll: false,
    stackOf: X.safeStack,
    returnedPromise: (e, path) => new HookError("HOOK_BEFORE_RETURNED_PROMISE", { id: e.id, path }, { validationError: true }),
    errorHookFailed() {
      // Swallowed by contract (§8.8): error hooks never report their own failures.
    },
    errorHooks: (call) => X.current(call).error,
    consume: (e) => engine.consume(e),
  });
  return rt;
}

/**
 * The async-context API came into use: ctx comes from its store. Compiled
 * runners were built for the old ctx rule, so they are dropped and every
 * cell re-picks its runner.
 */
function useStore(rt, ctx, chainThen) {
  rt.ctxMode = "store";
  rt.ctx = ctx;
  rt.chainThen = chainThen;
  rt.compiled = new WeakMap();
  rt.engine.invalidate();
}

// ------------------------------------------------------- emitted per arity

let shapeSerial = 0;

/**
 * The wrapper maker and pass runners for `arity` in `rt`, or null without
 * code generation.
 *
 * A `traced` shape's wrapper also leaves the fast path while the instance's
 * TracingChannel has subscribers, tested per call as Node's traceSync does:
 * TracingChannel#hasSubscribers on Node 20, 22 and 24 is whether any of the
 * five channels has subscribers, and the wrapper reads those five getters
 * itself, the channels bound as constants. Reading Node's getter instead
 * (TC.hasSubscribers) tests the same but is reached through a property load,
 * which TurboFan ranks last among the calls to inline, after the wrapper's
 * cold path: with hooks to run, the inlining budget ran out first and the
 * optimized caller called the getter (68 → 114 instructions per call). The
 * channels' getters are small enough to be inlined at once. While the
 * channels' map is stable V8 folds the test away; lib/tracing.js gives
 * slothook's channels a map of their own so that other libraries' channels
 * gaining subscribers leave it stable.
 * __test__/tracing.test.mjs checks the wrapper against Node's getter for
 * each channel alone.
 */
function shapeOf(rt, arity, traced) {
  if (arity < 0) return null;
  const shapes = traced ? rt.tracedShapes : rt.shapes;
  let shape = shapes[arity];
  if (shape === undefined) {
    const ps = Array.from({ length: arity }, (_, i) => `p${i}`);
    const list = ps.join(", ");
    const lead = ps.map((p) => `, ${p}`).join("");
    const idle = traced ? T.CHANNELS.map((_, i) => ` && !C${i}.hasSubscribers`).join("") : "";
    const source = `"use strict";
${traced ? `const ${T.CHANNELS.map((c, i) => `C${i} = TC.${c}`).join(", ")};` : ""}
return {
  make(cell) {
    return function wrapped(${list}) {
      if (state[${GENERATION}] === cell.fastG && new.target === undefined && arguments.length === ${arity}${idle}) return cell.run(this${lead});
      return cell.other(this, new.target, ...arguments);
    };
  },
  pass(self${lead}) {
    return this.target.call(this.receiver === undefined ? self : this.receiver${lead});
  },
};
//# slothook shape ${arity}${traced ? " traced" : ""} ${++shapeSerial}`;
    // eslint-disable-next-line no-new-func
    shape = generate(() => new Function("state", "TC", source)(rt.state, rt.tc));
    shapes[arity] = shape;
  }
  return shape;
}

// ------------------------------------------------------------------- cells

class Cell {
  constructor(rt, path, target, receiver, root, arity, shape, tc) {
    this.rt = rt;
    this.path = path;
    this.target = target;
    this.receiver = receiver;
    this.root = root;
    this.arity = arity;
    this.shape = shape;
    this.isAsync = isAsyncFunction(target);
    this.gated = isGated(path);
    /** The TracingChannel this cell's calls are published on, or null. */
    this.tc = tc;
    this.wrapped = null;
    /** The target bound to `receiver`, made when a compiled runner needs it. */
    this.bound = null;
    this.plan = EMPTY_PLAN;
    this.g = -1;
    /**
     * `run` takes the call positionally (self, p0 … pN-1) and is only ever a
     * pass or a compiled runner, so the wrapper's call site sees nothing
     * else (V8 inlines what it sees there); `fastG` is the generation it
     * was picked at while it is set, -1 otherwise. Every other call goes to
     * `runArray` (self, args).
     */
    this.fastG = -1;
    this.run = null;
    this.runArray = Cell.prototype.stale;
  }

  /** The plan as it stands now, refreshed when the generation moved. */
  current() {
    const g = this.rt.state[GENERATION];
    if (g !== this.g) {
      this.plan = this.rt.engine.plan(this.path);
      this.g = g;
      this.pick();
    }
    return this.plan;
  }

  /** The generation moved since the plan was picked: refresh, then run. */
  stale(self, args) {
    this.current();
    if (this.rt.state[GENERATION] !== this.g) return this.stale(self, args);
    return this.runArray(self, args);
  }

  /** Chooses the runner for the current plan (once per plan change). */
  pick() {
    const shape = this.shape;
    const plan = this.plan;
    // Nothing to run: the gate, a disabled system, or (without suppression,
    // which applies to every call of an enabled system, §11 (n)) no hook.
    if (this.gated || this.rt.state[ENABLED] === 0 || (plan.empty && !this.rt.policy.suppress)) {
      this.use(shape === null ? null : shape.pass, passArray);
      return;
    }
    const compiled = compiledFor(this, plan, false);
    if (compiled !== null) this.use(compiled.run ?? null, compiled.runArray);
    else this.use(null, genericArray);
  }

  use(run, runArray) {
    // The wrapper's one test of both: -1 is never a generation (a Uint32Array slot).
    this.fastG = run !== null ? this.g : -1;
    this.run = run;
    this.runArray = runArray;
  }

  /**
   * `new`, or a call with another argument count than the declared one.
   * (The wrapper spreads its `arguments` here: passing the object itself
   * would make V8 allocate it on every call, the fast ones included.)
   */
  other(self, newTarget, ...args) {
    // Node's getter here, not the five channels read in a helper: the helper
    // made a before + after call on Node 24 1.08-1.12x untraced instead of
    // 1.00x (bench/tracing.mjs; timed, not profiled further).
    if (newTarget !== undefined) {
      return Reflect.construct(this.target, args, newTarget === this.wrapped ? this.target : newTarget);
    }
    if (this.tc !== null && this.tc.hasSubscribers) return traced(this, self, args);
    return this.runArray(self, args);
  }

  /** A call through the wrapper made without code generation, when the cell is traced. */
  apply(self, args) {
    if (this.tc.hasSubscribers) return traced(this, self, args);
    return this.runArray(self, args);
  }
}

/**
 * A call published on the cell's TracingChannel (lib/tracing.js). The
 * context's `args` is the array as called: hooks get a copy, since a before
 * hook may change the array it is given in place.
 */
function traced(cell, self, args) {
  const context = { path: cell.path, args, self: cell.receiver === undefined ? self : cell.receiver };
  return T.traceCall(cell.tc, context, cell.rt.policy.suppress ? T.failureRecord() : null, runTraced, cell, self, args);
}

/**
 * The intercepted call, run as an untraced call would be: the target itself
 * where no hook can run (the pass runner's rule), else the cell's own runner
 * (generic or generated) — except under suppressErrors, where the generic
 * runner tells `trace` of a failure the caller does not see (without
 * suppression every failure reaches the caller, and so the trace).
 */
function runTraced(cell, self, args, trace) {
  while (cell.rt.state[GENERATION] !== cell.g) cell.current();
  if (cell.runArray === passArray) return cell.runArray(self, args);
  if (cell.rt.policy.suppress) return X.runCall(cell, self, args.slice(), trace);
  return cell.runArray(self, args.slice());
}

function passArray(self, args) {
  if (this.rt.state[GENERATION] !== this.g) return this.stale(self, args);
  return Reflect.apply(this.target, this.receiver === undefined ? self : this.receiver, args);
}

/** A plan that is not compiled (yet): counts calls, then compiles. */
function genericArray(self, args) {
  if (this.rt.state[GENERATION] !== this.g) return this.stale(self, args);
  const compiled = compiledFor(this, this.plan, true);
  if (compiled !== null) {
    this.use(compiled.run ?? null, compiled.runArray);
    return compiled.runArray.call(this, self, args);
  }
  return X.runCall(this, self, args);
}

/**
 * The compiled runner of `plan` for the cell's arity and receiver kind, or
 * null while the plan is not hot (or cannot be compiled). `count` counts a
 * call towards hotness. Runners are shared by every cell running the plan.
 */
function compiledFor(cell, plan, count) {
  const rt = cell.rt;
  let c = rt.compiled.get(plan);
  if (c === undefined) {
    // Compile state only for plans that are called (most plans of a big tree are called rarely).
    if (!count) return null;
    c = { calls: 0, runners: null };
    rt.compiled.set(plan, c);
  }
  const fixed = cell.receiver !== undefined;
  const key = fixed ? cell.arity : -2 - cell.arity;
  let runner = c.runners === null ? undefined : c.runners.get(key);
  if (runner === undefined) {
    if (count) c.calls++;
    if (c.calls < hotCalls || !X.unrollable(plan)) return null;
    const source = X.emitRunner(plan, { arity: cell.arity, ctxMode: rt.ctxMode, receiver: fixed ? "fixed" : "call" });
    runner = generate(() => X.compileRunner(source, rt.state, rt.fixedCtx));
    if (runner === null) return null;
    (c.runners ??= new Map()).set(key, runner);
  }
  if (fixed && cell.bound === null) cell.bound = boundTarget(cell.target, cell.receiver);
  return runner;
}

/**
 * The target bound to its object: a compiled runner calls it directly
 * (V8 inlines a call of a bound function; `target.call(receiver, …)` with a
 * target that is not a constant it does not).
 */
function boundTarget(target, receiver) {
  try {
    return Function.prototype.bind.call(target, receiver);
  } catch {
    // a hostile `name`/`length`: bind reads both
    return (...args) => Reflect.apply(target, receiver, args);
  }
}

/**
 * Makes the intercepted version of `target` for `path`.
 *
 * @param {object} rt the instance's runtime (makeRuntime)
 * @param {string} path
 * @param {Function} target
 * @param {object | undefined} receiver the fixed `this` (the original parent object), or undefined for the call's own `this`
 * @param {{ api: unknown }} root holder of the handler context's `api`
 */
function makeWrapped(rt, path, target, receiver, root) {
  const arity = declaredArity(target);
  // The `slothlet.hook` management paths are not published (§11 (t)'s gate).
  const tc = rt.tc !== null && !isGated(path) ? rt.tc : null;
  const shape = shapeOf(rt, arity, tc !== null);
  const cell = new Cell(rt, path, target, receiver, root, arity, shape, tc);
  let wrapped;
  if (shape !== null) wrapped = shape.make(cell);
  else if (tc === null) {
    wrapped = function wrapped(...args) {
      return new.target === undefined ? cell.runArray(this, args) : cell.other(this, new.target, ...args);
    };
  } else {
    wrapped = function wrapped(...args) {
      return new.target === undefined ? cell.apply(this, args) : cell.other(this, new.target, ...args);
    };
  }
  cell.wrapped = wrapped;
  try {
    Object.defineProperty(wrapped, "name", { value: target.name, configurable: true });
    Object.defineProperty(wrapped, "length", { value: target.length, configurable: true });
    // `new` constructs the original (§11.11); sharing its prototype keeps
    // `x instanceof wrapped` and subclasses of the wrapper honest.
    const proto = target.prototype;
    if (proto !== null && typeof proto === "object") wrapped.prototype = proto;
  } catch {
    // a hostile `name`/`length`/`prototype` getter: keep the wrapper's own
  }
  return wrapped;
}

module.exports = {
  makeRuntime,
  makeWrapped,
  useStore,
  HOT_CALLS: X.HOT_CALLS,
  MODE: X.MODE,
  MARKER: X.MARKER,
};
