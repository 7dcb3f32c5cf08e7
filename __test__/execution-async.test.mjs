// Conformance: thenable targets (spec §8.5) with the standalone differences of §11 (e), (f), (j)
// and §11.11 (no-hooks identity).
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { createHooks, HookError } from "../index.mjs";
import { deferred, settle, attempt } from "./helpers/common.mjs";

const MARKER = Symbol.for("@cldmv/slothlet/hook-error-processed");
const tick = () => new Promise((r) => setImmediate(r));

// setup() → createHooks(true); setup(x) → createHooks(x) (also for x === undefined)
function setup(...cfg) {
  const hooks = cfg.length ? createHooks(cfg[0]) : createHooks(true);
  return { hooks, hook: hooks.hook, log: [] };
}

// Records every type on `pattern`; returns the contexts seen.
function recordAll(hook, pattern, log) {
  const seen = { before: [], after: [], always: [], error: [] };
  for (const type of ["before", "after", "always", "error"]) {
    hook.on(`${pattern}:${type}`, (c) => {
      log.push(type);
      seen[type].push(c);
    });
  }
  return seen;
}

// ------------------------------------------------------------------------------------------------
describe("§8.5 native promise timeline", () => {
  test("before and target at call time; after/always only on settlement; caller gets a new promise of the final result", async () => {
    const { hooks, hook, log } = setup();
    hook.on("a.f:before", () => {
      log.push("before");
    });
    hook.on("a.f:after", ({ result }) => {
      log.push(["after", result]);
      return result * 2;
    });
    hook.on("a.f:always", ({ result, hasError, errors }) => {
      log.push(["always", result, hasError, errors.length]);
    });
    const d = deferred();
    const f = hooks.wrapFunction("a.f", () => {
      log.push("target");
      return d.promise;
    });
    const p = f();
    assert.ok(p instanceof Promise);
    assert.notEqual(p, d.promise);
    assert.deepEqual(log, ["before", "target"]);
    await tick();
    assert.deepEqual(log, ["before", "target"], "nothing runs before the target settles");
    d.resolve(21);
    assert.equal(await p, 42);
    assert.deepEqual(log, ["before", "target", ["after", 21], ["always", 42, false, 0]]);
  });

  test("async function targets: after hooks see the resolved value and post-before args", async () => {
    const { hooks, hook } = setup();
    let afterCtx;
    hook.on("a.f:before", () => [5, 6]);
    hook.on("a.f:after", (c) => {
      afterCtx = c;
    });
    const f = hooks.wrapFunction("a.f", async (a, b) => a * b);
    assert.equal(await f(1, 2), 30);
    assert.deepEqual(afterCtx.args, [5, 6]);
    assert.equal(afterCtx.result, 30);
    assert.deepEqual(Object.keys(afterCtx), ["path", "args", "result", "api", "ctx"]);
  });

  test("the ctx of the call is shared across the settlement boundary", async () => {
    const { hooks, hook } = setup();
    const seen = [];
    hook.on("a.f:before", ({ ctx }) => {
      ctx.started = true;
      seen.push(ctx);
    });
    hook.on("a.f:after", ({ ctx }) => {
      seen.push(ctx);
    });
    hook.on("a.f:always", ({ ctx }) => {
      seen.push(ctx);
    });
    await hooks.wrapFunction("a.f", async () => 1)();
    assert.equal(seen.length, 3);
    assert.equal(seen[1], seen[0]);
    assert.equal(seen[2], seen[0]);
    assert.equal(seen[0].started, true);
  });

  test("an after hook returning a promise is adopted; always hooks see the promise object itself", async () => {
    const { hooks, hook } = setup();
    const adopted = Promise.resolve("adopted");
    let alwaysResult;
    hook.on("a.f:after", () => adopted);
    hook.on("a.f:always", ({ result }) => {
      alwaysResult = result;
    });
    const r = await hooks.wrapFunction("a.f", async () => 1)();
    assert.equal(r, "adopted");
    assert.equal(alwaysResult, adopted);
  });

  test("§8.6 at settlement: replacing 0 with -0 is 'not modified' (resolves +0); -0 → 0 resolves -0", async () => {
    const { hooks, hook } = setup();
    let alwaysResult;
    hook.on("a.f:after", () => -0);
    hook.on("a.f:always", ({ result }) => {
      alwaysResult = result;
    });
    const r = await hooks.wrapFunction("a.f", async () => 0)();
    assert.ok(Object.is(r, 0), "resolves +0");
    assert.ok(Object.is(alwaysResult, 0));
    const h2 = setup();
    h2.hook.on("a.g:after", () => 0);
    assert.ok(Object.is(await h2.hooks.wrapFunction("a.g", async () => -0)(), -0));
  });

  test("§8.6 at settlement: an after hook can never change the result to undefined; falsy values replace", async () => {
    const { hooks, hook } = setup();
    hook.on("a.f:after", () => false);
    hook.on("a.f:after", () => undefined);
    assert.equal(await hooks.wrapFunction("a.f", async () => "orig")(), false);
  });

  test("an always hook throwing at settlement is contained: the promise still resolves", async () => {
    const { hooks, hook, log } = setup();
    hook.on("a.f:always", () => {
      log.push("w1");
      throw new Error("w");
    });
    hook.on("a.f:always", () => {
      log.push("w2");
    });
    hook.on("a.f:error", ({ source }) => {
      log.push(["error", source.type]);
    });
    assert.equal(await hooks.wrapFunction("a.f", async () => "v")(), "v");
    assert.deepEqual(log, ["w1", ["error", "always"], "w2"]);
  });
});

// ------------------------------------------------------------------------------------------------
describe("§8.5 custom thenables", () => {
  function thenableTarget() {
    const state = { onF: undefined, onR: undefined, calls: 0 };
    const thenable = {
      then(onF, onR) {
        state.calls++;
        state.onF = onF;
        state.onR = onR;
        return "THEN-RESULT";
      },
    };
    return { state, thenable };
  }

  test("the call returns whatever then() returns; phases run inside the callbacks", () => {
    const { hooks, hook, log } = setup();
    const { state, thenable } = thenableTarget();
    hook.on("a.f:before", () => {
      log.push("before");
    });
    hook.on("a.f:after", ({ result }) => {
      log.push(["after", result]);
      return result * 10;
    });
    hook.on("a.f:always", ({ result, hasError }) => {
      log.push(["always", result, hasError]);
    });
    const f = hooks.wrapFunction("a.f", () => {
      log.push("target");
      return thenable;
    });
    const r = f();
    assert.equal(r, "THEN-RESULT");
    assert.equal(state.calls, 1);
    assert.equal(typeof state.onF, "function");
    assert.equal(typeof state.onR, "function");
    assert.deepEqual(log, ["before", "target"]);
    const out = state.onF(5);
    assert.deepEqual(log, ["before", "target", ["after", 5], ["always", 50, false]]);
    assert.equal(out, 50);
  });

  test("onRejected: error ('function') then always; rethrows the reason (or returns undefined with suppressErrors)", () => {
    for (const suppress of [false, true]) {
      const { hooks, hook, log } = setup({ suppressErrors: suppress });
      const { state, thenable } = thenableTarget();
      const seen = recordAll(hook, "a.f", log);
      hooks.wrapFunction("a.f", () => thenable)();
      const E = new Error("rej");
      const r = attempt(() => state.onR(E));
      if (suppress) assert.deepEqual(r, { threw: false, value: undefined });
      else assert.equal(r.error, E);
      assert.deepEqual(log, ["before", "error", "always"]);
      assert.equal(seen.error[0].source.type, "function");
      assert.deepEqual(seen.always[0].errors, [E]);
      assert.equal(seen.always[0].hasError, true);
    }
  });

  test("a thenable that never settles never runs after/always/error", async () => {
    const { hooks, hook, log } = setup();
    recordAll(hook, "a.f", log);
    const { state, thenable } = thenableTarget();
    hooks.wrapFunction("a.f", () => thenable)();
    await tick();
    await tick();
    assert.equal(state.calls, 1);
    assert.deepEqual(log, ["before"]);
  });

  test("a then() that throws synchronously: reported as 'function', thrown to the caller, no always phase", () => {
    const { hooks, hook, log } = setup();
    const seen = recordAll(hook, "a.f", log);
    const E = new Error("then boom");
    const f = hooks.wrapFunction("a.f", () => ({
      then() {
        throw E;
      },
    }));
    const r = attempt(() => f());
    assert.equal(r.error, E);
    assert.deepEqual(log, ["before", "error"]);
    assert.equal(seen.error[0].error, E);
    assert.equal(seen.error[0].source.type, "function");
    assert.deepEqual(Object.keys(seen.error[0].source), ["type", "timestamp", "stack"]);
  });

  test("a then() that throws synchronously with suppressErrors: returns undefined, no always phase", () => {
    const { hooks, hook, log } = setup({ suppressErrors: true });
    recordAll(hook, "a.f", log);
    const f = hooks.wrapFunction("a.f", () => ({
      then() {
        throw new Error("then boom");
      },
    }));
    assert.deepEqual(attempt(() => f()), { threw: false, value: undefined });
    assert.deepEqual(log, ["before", "error"]);
  });

  test("a function with a then property is a synchronous result", () => {
    const { hooks, hook, log } = setup();
    const fn = Object.assign(() => {}, {
      then() {
        log.push("then-called");
      },
    });
    recordAll(hook, "a.f", log);
    const r = hooks.wrapFunction("a.f", () => fn)();
    assert.equal(r, fn);
    assert.deepEqual(log, ["before", "after", "always"]);
  });

  test("primitives and objects without callable then are synchronous results", () => {
    const { hooks, hook, log } = setup();
    recordAll(hook, "a.f", log);
    const obj = { then: "nope" };
    assert.equal(hooks.wrapFunction("a.f", () => obj)(), obj);
    assert.deepEqual(log, ["before", "after", "always"]);
  });
});

// ------------------------------------------------------------------------------------------------
describe("§8.5 rejections", () => {
  test("rejection without suppressErrors: error once ('function'), always hasError true, caller rejects with E", async () => {
    const { hooks, hook, log } = setup();
    const seen = recordAll(hook, "a.f", log);
    const E = new Error("rej");
    const t0 = Date.now();
    const s = await settle(
      hooks.wrapFunction("a.f", async () => {
        throw E;
      })(),
    );
    assert.deepEqual(s, { rejected: true, reason: E });
    assert.deepEqual(log, ["before", "error", "always"]);
    const src = seen.error[0].source;
    assert.deepEqual(Object.keys(src), ["type", "timestamp", "stack"]);
    assert.equal(src.type, "function");
    assert.equal(src.stack, E.stack);
    assert.ok(src.timestamp >= t0 && src.timestamp <= Date.now());
    assert.equal(seen.error[0].error, E);
    assert.equal(seen.error[0].errorType, "Error");
    assert.ok(seen.error[0].timestamp instanceof Date);
    assert.equal(seen.always[0].hasError, true);
    assert.equal(seen.always[0].result, undefined);
    assert.deepEqual(seen.always[0].errors, [E]);
    assert.equal(E[MARKER], true);
  });

  for (const value of [true, 1, "yes"]) {
    test(`rejection with suppressErrors ${JSON.stringify(value)}: reported once, always hasError true, resolves undefined`, async () => {
      const { hooks, hook, log } = setup({ suppressErrors: value });
      const seen = recordAll(hook, "a.f", log);
      const E = new Error("rej");
      const s = await settle(hooks.wrapFunction("a.f", () => Promise.reject(E))());
      assert.deepEqual(s, { rejected: false, value: undefined });
      assert.deepEqual(log, ["before", "error", "always"]);
      assert.equal(seen.error[0].error, E);
      assert.equal(seen.always[0].hasError, true);
      assert.deepEqual(seen.always[0].errors, [E]);
    });
  }

  for (const [label, N] of [
    ["null", null],
    ["undefined", undefined],
  ]) {
    test(`§11 (e): a rejection with ${label} is reported once as 'function' and rejected with ${label}`, async () => {
      const { hooks, hook, log } = setup();
      const seen = recordAll(hook, "a.f", log);
      const s = await settle(hooks.wrapFunction("a.f", () => Promise.reject(N))());
      assert.equal(s.rejected, true);
      assert.equal(s.reason, N);
      assert.deepEqual(log, ["before", "error", "always"]);
      assert.equal(seen.error[0].error, N);
      assert.equal(seen.error[0].errorType, "Error");
      assert.equal(seen.error[0].source.type, "function");
      assert.equal(seen.error[0].source.stack, undefined);
      assert.equal(seen.always[0].hasError, true);
      assert.equal(seen.always[0].errors.length, 1);
      assert.equal(seen.always[0].errors[0], N);
    });

    test(`§11 (e): a rejection with ${label} under suppressErrors resolves undefined after one report`, async () => {
      const { hooks, hook, log } = setup({ suppressErrors: true });
      recordAll(hook, "a.f", log);
      const s = await settle(hooks.wrapFunction("a.f", () => Promise.reject(N))());
      assert.deepEqual(s, { rejected: false, value: undefined });
      assert.deepEqual(log, ["before", "error", "always"]);
    });
  }

  test("a primitive rejection is reported once with errorType String", async () => {
    const { hooks, hook, log } = setup();
    const seen = recordAll(hook, "a.f", log);
    const s = await settle(hooks.wrapFunction("a.f", () => Promise.reject("nope"))());
    assert.deepEqual(s, { rejected: true, reason: "nope" });
    assert.equal(seen.error.length, 1);
    assert.equal(seen.error[0].errorType, "String");
  });

  test("a rejection with an already-marked error skips the error phase but runs always hooks", async () => {
    const { hooks, hook, log } = setup();
    recordAll(hook, "a.f", log);
    const E = new Error("reused");
    const f = hooks.wrapFunction("a.f", () => Promise.reject(E));
    assert.deepEqual(await settle(f()), { rejected: true, reason: E });
    assert.deepEqual(log, ["before", "error", "always"]);
    log.length = 0;
    assert.deepEqual(await settle(f()), { rejected: true, reason: E });
    assert.deepEqual(log, ["before", "always"]);
  });

  test("a rejection propagated from an inner async wrapped call is reported once (inner level)", async () => {
    const { hooks, hook, log } = setup();
    for (const type of ["error", "always"]) {
      hook.on(`**:${type}`, ({ path, hasError }) => {
        log.push(type === "always" ? [type, path, hasError] : [type, path]);
      });
    }
    const E = new Error("deep");
    let api;
    api = hooks.wrap({
      inner: async () => {
        throw E;
      },
      outer: async () => {
        await api.inner();
        return "unreached";
      },
    });
    assert.deepEqual(await settle(api.outer()), { rejected: true, reason: E });
    assert.deepEqual(log, [
      ["error", "inner"],
      ["always", "inner", true],
      ["always", "outer", true],
    ]);
  });

  test("after hooks do not run on rejection", async () => {
    const { hooks, hook, log } = setup();
    hook.on("a.f:after", () => {
      log.push("after");
    });
    hook.on("a.f:always", () => {
      log.push("always");
    });
    await settle(hooks.wrapFunction("a.f", () => Promise.reject(new Error("x")))());
    assert.deepEqual(log, ["always"]);
  });
});

// ------------------------------------------------------------------------------------------------
describe("§11 (f) async after-hook failure", () => {
  test("reported exactly once with the engine source; always once hasError true; rejects with E", async () => {
    const { hooks, hook, log } = setup();
    const E = new Error("after-fail");
    const errs = [];
    const always = [];
    hook.on(
      "a.f:after",
      () => {
        log.push("a1");
        throw E;
      },
      { id: "A1", subset: "before" },
    );
    hook.on("a.f:after", () => {
      log.push("a2");
    });
    hook.on("a.f:error", (c) => {
      log.push("error");
      errs.push(c);
    });
    hook.on("a.f:always", (c) => {
      log.push("always");
      always.push(c);
    });
    const s = await settle(hooks.wrapFunction("a.f", async () => 1)());
    assert.deepEqual(s, { rejected: true, reason: E });
    assert.deepEqual(log, ["a1", "error", "always"]);
    assert.equal(errs.length, 1);
    assert.deepEqual(Object.keys(errs[0].source), ["type", "subset", "hookTag", "hookId", "timestamp", "stack"]);
    assert.equal(errs[0].source.type, "after");
    assert.equal(errs[0].source.subset, "before");
    assert.equal(errs[0].source.hookId, "A1");
    assert.equal(errs[0].source.hookTag, "A1");
    assert.equal(errs[0].source.stack, E.stack);
    assert.equal(always.length, 1);
    assert.equal(always[0].hasError, true);
    assert.equal(always[0].result, undefined);
    assert.deepEqual(always[0].errors, [E]);
  });

  test("with suppressErrors: reported once, the chain continues, resolves the chain result; always hooks learn of the failure (§11 (p))", async () => {
    const { hooks, hook, log } = setup({ suppressErrors: true });
    let always;
    hook.on("a.f:after", () => {
      log.push("throw");
      throw new Error("x");
    });
    hook.on("a.f:after", ({ result }) => {
      log.push("plus");
      return result + 100;
    });
    hook.on("a.f:error", ({ source }) => {
      log.push(["error", source.type]);
    });
    hook.on("a.f:always", (c) => {
      always = c;
    });
    const s = await settle(hooks.wrapFunction("a.f", async (a, b) => a + b)(1, 2));
    assert.deepEqual(s, { rejected: false, value: 103 });
    assert.deepEqual(log, ["throw", ["error", "after"], "plus"]);
    assert.equal(always.hasError, true);
    assert.equal(always.result, undefined);
    assert.equal(always.errors.length, 1);
    assert.equal(always.errors[0].message, "x");
  });

  for (const [label, P] of [
    ["a primitive", "after-str"],
    ["null", null],
  ]) {
    test(`an async after hook throwing ${label} is reported once and rejects with it`, async () => {
      const { hooks, hook } = setup();
      const errs = [];
      let always;
      hook.on("a.f:after", () => {
        throw P;
      });
      hook.on("a.f:error", (c) => {
        errs.push(c);
      });
      hook.on("a.f:always", (c) => {
        always = c;
      });
      const s = await settle(hooks.wrapFunction("a.f", async () => 1)());
      assert.equal(s.rejected, true);
      assert.equal(s.reason, P);
      assert.equal(errs.length, 1);
      assert.equal(errs[0].source.type, "after");
      assert.equal(always.hasError, true);
      assert.equal(always.errors[0], P);
    });
  }
});

// ------------------------------------------------------------------------------------------------
describe("§8.2 before phase with an async target (§11 (o): an async function stays asynchronous)", () => {
  test("a short-circuit value arrives as a promise of it; always ran at call time", async () => {
    const { hooks, hook, log } = setup();
    hook.on("a.f:before", () => 42);
    hook.on("a.f:after", () => {
      log.push("after");
    });
    hook.on("a.f:always", ({ result, hasError }) => {
      log.push(["always", result, hasError]);
    });
    const f = hooks.wrapFunction("a.f", async () => {
      log.push("target");
      return 1;
    });
    const r = f();
    assert.ok(r instanceof Promise);
    assert.deepEqual(log, [["always", 42, false]]);
    assert.equal(await r, 42);
    assert.deepEqual(log, [["always", 42, false]]);
  });

  test("a before-hook error is a rejected promise (not a synchronous throw); error and always ran at call time", async () => {
    const { hooks, hook, log } = setup();
    const E = new Error("b");
    hook.on("a.f:before", () => {
      throw E;
    });
    hook.on("a.f:error", ({ source }) => {
      log.push(["error", source.type]);
    });
    hook.on("a.f:always", ({ hasError }) => {
      log.push(["always", hasError]);
    });
    const f = hooks.wrapFunction("a.f", async () => {
      log.push("target");
    });
    const r = attempt(() => f());
    assert.equal(r.threw, false);
    assert.ok(r.value instanceof Promise);
    assert.deepEqual(log, [
      ["error", "before"],
      ["always", true],
    ]);
    assert.deepEqual(await settle(r.value), { rejected: true, reason: E });
    // .catch() sees it, as it would for the async function itself
    const caught = await f().catch((e) => e);
    assert.equal(caught, E);
  });

  test("a suppressed before-hook error is a promise of undefined", async () => {
    const { hooks, hook } = setup({ suppressErrors: true });
    hook.on("a.f:before", () => {
      throw new Error("b");
    });
    hook.on("a.f:always", () => {});
    const r = attempt(() => hooks.wrapFunction("a.f", async () => 1)());
    assert.equal(r.threw, false);
    assert.ok(r.value instanceof Promise);
    assert.deepEqual(await settle(r.value), { rejected: false, value: undefined });
  });

  test("HOOK_BEFORE_RETURNED_PROMISE rejects the call of an async target", async () => {
    const { hooks, hook } = setup();
    hook.on("a.f:before", async () => {}, { id: "AB" });
    const r = attempt(() => hooks.wrapFunction("a.f", async () => 1)());
    assert.equal(r.threw, false);
    const s = await settle(r.value);
    assert.equal(s.rejected, true);
    assert.ok(s.reason instanceof HookError);
    assert.equal(s.reason.code, "HOOK_BEFORE_RETURNED_PROMISE");
    assert.deepEqual(s.reason.context, { id: "AB", path: "a.f" });
  });

  test("the caching before hook of the reproduction: api.db.get(1).then(...) works", async () => {
    const hooks = createHooks(true);
    const cache = new Map([[1, { id: 1, cached: true }]]);
    hooks.hook.on("db.get:before", ({ args }) => cache.get(args[0]));
    const api = hooks.wrap({ db: { get: async (id) => ({ id, cached: false }) } });
    assert.deepEqual(await api.db.get(1).then((row) => row), { id: 1, cached: true });
    assert.deepEqual(await api.db.get(2).then((row) => row), { id: 2, cached: false });
  });

  test("a function not declared async that returns a promise keeps §8.2: the raw value, a synchronous throw", () => {
    const { hooks, hook } = setup();
    const E = new Error("b");
    hook.on("a.f:before", ({ args }) => (args[0] === 1 ? 42 : undefined));
    hook.on("a.g:before", () => {
      throw E;
    });
    const f = hooks.wrapFunction("a.f", () => Promise.resolve(1));
    const g = hooks.wrapFunction("a.g", () => Promise.resolve(1));
    assert.equal(f(1), 42);
    assert.deepEqual(attempt(() => g()), { threw: true, error: E });
  });

  test("async arrow functions and async methods count as async functions", async () => {
    const { hooks, hook } = setup();
    hook.on("**:before", () => "short");
    const api = hooks.wrap({
      arrow: async () => 1,
      obj: {
        async method() {
          return 1;
        },
      },
    });
    const a = api.arrow();
    const m = api.obj.method();
    assert.ok(a instanceof Promise && m instanceof Promise);
    assert.equal(await a, "short");
    assert.equal(await m, "short");
  });
});

// ------------------------------------------------------------------------------------------------
describe("§11.11 no hooks to run → the target's own result", () => {
  const cases = [
    ["system disabled", undefined, "a.f"],
    ["enabled: false", { enabled: false }, "a.f"],
    ["path filtered out by the config pattern", "other.*", "a.f"],
    ["no hook matches", true, "b.g"],
  ];
  for (const [label, config, hookedPath] of cases) {
    test(`${label}: the caller gets the target's own promise object`, async () => {
      const { hooks, hook, log } = setup(config);
      recordAll(hook, hookedPath === "a.f" ? "a.f" : "b.g", log);
      const own = Promise.resolve(9);
      const r = hooks.wrapFunction("a.f", () => own)();
      assert.equal(r, own);
      assert.equal(await r, 9);
      const rej = Promise.reject(new Error("r"));
      const r2 = hooks.wrapFunction("a.f", () => rej)();
      assert.equal(r2, rej);
      await assert.rejects(r2);
      assert.deepEqual(log, []);
    });

    test(`${label}: a custom thenable is returned as is, its then not called`, () => {
      const { hooks, hook } = setup(config);
      hook.on(`${hookedPath}:after`, () => {});
      let calls = 0;
      const thenable = {
        then() {
          calls++;
        },
      };
      assert.equal(hooks.wrapFunction("a.f", () => thenable)(), thenable);
      assert.equal(calls, 0);
    });
  }

  test("a path filter disabled at runtime (enable pattern elsewhere) also gives the raw promise", async () => {
    const { hooks, hook } = setup();
    hook.on("a.f:after", () => "changed");
    hook.enablePattern("zzz.*");
    const own = Promise.resolve(1);
    assert.equal(hooks.wrapFunction("a.f", () => own)(), own);
    hook.resetPatternFilter();
    const own2 = Promise.resolve(1);
    const r = hooks.wrapFunction("a.f", () => own2)();
    assert.notEqual(r, own2);
    assert.equal(await r, "changed");
  });

  test("a hooked call returns a .then chain (a different promise), even when after hooks change nothing", async () => {
    const { hooks, hook } = setup();
    hook.on("a.f:always", () => {});
    const own = Promise.resolve(3);
    const r = hooks.wrapFunction("a.f", () => own)();
    assert.ok(r instanceof Promise);
    assert.notEqual(r, own);
    assert.equal(await r, 3);
  });
});

// ------------------------------------------------------------------------------------------------
describe("§8.5 concurrency", () => {
  test("many interleaved calls each get their own args, results, ctx and always run", async () => {
    const { hooks, hook } = setup();
    const afterSeen = [];
    const alwaysSeen = [];
    hook.on("c.f:before", ({ args, ctx }) => {
      ctx.id = args[0];
    });
    hook.on("c.f:after", ({ args, result, ctx }) => {
      afterSeen.push([args[0], result, ctx.id]);
      return result + 1000;
    });
    hook.on("c.f:always", ({ args, result, ctx }) => {
      alwaysSeen.push([args[0], result, ctx.id]);
    });
    const f = hooks.wrapFunction(
      "c.f",
      (i) => new Promise((res) => setTimeout(() => res(i * 2), (i * 7) % 11)),
    );
    const N = 40;
    const results = await Promise.all(Array.from({ length: N }, (_, i) => f(i)));
    assert.deepEqual(
      results,
      Array.from({ length: N }, (_, i) => i * 2 + 1000),
    );
    assert.equal(afterSeen.length, N);
    assert.equal(alwaysSeen.length, N);
    for (const [i, result, id] of afterSeen) {
      assert.equal(result, i * 2);
      assert.equal(id, i);
    }
    for (const [i, result, id] of alwaysSeen) {
      assert.equal(result, i * 2 + 1000);
      assert.equal(id, i);
    }
    // they really interleaved: settlement order differs from call order
    assert.notDeepEqual(
      alwaysSeen.map((e) => e[0]),
      Array.from({ length: N }, (_, i) => i),
    );
  });

  test("interleaved successes and rejections are each reported to the right call", async () => {
    const { hooks, hook } = setup();
    const errs = [];
    const always = [];
    hook.on("c.f:error", ({ args, error }) => {
      errs.push([args[0], error.message]);
    });
    hook.on("c.f:always", ({ args, hasError, result, errors }) => {
      always.push([args[0], hasError, result, errors.length]);
    });
    const f = hooks.wrapFunction(
      "c.f",
      (i) =>
        new Promise((res, rej) =>
          setTimeout(() => (i % 2 ? rej(new Error(`e${i}`)) : res(`ok${i}`)), (i * 5) % 7),
        ),
    );
    const N = 20;
    const settled = await Promise.allSettled(Array.from({ length: N }, (_, i) => f(i)));
    settled.forEach((s, i) => {
      if (i % 2) {
        assert.equal(s.status, "rejected");
        assert.equal(s.reason.message, `e${i}`);
      } else {
        assert.deepEqual(s, { status: "fulfilled", value: `ok${i}` });
      }
    });
    assert.equal(errs.length, N / 2);
    for (const [i, msg] of errs) assert.equal(msg, `e${i}`);
    assert.equal(always.length, N);
    for (const [i, hasError, result, n] of always) {
      assert.equal(hasError, i % 2 === 1);
      assert.equal(result, i % 2 ? undefined : `ok${i}`);
      assert.equal(n, i % 2);
    }
  });
});
