// Conformance: execution around a synchronous call (spec §8.1–8.4, §8.6–8.13) with the standalone
// differences of §11 (e), (i), (j), §11.10 (frozen errors) and §11.11.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { createHooks, HookError } from "../index.mjs";
import { attempt } from "./helpers/common.mjs";

const MARKER = Symbol.for("@cldmv/slothlet/hook-error-processed");
const HINT_BEFORE_PROMISE =
  "Before hooks execute synchronously before the API call. Remove async/await or Promise usage from this hook, or change it to an 'after' hook if async processing is needed.";

// setup() → createHooks(true); setup(x) → createHooks(x) (also for x === undefined)
function setup(...cfg) {
  const hooks = cfg.length ? createHooks(cfg[0]) : createHooks(true);
  return { hooks, hook: hooks.hook, log: [] };
}

// Registers recording hooks of every type on `pattern`; returns the arrays of contexts seen.
function recordAll(hook, pattern, log) {
  const seen = { before: [], after: [], always: [], error: [] };
  hook.on(`${pattern}:before`, (c) => {
    log?.push("before");
    seen.before.push(c);
  });
  hook.on(`${pattern}:after`, (c) => {
    log?.push("after");
    seen.after.push(c);
  });
  hook.on(`${pattern}:always`, (c) => {
    log?.push("always");
    seen.always.push(c);
  });
  hook.on(`${pattern}:error`, (c) => {
    log?.push("error");
    seen.error.push(c);
  });
  return seen;
}

// ------------------------------------------------------------------------------------------------
describe("§8.4 synchronous timeline", () => {
  test("success: before → target → after → always, all inside the call; caller gets the result", () => {
    const { hooks, hook, log } = setup();
    recordAll(hook, "m.f", log);
    const f = hooks.wrapFunction("m.f", (a, b) => {
      log.push("target");
      return a + b;
    });
    const r = f(2, 3);
    log.push("returned");
    assert.equal(r, 5);
    assert.deepEqual(log, ["before", "target", "after", "always", "returned"]);
  });

  test("failure: before → target → error → always, then the throw reaches the caller", () => {
    const { hooks, hook, log } = setup();
    recordAll(hook, "m.f", log);
    const E = new Error("t");
    const f = hooks.wrapFunction("m.f", () => {
      log.push("target");
      throw E;
    });
    const r = attempt(() => f());
    log.push("caught");
    assert.equal(r.error, E);
    assert.deepEqual(log, ["before", "target", "error", "always", "caught"]);
  });

  test("the target receives the caller's receiver as this when called through wrapFunction", () => {
    const { hooks, hook } = setup();
    hook.on("m.f:before", () => {});
    const f = hooks.wrapFunction("m.f", function () {
      return this;
    });
    const recv = { f };
    assert.equal(recv.f(), recv);
  });
});

// ------------------------------------------------------------------------------------------------
describe("§8.2 before phase: argument rewriting", () => {
  test("the first before hook gets a real array of the call arguments", () => {
    const { hooks, hook } = setup();
    let seen;
    hook.on("m.f:before", ({ args }) => {
      seen = args;
    });
    hooks.wrapFunction("m.f", () => 0)(1, "two", null);
    assert.ok(Array.isArray(seen));
    assert.deepEqual(seen, [1, "two", null]);
  });

  test("a returned array replaces args — the same array object for later hooks, the target, after and always", () => {
    const { hooks, hook } = setup();
    const seen = {};
    let replacement;
    hook.on("m.f:before", () => {
      replacement = [10, 20];
      return replacement;
    });
    hook.on("m.f:before", ({ args }) => {
      seen.before2 = args;
    });
    hook.on("m.f:after", ({ args }) => {
      seen.after = args;
    });
    hook.on("m.f:always", ({ args }) => {
      seen.always = args;
    });
    let targetArgs;
    const f = hooks.wrapFunction("m.f", (...a) => {
      targetArgs = a;
      return a[0] + a[1];
    });
    assert.equal(f(1, 2), 30);
    assert.equal(seen.before2, replacement);
    assert.equal(seen.after, replacement);
    assert.equal(seen.always, replacement);
    assert.deepEqual(targetArgs, [10, 20]);
  });

  test("in-place mutation of args is seen by later hooks and the target", () => {
    const { hooks, hook } = setup();
    let first, second;
    hook.on("m.f:before", (c) => {
      first = c.args;
      c.args[0] = 100;
      c.args.push(5);
    });
    hook.on("m.f:before", ({ args }) => {
      second = args;
      assert.deepEqual(args, [100, 2, 5]);
    });
    let targetArgs;
    const f = hooks.wrapFunction("m.f", (...a) => {
      targetArgs = a;
      return a.length;
    });
    assert.equal(f(1, 2), 3);
    assert.equal(first, second);
    assert.deepEqual(targetArgs, [100, 2, 5]);
  });

  test("returning an empty array calls the target with no arguments", () => {
    const { hooks, hook } = setup();
    hook.on("m.f:before", () => []);
    const f = hooks.wrapFunction("m.f", function () {
      return arguments.length;
    });
    assert.equal(f(1, 2, 3), 0);
  });

  test("returning undefined continues with the current args", () => {
    const { hooks, hook, log } = setup();
    hook.on("m.f:before", () => {
      log.push("b1");
      return undefined;
    });
    hook.on("m.f:before", () => {
      log.push("b2");
    });
    const f = hooks.wrapFunction("m.f", (a, b) => {
      log.push("target");
      return a * b;
    });
    assert.equal(f(3, 4), 12);
    assert.deepEqual(log, ["b1", "b2", "target"]);
  });
});

// ------------------------------------------------------------------------------------------------
describe("§8.2/§8.10 short-circuit values", () => {
  const fnWithThen = Object.assign(function sc() {}, { then() {} });
  const typed = new Uint8Array([1, 2]);
  const argsObj = (function () {
    return arguments;
  })(1, 2);
  const cases = [
    ["null", null],
    ["0", 0],
    ["-0", -0],
    ["false", false],
    ["true", true],
    ['""', ""],
    ["NaN", NaN],
    ["42", 42],
    ['"x"', "x"],
    ["a plain object", { cached: true }],
    ["a function with a then property", fnWithThen],
    ["a typed array", typed],
    ["an arguments object", argsObj],
    ["an object whose then is not callable", { then: 42 }],
    ["a symbol", Symbol("s")],
    ["a bigint", 10n],
    ["an empty object", {}],
  ];
  for (const [label, value] of cases) {
    test(`before hook returning ${label} short-circuits: value returned, target/after/later before skipped, always once`, () => {
      const { hooks, hook, log } = setup();
      const always = [];
      hook.on("m.f:before", () => {
        log.push("sc");
        return value;
      });
      hook.on("m.f:before", () => {
        log.push("later-before");
      });
      hook.on("m.f:after", () => {
        log.push("after");
      });
      hook.on("m.f:error", () => {
        log.push("error");
      });
      hook.on("m.f:always", (c) => {
        log.push("always");
        always.push(c);
      });
      const f = hooks.wrapFunction("m.f", () => {
        log.push("target");
        return "target-result";
      });
      const r = f(1, 2);
      assert.ok(Object.is(r, value), `expected the short-circuit value for ${label}`);
      assert.deepEqual(log, ["sc", "always"]);
      assert.equal(always.length, 1);
      assert.ok(Object.is(always[0].result, value));
      assert.equal(always[0].hasError, false);
      assert.deepEqual(always[0].errors, []);
    });
  }

  test("a higher-priority short-circuit prevents lower-priority before hooks", () => {
    const { hooks, hook, log } = setup();
    hook.on("m.f:before", () => {
      log.push("low");
    });
    hook.on(
      "m.f:before",
      () => {
        log.push("high");
        return "cached";
      },
      { priority: 10 },
    );
    assert.equal(hooks.wrapFunction("m.f", () => "real")(), "cached");
    assert.deepEqual(log, ["high"]);
  });

  test("args rewritten before the short-circuit are what always hooks see", () => {
    const { hooks, hook } = setup();
    let alwaysArgs;
    hook.on("m.f:before", () => [9, 9]);
    hook.on("m.f:before", () => "short");
    hook.on("m.f:always", ({ args }) => {
      alwaysArgs = args;
    });
    assert.equal(hooks.wrapFunction("m.f", () => 0)(1, 2), "short");
    assert.deepEqual(alwaysArgs, [9, 9]);
  });
});

// ------------------------------------------------------------------------------------------------
describe("§8.2 HOOK_BEFORE_RETURNED_PROMISE", () => {
  function scenario(returned, config = true) {
    const { hooks, hook, log } = setup(config);
    const errs = [];
    const always = [];
    hook.on("math.add:before", () => returned, { id: "BP" });
    hook.on("math.add:before", () => {
      log.push("later-before");
    });
    hook.on("math.add:after", () => {
      log.push("after");
    });
    hook.on("math.add:error", (c) => {
      log.push("error");
      errs.push(c);
    });
    hook.on("math.add:always", (c) => {
      log.push("always");
      always.push(c);
    });
    const add = hooks.wrapFunction("math.add", (a, b) => {
      log.push("target");
      return a + b;
    });
    return { add, log, errs, always };
  }

  for (const [label, make] of [
    ["a native promise", () => Promise.resolve(1)],
    ["a custom thenable", () => ({ then() {} })],
  ]) {
    test(`before hook returning ${label} → HookError thrown synchronously, reported once as 'before'`, () => {
      const { add, log, errs, always } = scenario(make());
      const r = attempt(() => add(1, 2));
      assert.equal(r.threw, true);
      const e = r.error;
      assert.ok(e instanceof HookError);
      assert.ok(e instanceof Error);
      assert.equal(e.code, "HOOK_BEFORE_RETURNED_PROMISE");
      assert.equal(
        e.message,
        "[HOOK_BEFORE_RETURNED_PROMISE] Before hook 'BP' for path 'math.add' returned a Promise. Before hooks must be synchronous.",
      );
      assert.deepEqual(e.context, { id: "BP", path: "math.add" });
      assert.equal(e.hint, HINT_BEFORE_PROMISE);
      assert.deepEqual(log, ["error", "always"]);
      assert.equal(errs[0].error, e);
      assert.equal(errs[0].source.type, "before");
      assert.equal(errs[0].source.hookId, "BP");
      assert.equal(errs[0].source.hookTag, "BP");
      assert.equal(errs[0].source.subset, "primary");
      assert.equal(always[0].hasError, true);
      assert.deepEqual(always[0].errors, [e]);
      assert.equal(always[0].result, undefined);
    });
  }

  test("with suppressErrors the call returns undefined; always hooks learn of the failure (§11 (p))", () => {
    const { add, log, errs, always } = scenario(Promise.resolve(1), { suppressErrors: true });
    const r = attempt(() => add(1, 2));
    assert.equal(r.threw, false);
    assert.equal(r.value, undefined);
    assert.deepEqual(log, ["error", "always"]);
    assert.equal(errs[0].error.code, "HOOK_BEFORE_RETURNED_PROMISE");
    assert.equal(always[0].hasError, true);
    assert.equal(always[0].result, undefined);
    assert.deepEqual(always[0].errors, [errs[0].error]);
  });
});

// ------------------------------------------------------------------------------------------------
describe("§8.6 after phase chaining", () => {
  test("each non-undefined return replaces the result for the following hooks and the caller", () => {
    const { hooks, hook } = setup();
    const seen = [];
    hook.on("m.f:after", ({ result }) => {
      seen.push(result);
      return result + 1;
    });
    hook.on("m.f:after", ({ result }) => {
      seen.push(result);
      return result * 10;
    });
    hook.on("m.f:after", ({ result }) => {
      seen.push(result);
    });
    let alwaysResult;
    hook.on("m.f:always", ({ result }) => {
      alwaysResult = result;
    });
    assert.equal(hooks.wrapFunction("m.f", () => 3)(), 40);
    assert.deepEqual(seen, [3, 4, 40]);
    assert.equal(alwaysResult, 40);
  });

  for (const [label, v] of [
    ["null", null],
    ["0", 0],
    ["false", false],
    ['""', ""],
  ]) {
    test(`an after hook returning ${label} replaces the result`, () => {
      const { hooks, hook } = setup();
      let next;
      hook.on("m.f:after", () => v);
      hook.on("m.f:after", ({ result }) => {
        next = result;
      });
      const r = hooks.wrapFunction("m.f", () => "orig")();
      assert.ok(Object.is(r, v));
      assert.ok(Object.is(next, v));
    });
  }

  test("a hook can never change the result to undefined", () => {
    const { hooks, hook } = setup();
    hook.on("m.f:after", () => null);
    hook.on("m.f:after", () => undefined);
    assert.equal(hooks.wrapFunction("m.f", () => 5)(), null);
    const h2 = setup();
    h2.hook.on("m.g:after", () => undefined);
    assert.equal(h2.hooks.wrapFunction("m.g", () => 5)(), 5);
  });

  test("replacing 0 with -0 is 'not modified': the caller and always hooks get +0", () => {
    const { hooks, hook } = setup();
    let next, alwaysResult;
    hook.on("m.f:after", () => -0);
    hook.on("m.f:after", ({ result }) => {
      next = result;
    });
    hook.on("m.f:always", ({ result }) => {
      alwaysResult = result;
    });
    const r = hooks.wrapFunction("m.f", () => 0)();
    assert.ok(Object.is(next, -0), "the following hook sees -0");
    assert.ok(Object.is(r, 0), "the caller gets +0");
    assert.ok(Object.is(alwaysResult, 0));
  });

  test("replacing -0 with 0 is 'not modified': the caller gets -0", () => {
    const { hooks, hook } = setup();
    hook.on("m.f:after", () => 0);
    assert.ok(Object.is(hooks.wrapFunction("m.f", () => -0)(), -0));
  });

  test("NaN results: a NaN replacement reaches the caller; a NaN target result stays NaN", () => {
    const { hooks, hook } = setup();
    hook.on("m.f:after", () => NaN);
    assert.ok(Number.isNaN(hooks.wrapFunction("m.f", () => 1)()));
    const h2 = setup();
    h2.hook.on("m.g:after", () => {});
    assert.ok(Number.isNaN(h2.hooks.wrapFunction("m.g", () => NaN)()));
  });

  test("returning the same object keeps its identity; in-place result mutation is visible", () => {
    const { hooks, hook } = setup();
    const obj = { n: 1 };
    hook.on("m.f:after", ({ result }) => {
      result.n = 2;
      return result;
    });
    const r = hooks.wrapFunction("m.f", () => obj)();
    assert.equal(r, obj);
    assert.equal(obj.n, 2);
  });

  test("an after hook returning a promise makes that promise the result of a sync call", () => {
    const { hooks, hook } = setup();
    const p = Promise.resolve("later");
    let alwaysResult;
    hook.on("m.f:after", () => p);
    hook.on("m.f:always", ({ result }) => {
      alwaysResult = result;
    });
    const r = hooks.wrapFunction("m.f", () => 1)();
    assert.equal(r, p);
    assert.equal(alwaysResult, p);
  });

  test("after hooks receive the post-before-phase args", () => {
    const { hooks, hook } = setup();
    let afterArgs;
    hook.on("m.f:before", () => ["x", "y"]);
    hook.on("m.f:after", ({ args }) => {
      afterArgs = args;
    });
    hooks.wrapFunction("m.f", () => 0)(1, 2);
    assert.deepEqual(afterArgs, ["x", "y"]);
  });
});

// ------------------------------------------------------------------------------------------------
describe("§8.9 context objects", () => {
  test("exact key order for before, after, always and error contexts", () => {
    const { hooks, hook } = setup();
    const keys = {};
    for (const type of ["before", "after", "always"]) {
      hook.on(`m.ok:${type}`, (c) => {
        keys[type] = Object.keys(c);
      });
    }
    hook.on("m.bad:error", (c) => {
      keys.error = Object.keys(c);
    });
    hooks.wrapFunction("m.ok", () => 1)();
    attempt(() =>
      hooks.wrapFunction("m.bad", () => {
        throw new Error("x");
      })(),
    );
    assert.deepEqual(keys.before, ["path", "args", "api", "ctx"]);
    assert.deepEqual(keys.after, ["path", "args", "result", "api", "ctx"]);
    assert.deepEqual(keys.always, ["path", "args", "result", "hasError", "errors", "api", "ctx"]);
    assert.deepEqual(keys.error, ["path", "args", "error", "errorType", "source", "timestamp", "api", "ctx"]);
  });

  test("context objects are fresh, plain, extensible, not frozen, per handler invocation", () => {
    const { hooks, hook } = setup();
    const ctxs = [];
    hook.on("m.f:before", (c) => {
      ctxs.push(c);
    });
    hook.on("m.f:before", (c) => {
      ctxs.push(c);
    });
    hook.on("m.f:always", (c) => {
      ctxs.push(c);
    });
    hook.on("m.f:always", (c) => {
      ctxs.push(c);
    });
    hooks.wrapFunction("m.f", () => 1)();
    assert.equal(ctxs.length, 4);
    assert.equal(new Set(ctxs).size, 4);
    for (const c of ctxs) {
      assert.equal(Object.isFrozen(c), false);
      assert.equal(Object.isExtensible(c), true);
      assert.equal(Object.getPrototypeOf(c), Object.prototype);
    }
    assert.equal(ctxs[2].errors, ctxs[3].errors, "the errors array is shared by always hooks");
  });

  test("path is passed verbatim", () => {
    const { hooks, hook } = setup();
    let path;
    hook.on("**:before", (c) => {
      path = c.path;
    });
    hooks.wrapFunction("a.b.c-d", () => 0)();
    assert.equal(path, "a.b.c-d");
  });
});

// ------------------------------------------------------------------------------------------------
describe("§8.7 always phase", () => {
  test("success: result is the after-modified result, hasError false, errors []", () => {
    const { hooks, hook } = setup();
    const seen = [];
    hook.on("m.f:after", ({ result }) => result * 2);
    hook.on("m.f:always", (c) => {
      seen.push(c);
    });
    assert.equal(hooks.wrapFunction("m.f", () => 21)(), 42);
    assert.equal(seen.length, 1);
    assert.equal(seen[0].result, 42);
    assert.equal(seen[0].hasError, false);
    assert.deepEqual(seen[0].errors, []);
    assert.ok(Array.isArray(seen[0].errors));
  });

  test("failure: result undefined even if something was computed, hasError true, errors [E]", () => {
    const { hooks, hook } = setup();
    const seen = [];
    const E = new RangeError("bad");
    hook.on("m.f:after", () => {
      throw E;
    });
    hook.on("m.f:always", (c) => {
      seen.push(c);
    });
    const r = attempt(() => hooks.wrapFunction("m.f", () => 5)());
    assert.equal(r.error, E);
    assert.equal(seen.length, 1);
    assert.equal(seen[0].result, undefined);
    assert.equal(seen[0].hasError, true);
    assert.equal(seen[0].errors.length, 1);
    assert.equal(seen[0].errors[0], E);
  });

  test("the errors array is one shared object; mutations are visible to later always hooks", () => {
    const { hooks, hook } = setup();
    let first, second, secondLen;
    hook.on("m.f:always", ({ errors }) => {
      first = errors;
      errors.push("note");
    });
    hook.on("m.f:always", ({ errors }) => {
      second = errors;
      secondLen = errors.length;
    });
    hooks.wrapFunction("m.f", () => 1)();
    assert.equal(first, second);
    assert.equal(secondLen, 1);
  });

  test("return values of always hooks are ignored", () => {
    const { hooks, hook } = setup();
    hook.on("m.f:always", () => 999);
    hook.on("m.f:always", () => null);
    assert.equal(hooks.wrapFunction("m.f", () => 1)(), 1);
  });

  const onceScenarios = [
    ["success", (hook) => {}, () => 1, { threw: false }],
    ["short-circuit", (hook) => hook.on("m.f:before", () => "sc"), () => 1, { threw: false }],
    [
      "target throws",
      () => {},
      () => {
        throw new Error("t");
      },
      { threw: true },
    ],
    [
      "before throws",
      (hook) =>
        hook.on("m.f:before", () => {
          throw new Error("b");
        }),
      () => 1,
      { threw: true },
    ],
    [
      "after throws",
      (hook) =>
        hook.on("m.f:after", () => {
          throw new Error("a");
        }),
      () => 1,
      { threw: true },
    ],
    [
      "an always hook throws",
      (hook) =>
        hook.on("m.f:always", () => {
          throw new Error("w");
        }),
      () => 1,
      { threw: false },
    ],
  ];
  for (const [label, extra, target, expect] of onceScenarios) {
    test(`always hooks run exactly once per call (${label})`, () => {
      const { hooks, hook } = setup();
      let count = 0;
      hook.on("m.f:always", () => {
        count++;
      });
      extra(hook);
      const r = attempt(() => hooks.wrapFunction("m.f", target)());
      assert.equal(r.threw, expect.threw);
      assert.equal(count, 1);
    });
  }

  test("an always hook that throws is reported as 'always', the next always hook runs, the outcome is unaffected", () => {
    for (const config of [true, { suppressErrors: true }]) {
      const { hooks, hook, log } = setup(config);
      const E = new Error("w");
      const errs = [];
      hook.on(
        "m.f:always",
        () => {
          log.push("w1");
          throw E;
        },
        { id: "W1", subset: "before" },
      );
      hook.on("m.f:always", () => {
        log.push("w2");
      });
      hook.on("m.f:error", (c) => {
        log.push("error");
        errs.push(c);
      });
      assert.equal(hooks.wrapFunction("m.f", () => 7)(), 7);
      assert.deepEqual(log, ["w1", "error", "w2"]);
      assert.equal(errs.length, 1);
      assert.equal(errs[0].error, E);
      assert.deepEqual(Object.keys(errs[0].source), ["type", "subset", "hookTag", "hookId", "timestamp", "stack"]);
      assert.equal(errs[0].source.type, "always");
      assert.equal(errs[0].source.subset, "before");
      assert.equal(errs[0].source.hookId, "W1");
      assert.equal(errs[0].source.hookTag, "W1");
    }
  });

  test("an always hook throwing on the failure path does not replace the call's error", () => {
    const { hooks, hook } = setup();
    const T = new Error("target");
    hook.on("m.f:always", () => {
      throw new Error("always");
    });
    const r = attempt(() =>
      hooks.wrapFunction("m.f", () => {
        throw T;
      })(),
    );
    assert.equal(r.error, T);
  });
});

// ------------------------------------------------------------------------------------------------
describe("§8.8/§8.12 error phase", () => {
  class MyErr extends Error {}
  function Anon() {}
  Object.defineProperty(Anon, "name", { value: "" });
  const errorTypeCases = [
    ["TypeError", () => new TypeError("t"), "TypeError"],
    ["RangeError", () => new RangeError("r"), "RangeError"],
    ["a subclass", () => new MyErr("m"), "MyErr"],
    ["a thrown string", () => "str", "String"],
    ["a thrown number", () => 42, "Number"],
    ["a thrown boolean", () => false, "Boolean"],
    ["a plain object", () => ({ a: 1 }), "Object"],
    ["Object.create(null)", () => Object.create(null), "Error"],
    ["an instance of a constructor with an empty name", () => new Anon(), "Error"],
    ["an object whose constructor has no name", () => ({ constructor: {} }), "Error"],
    ["null", () => null, "Error"],
    ["undefined", () => undefined, "Error"],
  ];
  for (const [label, make, expected] of errorTypeCases) {
    test(`errorType of ${label} is "${expected}"`, () => {
      const { hooks, hook } = setup();
      const seen = [];
      hook.on("m.f:error", (c) => {
        seen.push(c);
      });
      const thrown = make();
      const r = attempt(() =>
        hooks.wrapFunction("m.f", () => {
          throw thrown;
        })(),
      );
      assert.equal(r.threw, true);
      assert.ok(Object.is(r.error, thrown));
      assert.equal(seen.length, 1);
      assert.ok(Object.is(seen[0].error, thrown));
      assert.equal(seen[0].errorType, expected);
    });
  }

  test("target failure source: {type:'function', timestamp, stack} exactly, timestamp a number, stack = error.stack", () => {
    const { hooks, hook } = setup();
    let src;
    hook.on("m.f:error", ({ source }) => {
      src = source;
    });
    const E = new Error("x");
    const t0 = Date.now();
    attempt(() =>
      hooks.wrapFunction("m.f", () => {
        throw E;
      })(),
    );
    const t1 = Date.now();
    assert.deepEqual(Object.keys(src), ["type", "timestamp", "stack"]);
    assert.equal(src.type, "function");
    assert.equal(typeof src.timestamp, "number");
    assert.ok(src.timestamp >= t0 && src.timestamp <= t1);
    assert.equal(src.stack, E.stack);
  });

  for (const type of ["before", "after"]) {
    test(`${type}-hook failure source: {type, subset, hookTag, hookId, timestamp, stack} exactly`, () => {
      const { hooks, hook } = setup();
      let src;
      const E = new Error(type);
      hook.on(
        `m.f:${type}`,
        () => {
          throw E;
        },
        { id: "failing", subset: "after" },
      );
      hook.on("m.f:error", ({ source }) => {
        src = source;
      });
      const t0 = Date.now();
      const r = attempt(() => hooks.wrapFunction("m.f", () => 1)());
      const t1 = Date.now();
      assert.equal(r.error, E);
      assert.deepEqual(Object.keys(src), ["type", "subset", "hookTag", "hookId", "timestamp", "stack"]);
      assert.deepEqual(
        { ...src, timestamp: 0 },
        { type, subset: "after", hookTag: "failing", hookId: "failing", timestamp: 0, stack: E.stack },
      );
      assert.equal(typeof src.timestamp, "number");
      assert.ok(src.timestamp >= t0 && src.timestamp <= t1);
    });
  }

  test("timestamp is a new Date per error-hook invocation; source is the same object for all", () => {
    const { hooks, hook } = setup();
    const seen = [];
    hook.on("m.f:error", (c) => {
      seen.push(c);
    });
    hook.on("m.f:error", (c) => {
      seen.push(c);
    });
    const t0 = Date.now();
    attempt(() =>
      hooks.wrapFunction("m.f", () => {
        throw new Error("x");
      })(),
    );
    const t1 = Date.now();
    assert.equal(seen.length, 2);
    assert.ok(seen[0].timestamp instanceof Date);
    assert.ok(seen[1].timestamp instanceof Date);
    assert.notEqual(seen[0].timestamp, seen[1].timestamp);
    assert.ok(seen[0].timestamp.getTime() >= t0 && seen[1].timestamp.getTime() <= t1);
    assert.equal(seen[0].source, seen[1].source);
    assert.notEqual(seen[0], seen[1]);
  });

  test("error hooks of a before-hook failure see the args current at that moment", () => {
    const { hooks, hook } = setup();
    let errArgs, alwaysArgs;
    hook.on("m.f:before", () => [10, 20]);
    hook.on("m.f:before", () => {
      throw new Error("b");
    });
    hook.on("m.f:error", ({ args }) => {
      errArgs = args;
    });
    hook.on("m.f:always", ({ args }) => {
      alwaysArgs = args;
    });
    attempt(() => hooks.wrapFunction("m.f", () => 0)(1, 2));
    assert.deepEqual(errArgs, [10, 20]);
    assert.deepEqual(alwaysArgs, [1, 2], "always hooks see the original args after a rethrown before error");
  });

  test("an error hook that throws is swallowed; the next error hook runs; no recursion", () => {
    for (const thrownByHook of [new Error("eh"), "prim", null]) {
      const { hooks, hook, log } = setup();
      const E = new Error("target");
      hook.on("m.f:error", () => {
        log.push("e1");
        throw thrownByHook;
      });
      hook.on("m.f:error", ({ error }) => {
        log.push(error === E ? "e2" : "e2-wrong");
      });
      hook.on("m.f:always", ({ errors }) => {
        log.push(["always", errors.length, errors[0] === E]);
      });
      const r = attempt(() =>
        hooks.wrapFunction("m.f", () => {
          throw E;
        })(),
      );
      assert.equal(r.error, E);
      assert.deepEqual(log, ["e1", "e2", ["always", 1, true]]);
    }
  });

  test("the marker means 'delivered to an error hook' (§11 (n)): not set when no error hook is registered for the path", () => {
    const { hooks, hook } = setup();
    hook.on("m.f:always", () => {});
    hook.on("elsewhere:error", () => {});
    const E = new Error("x");
    attempt(() =>
      hooks.wrapFunction("m.f", () => {
        throw E;
      })(),
    );
    assert.equal(E[MARKER], undefined);
    hook.on("m.f:error", () => {});
    attempt(() =>
      hooks.wrapFunction("m.f", () => {
        throw E;
      })(),
    );
    assert.equal(E[MARKER], true);
  });

  test("the marker is already set when error hooks run", () => {
    const { hooks, hook } = setup();
    let marked;
    hook.on("m.f:error", ({ error }) => {
      marked = error[MARKER];
    });
    attempt(() =>
      hooks.wrapFunction("m.f", () => {
        throw new Error("x");
      })(),
    );
    assert.equal(marked, true);
  });

  test("functions thrown are reported but not marked", () => {
    const { hooks, hook } = setup();
    const seen = [];
    hook.on("m.f:error", (c) => {
      seen.push(c);
    });
    const thrownFn = function boom() {};
    const r = attempt(() =>
      hooks.wrapFunction("m.f", () => {
        throw thrownFn;
      })(),
    );
    assert.equal(r.error, thrownFn);
    assert.equal(seen.length, 1);
    assert.equal(seen[0].errorType, "Function");
    assert.equal(thrownFn[MARKER], undefined);
  });

  test("a target error already carrying the marker is not reported, but always hooks still run", () => {
    const { hooks, hook, log } = setup();
    hook.on("m.f:error", () => {
      log.push("error");
    });
    hook.on("m.f:always", ({ hasError, errors }) => {
      log.push(["always", hasError, errors.length]);
    });
    const E = new Error("pre");
    E[MARKER] = true;
    const r = attempt(() =>
      hooks.wrapFunction("m.f", () => {
        throw E;
      })(),
    );
    assert.equal(r.error, E);
    assert.deepEqual(log, [["always", true, 1]]);
  });

  test("an already-marked error thrown again by a hook is reported again (engine phases do not check the mark)", () => {
    const { hooks, hook } = setup();
    const seen = [];
    const E = new Error("pre");
    E[MARKER] = true;
    hook.on("m.f:before", () => {
      throw E;
    });
    hook.on("m.f:error", ({ source }) => {
      seen.push(source.type);
    });
    const r = attempt(() => hooks.wrapFunction("m.f", () => 1)());
    assert.equal(r.error, E);
    assert.deepEqual(seen, ["before"]);
  });
});

// ------------------------------------------------------------------------------------------------
describe("§8.11 suppressErrors: true (standalone)", () => {
  test("before hook throws: reported once ('before'); always hasError true, errors [E], original args (§11 (p)); caller undefined", () => {
    const { hooks, hook, log } = setup({ suppressErrors: true });
    const E = new Error("b");
    const seen = recordAll(hook, "m.f", log);
    hook.on("m.f:before", () => {
      throw E;
    });
    hook.on("m.f:before", () => {
      log.push("later-before");
    });
    const r = attempt(() =>
      hooks.wrapFunction("m.f", () => {
        log.push("target");
        return 1;
      })(),
    );
    assert.deepEqual(r, { threw: false, value: undefined });
    assert.deepEqual(log, ["before", "error", "always"]);
    assert.equal(seen.error.length, 1);
    assert.equal(seen.error[0].error, E);
    assert.equal(seen.error[0].source.type, "before");
    assert.equal(seen.always[0].hasError, true);
    assert.equal(seen.always[0].result, undefined);
    assert.deepEqual(seen.always[0].errors, [E]);
  });

  test("sync target throws: reported once ('function', original value); always hasError true, errors [E]; caller undefined", () => {
    const { hooks, hook, log } = setup({ suppressErrors: true });
    const seen = recordAll(hook, "m.f", log);
    const E = new TypeError("t");
    const r = attempt(() =>
      hooks.wrapFunction("m.f", () => {
        throw E;
      })(),
    );
    assert.deepEqual(r, { threw: false, value: undefined });
    assert.deepEqual(log, ["before", "error", "always"]);
    assert.equal(seen.error[0].error, E);
    assert.equal(seen.error[0].source.type, "function");
    assert.equal(seen.always[0].hasError, true);
    assert.equal(seen.always[0].errors.length, 1);
    assert.equal(seen.always[0].errors[0], E);
  });

  test("sync after hook throws: reported once ('after'), the remaining chain continues (add(1,2) → 103)", () => {
    const { hooks, hook, log } = setup({ suppressErrors: true });
    const E = new Error("a");
    const errs = [];
    let always;
    hook.on("math.add:after", () => {
      log.push("throw");
      throw E;
    });
    hook.on("math.add:after", ({ result }) => {
      log.push(["plus", result]);
      return result + 100;
    });
    hook.on("math.add:error", (c) => {
      log.push("error");
      errs.push(c);
    });
    hook.on("math.add:always", (c) => {
      always = c;
    });
    const api = hooks.wrap({ math: { add: (a, b) => a + b } });
    assert.equal(api.math.add(1, 2), 103);
    assert.deepEqual(log, ["throw", "error", ["plus", 3]]);
    assert.equal(errs.length, 1);
    assert.equal(errs[0].source.type, "after");
    // §11 (p): the always hooks tell the truth; the caller still gets the chain's result
    assert.equal(always.hasError, true);
    assert.equal(always.result, undefined);
    assert.deepEqual(always.errors, [E]);
  });

  test("always hook throws: reported once, other always hooks run, normal result", () => {
    const { hooks, hook, log } = setup({ suppressErrors: true });
    hook.on("m.f:always", () => {
      log.push("w1");
      throw new Error("w");
    });
    hook.on("m.f:always", () => {
      log.push("w2");
    });
    hook.on("m.f:error", ({ source }) => {
      log.push(["error", source.type]);
    });
    assert.equal(hooks.wrapFunction("m.f", () => "ok")(), "ok");
    assert.deepEqual(log, ["w1", ["error", "always"], "w2"]);
  });

  test("error hook throws: swallowed, other error hooks run, caller unaffected (undefined)", () => {
    const { hooks, hook, log } = setup({ suppressErrors: true });
    hook.on("m.f:error", () => {
      log.push("e1");
      throw new Error("eh");
    });
    hook.on("m.f:error", () => {
      log.push("e2");
    });
    const r = attempt(() =>
      hooks.wrapFunction("m.f", () => {
        throw new Error("t");
      })(),
    );
    assert.deepEqual(r, { threw: false, value: undefined });
    assert.deepEqual(log, ["e1", "e2"]);
  });

  for (const value of [1, "yes"]) {
    test(`§11 (j): suppressErrors ${JSON.stringify(value)} (truthy) also suppresses target errors`, () => {
      const { hooks, hook } = setup({ suppressErrors: value });
      let reported = 0;
      hook.on("m.f:error", () => {
        reported++;
      });
      const r = attempt(() =>
        hooks.wrapFunction("m.f", () => {
          throw new Error("t");
        })(),
      );
      assert.deepEqual(r, { threw: false, value: undefined });
      assert.equal(reported, 1);
      const h2 = setup({ suppressErrors: value });
      h2.hook.on("m.g:before", () => {
        throw new Error("b");
      });
      assert.deepEqual(
        attempt(() => h2.hooks.wrapFunction("m.g", () => 1)()),
        { threw: false, value: undefined },
      );
    });
  }

  test("suppressErrors with a before hook throwing null: reported once, caller undefined", () => {
    const { hooks, hook } = setup({ suppressErrors: true });
    const seen = [];
    hook.on("m.f:before", () => {
      throw null;
    });
    hook.on("m.f:error", (c) => {
      seen.push(c);
    });
    assert.deepEqual(attempt(() => hooks.wrapFunction("m.f", () => 1)()), { threw: false, value: undefined });
    assert.equal(seen.length, 1);
    assert.equal(seen[0].error, null);
    assert.equal(seen[0].source.type, "before");
  });
});

// ------------------------------------------------------------------------------------------------
describe("§8.11 without suppressErrors (standalone column)", () => {
  test("before hook throws E: reported once; always hasError true, errors [E]; caller gets E; later hooks and target skipped", () => {
    const { hooks, hook, log } = setup();
    const E = new Error("b");
    const seen = recordAll(hook, "m.f", log);
    hook.on("m.f:before", () => {
      throw E;
    });
    hook.on("m.f:before", () => {
      log.push("later-before");
    });
    const r = attempt(() =>
      hooks.wrapFunction("m.f", () => {
        log.push("target");
      })(),
    );
    assert.equal(r.error, E);
    assert.deepEqual(log, ["before", "error", "always"]);
    assert.equal(seen.error.length, 1);
    assert.equal(seen.always[0].hasError, true);
    assert.deepEqual(seen.always[0].errors, [E]);
    assert.equal(seen.always[0].result, undefined);
  });

  test("§11 (i): sync target throws E: caller receives exactly E (unwrapped); hooks see E", () => {
    const { hooks, hook, log } = setup();
    const seen = recordAll(hook, "m.f", log);
    const E = new TypeError("bad");
    const r = attempt(() =>
      hooks.wrapFunction("m.f", () => {
        throw E;
      })(),
    );
    assert.equal(r.error, E);
    assert.ok(!(r.error instanceof HookError));
    assert.equal(r.error.message, "bad");
    assert.deepEqual(log, ["before", "error", "always"]);
    assert.equal(seen.error[0].error, E);
    assert.equal(seen.error[0].errorType, "TypeError");
    assert.deepEqual(seen.always[0].errors, [E]);
  });

  test("§11 (i)/§11.11: the caller receives an error carrying originalError as is (never wrapped or unwrapped)", () => {
    const { hooks, hook } = setup();
    const inner = new Error("inner");
    const outer = Object.assign(new Error("outer"), { name: "SlothletError", originalError: inner });
    hook.on("m.f:error", () => {});
    const r = attempt(() =>
      hooks.wrapFunction("m.f", () => {
        throw outer;
      })(),
    );
    assert.equal(r.error, outer);
  });

  test("sync after hook throws E: reported once ('after'); remaining after hooks skipped; always hasError true; caller gets E", () => {
    const { hooks, hook, log } = setup();
    const E = new Error("a");
    const errs = [];
    let always;
    hook.on("m.f:after", () => {
      log.push("a1");
      throw E;
    });
    hook.on("m.f:after", () => {
      log.push("a2");
    });
    hook.on("m.f:error", (c) => {
      log.push("error");
      errs.push(c);
    });
    hook.on("m.f:always", (c) => {
      log.push("always");
      always = c;
    });
    const r = attempt(() => hooks.wrapFunction("m.f", () => 1)());
    assert.equal(r.error, E);
    assert.deepEqual(log, ["a1", "error", "always"]);
    assert.equal(errs.length, 1);
    assert.equal(errs[0].source.type, "after");
    assert.equal(always.hasError, true);
    assert.deepEqual(always.errors, [E]);
  });

  for (const [type, P] of [
    ["before", "str"],
    ["after", 42],
  ]) {
    test(`§11 (e): a ${type} hook throwing a primitive (${JSON.stringify(P)}) is reported exactly once`, () => {
      const { hooks, hook } = setup();
      const errs = [];
      let always;
      hook.on(`m.f:${type}`, () => {
        throw P;
      });
      hook.on("m.f:error", (c) => {
        errs.push(c);
      });
      hook.on("m.f:always", (c) => {
        always = c;
      });
      const r = attempt(() => hooks.wrapFunction("m.f", () => 1)());
      assert.equal(r.threw, true);
      assert.equal(r.error, P);
      assert.equal(errs.length, 1);
      assert.equal(errs[0].error, P);
      assert.equal(errs[0].errorType, typeof P === "string" ? "String" : "Number");
      assert.equal(errs[0].source.type, type);
      assert.equal(errs[0].source.stack, undefined);
      assert.ok("stack" in errs[0].source);
      assert.equal(always.hasError, true);
      assert.deepEqual(always.errors, [P]);
    });
  }

  for (const type of ["before", "after"]) {
    for (const [label, N] of [
      ["null", null],
      ["undefined", undefined],
    ]) {
      test(`§11 (e): a ${type} hook throwing ${label} is reported once as is and rethrown`, () => {
        const { hooks, hook } = setup();
        const errs = [];
        let always;
        hook.on(`m.f:${type}`, () => {
          throw N;
        });
        hook.on("m.f:error", (c) => {
          errs.push(c);
        });
        hook.on("m.f:always", (c) => {
          always = c;
        });
        const r = attempt(() => hooks.wrapFunction("m.f", () => 1)());
        assert.equal(r.threw, true);
        assert.equal(r.error, N);
        assert.equal(errs.length, 1);
        assert.equal(errs[0].error, N);
        assert.equal(errs[0].errorType, "Error");
        assert.equal(errs[0].source.type, type);
        assert.equal(errs[0].source.stack, undefined);
        assert.equal(always.hasError, true);
        assert.equal(always.errors.length, 1);
        assert.equal(always.errors[0], N);
      });
    }
  }

  for (const [label, N] of [
    ["null", null],
    ["undefined", undefined],
    ["a string", "s"],
  ]) {
    test(`§11 (e): an always hook throwing ${label} is contained: reported once ('always'), outcome unchanged`, () => {
      const { hooks, hook, log } = setup();
      hook.on("m.f:always", () => {
        log.push("w1");
        throw N;
      });
      hook.on("m.f:always", () => {
        log.push("w2");
      });
      hook.on("m.f:error", ({ error, source, errorType }) => {
        log.push(["error", error, source.type, errorType]);
      });
      assert.deepEqual(attempt(() => hooks.wrapFunction("m.f", () => "fine")()), { threw: false, value: "fine" });
      assert.deepEqual(log, ["w1", ["error", N, "always", typeof N === "string" ? "String" : "Error"], "w2"]);
    });
  }

  for (const [label, N] of [
    ["null", null],
    ["undefined", undefined],
    ["a number", 7],
  ]) {
    test(`a target throwing ${label} is reported once as 'function' and reaches the caller as is`, () => {
      const { hooks, hook } = setup();
      const errs = [];
      let always;
      hook.on("m.f:error", (c) => {
        errs.push(c);
      });
      hook.on("m.f:always", (c) => {
        always = c;
      });
      const r = attempt(() =>
        hooks.wrapFunction("m.f", () => {
          throw N;
        })(),
      );
      assert.equal(r.threw, true);
      assert.equal(r.error, N);
      assert.equal(errs.length, 1);
      assert.equal(errs[0].error, N);
      assert.equal(errs[0].source.type, "function");
      assert.equal(errs[0].source.stack, undefined);
      assert.equal(always.hasError, true);
      assert.equal(always.errors.length, 1);
      assert.equal(always.errors[0], N);
    });
  }
});

// ------------------------------------------------------------------------------------------------
describe("§11.10 frozen error objects", () => {
  test("a frozen error thrown by the target is reported once as 'function' and reaches the caller unchanged", () => {
    const { hooks, hook } = setup();
    const F = Object.freeze(new Error("frozen"));
    const errs = [];
    let always;
    hook.on("m.f:error", (c) => {
      errs.push(c);
    });
    hook.on("m.f:always", (c) => {
      always = c;
    });
    const r = attempt(() =>
      hooks.wrapFunction("m.f", () => {
        throw F;
      })(),
    );
    assert.equal(r.error, F);
    assert.equal(errs.length, 1);
    assert.equal(errs[0].error, F);
    assert.equal(errs[0].source.type, "function");
    assert.equal(always.hasError, true);
    assert.deepEqual(always.errors, [F]);
    assert.equal(Object.getOwnPropertySymbols(F).includes(MARKER), false);
  });

  for (const type of ["before", "after"]) {
    test(`a frozen error thrown by a ${type} hook is reported once (as '${type}' only)`, () => {
      const { hooks, hook } = setup();
      const F = Object.freeze(new TypeError("frozen"));
      const types = [];
      hook.on(`m.f:${type}`, () => {
        throw F;
      });
      hook.on("m.f:error", ({ error, source }) => {
        types.push([source.type, error === F]);
      });
      const r = attempt(() => hooks.wrapFunction("m.f", () => 1)());
      assert.equal(r.error, F);
      assert.deepEqual(types, [[type, true]]);
    });
  }

  test("a non-extensible (preventExtensions) error is treated the same way", () => {
    const { hooks, hook } = setup({ suppressErrors: true });
    const N = Object.preventExtensions(new Error("sealed"));
    let count = 0;
    hook.on("m.f:error", ({ error }) => {
      assert.equal(error, N);
      count++;
    });
    assert.deepEqual(
      attempt(() =>
        hooks.wrapFunction("m.f", () => {
          throw N;
        })(),
      ),
      { threw: false, value: undefined },
    );
    assert.equal(count, 1);
  });
});

// ------------------------------------------------------------------------------------------------
describe("nested wrapped calls (§8.1, §8.13, §11 (i), §11.11)", () => {
  function nested(config = true, inner = (a, b) => a + b) {
    const { hooks, hook, log } = setup(config);
    let api;
    api = hooks.wrap({
      math: { add: (...a) => inner(...a) },
      outer: { sum: (a, b) => api.math.add(a, b) },
    });
    for (const type of ["before", "after", "always", "error"]) {
      hook.on(`**:${type}`, (c) => {
        const entry = [type, c.path];
        if (type === "error") entry.push(c.source.type);
        if (type === "always") entry.push(c.hasError);
        log.push(entry);
      });
    }
    return { hooks, hook, log, api };
  }

  test("each nested call gets its own full hook run", () => {
    const { log, api } = nested();
    assert.equal(api.outer.sum(1, 2), 3);
    assert.deepEqual(log, [
      ["before", "outer.sum"],
      ["before", "math.add"],
      ["after", "math.add"],
      ["always", "math.add", false],
      ["after", "outer.sum"],
      ["always", "outer.sum", false],
    ]);
  });

  test("an object error from the inner target is reported once in all; always hooks run at every level", () => {
    const E = new Error("inner");
    const { log, api } = nested(true, () => {
      throw E;
    });
    const r = attempt(() => api.outer.sum(1, 2));
    assert.equal(r.error, E);
    assert.deepEqual(log, [
      ["before", "outer.sum"],
      ["before", "math.add"],
      ["error", "math.add", "function"],
      ["always", "math.add", true],
      ["always", "outer.sum", true],
    ]);
  });

  test("an inner before-hook error: 'before' at the inner path, not reported again at the outer path", () => {
    const { hook, log, api } = nested();
    const E = new Error("b");
    hook.on("math.add:before", () => {
      throw E;
    });
    const r = attempt(() => api.outer.sum(1, 2));
    assert.equal(r.error, E);
    assert.deepEqual(log, [
      ["before", "outer.sum"],
      ["before", "math.add"],
      ["error", "math.add", "before"],
      ["always", "math.add", true],
      ["always", "outer.sum", true],
    ]);
  });

  for (const [label, P] of [
    ["a primitive", "p"],
    ["null", null],
  ]) {
    test(`${label} thrown by the inner target is reported once at each level`, () => {
      const { log, api } = nested(true, () => {
        throw P;
      });
      const r = attempt(() => api.outer.sum(1, 2));
      assert.equal(r.threw, true);
      assert.equal(r.error, P);
      assert.deepEqual(log, [
        ["before", "outer.sum"],
        ["before", "math.add"],
        ["error", "math.add", "function"],
        ["always", "math.add", true],
        ["error", "outer.sum", "function"],
        ["always", "outer.sum", true],
      ]);
    });
  }

  test("with suppressErrors an inner failure returns undefined to the outer target, which succeeds", () => {
    const { log, api } = nested({ suppressErrors: true }, () => {
      throw new Error("inner");
    });
    const r = attempt(() => api.outer.sum(1, 2));
    assert.deepEqual(r, { threw: false, value: undefined });
    assert.deepEqual(log, [
      ["before", "outer.sum"],
      ["before", "math.add"],
      ["error", "math.add", "function"],
      ["always", "math.add", true],
      ["after", "outer.sum"],
      ["always", "outer.sum", false],
    ]);
  });

  test("nested calls get their own ctx (fresh {} per call) and the same root api", () => {
    const { hooks, hook } = setup();
    const ctxs = {};
    const apis = new Set();
    let api;
    api = hooks.wrap({ inner: () => 1, outer: () => api.inner() + 1 });
    hook.on("**:before", ({ path, ctx, api: a }) => {
      ctxs[path] = ctx;
      apis.add(a);
    });
    assert.equal(api.outer(), 2);
    assert.notEqual(ctxs.outer, ctxs.inner);
    assert.deepEqual([...apis], [api]);
  });
});

// ------------------------------------------------------------------------------------------------
describe("`this` inside handlers (§3.7)", () => {
  for (const type of ["before", "after", "always", "error"]) {
    test(`a ${type} handler's this exposes id, type, pattern, priority, subset, enabled, lockCaller`, () => {
      const { hooks, hook } = setup();
      let self;
      hook.on(
        `math.*:${type}`,
        function () {
          self = this;
        },
        { id: `T-${type}`, priority: 7, subset: "after" },
      );
      attempt(() =>
        hooks.wrapFunction("math.add", () => {
          if (type === "error") throw new Error("x");
          return 1;
        })(),
      );
      assert.ok(self && typeof self === "object");
      assert.equal(self.id, `T-${type}`);
      assert.equal(self.type, type);
      assert.equal(self.pattern, "math.*");
      assert.equal(self.priority, 7);
      assert.equal(self.subset, "after");
      assert.equal(self.enabled, true);
      assert.equal(self.lockCaller, true);
    });
  }

  test("this is per hook; lockCaller:false is honoured for host hooks; defaults are primary/0", () => {
    const { hooks, hook } = setup();
    const selves = [];
    hook.on("m.f:before", function () {
      selves.push(this);
    });
    hook.on(
      "m.f:before",
      function () {
        selves.push(this);
      },
      { id: "unpinned", lockCaller: false },
    );
    hooks.wrapFunction("m.f", () => 1)();
    assert.equal(selves.length, 2);
    assert.notEqual(selves[0], selves[1]);
    assert.match(selves[0].id, /^hook-\d+$/);
    assert.equal(selves[0].priority, 0);
    assert.equal(selves[0].subset, "primary");
    assert.equal(selves[1].id, "unpinned");
    assert.equal(selves[1].lockCaller, false);
    assert.equal(hook.list({ id: "unpinned" }).registeredHooks[0].lockCaller, false);
  });
});

// ------------------------------------------------------------------------------------------------
describe("ctx and api (§8.1 step 3, §11.11)", () => {
  test("without config.context: a fresh {} per call, shared by all hooks of the call (incl. error)", () => {
    const { hooks, hook } = setup();
    const perCall = [];
    let current;
    hook.on("m.f:before", ({ ctx }) => {
      current = [ctx];
      perCall.push(current);
      assert.deepEqual(ctx, {});
      assert.equal(Object.getPrototypeOf(ctx), Object.prototype);
      ctx.mark = 1;
    });
    for (const type of ["after", "always", "error"]) {
      hook.on(`m.f:${type}`, ({ ctx }) => {
        current.push(ctx);
      });
    }
    let fail = false;
    const f = hooks.wrapFunction("m.f", () => {
      if (fail) throw new Error("x");
      return 1;
    });
    f();
    fail = true;
    attempt(() => f());
    assert.equal(perCall.length, 2);
    assert.equal(perCall[0].length, 3); // before, after, always
    assert.equal(perCall[1].length, 3); // before, error, always
    for (const group of perCall) for (const c of group) assert.equal(c, group[0]);
    assert.notEqual(perCall[0][0], perCall[1][0]);
    assert.equal(perCall[0][0].mark, 1);
  });

  test("with config.context: that very object for every hook of every call", () => {
    const shared = { tenant: "t" };
    const { hooks, hook } = setup({ context: shared });
    const seen = [];
    for (const type of ["before", "after", "always"]) {
      hook.on(`m.f:${type}`, ({ ctx }) => {
        seen.push(ctx);
      });
    }
    hook.on("m.f:before", ({ ctx }) => {
      ctx.calls = (ctx.calls ?? 0) + 1;
    });
    const f = hooks.wrapFunction("m.f", () => 1);
    f();
    f();
    assert.equal(seen.length, 6);
    for (const c of seen) assert.equal(c, shared);
    assert.equal(shared.calls, 2);
  });

  test("api is the wrapped root for every path of a wrapped tree", () => {
    const { hooks, hook } = setup();
    const apis = [];
    for (const type of ["before", "after", "always"]) {
      hook.on(`**:${type}`, ({ api }) => {
        apis.push(api);
      });
    }
    const api = hooks.wrap({ a: { b: { c: () => 1 } }, top: () => 2 });
    api.a.b.c();
    api.top();
    assert.equal(apis.length, 6);
    for (const a of apis) assert.equal(a, api);
  });

  test("with wrapFunction, api is the returned wrapped function", () => {
    const { hooks, hook } = setup();
    let seen;
    hook.on("x.y:before", ({ api }) => {
      seen = api;
    });
    const f = hooks.wrapFunction("x.y", () => 1);
    f();
    assert.equal(seen, f);
  });
});

// ------------------------------------------------------------------------------------------------
describe("§8.1 gate", () => {
  function everything(hook, log) {
    for (const type of ["before", "after", "always", "error"]) {
      hook.on(`**:${type}`, ({ path }) => {
        log.push([type, path]);
      });
    }
  }

  test("management and diagnostics calls never run hooks", () => {
    const { hooks, hook, log } = setup();
    everything(hook, log);
    const api = hooks.wrap({ f: () => 1 });
    hook.list();
    const id = hook.on("zzz:before", () => {});
    hook.disable({ id });
    hook.enable({ id });
    hook.off(id);
    hook.enablePattern("**");
    hook.disablePattern("**");
    hook.resetPatternFilter();
    void hook.pin.enabled;
    hook.pin.disable();
    hook.pin.enable();
    hooks.diag.hook.compilePattern("a.*")("a.b");
    void hooks.diag.hook.enabled;
    hooks.diag.hook.explain("f");
    api.slothlet.hook.list();
    api.slothlet.hook.enable();
    void api.slothlet.diag.hook.enabled;
    assert.deepEqual(log, []);
    assert.equal(api.f(), 1);
    assert.deepEqual(log.map((e) => e[0]), ["before", "after", "always"]);
  });

  for (const path of ["slothlet.hook", "slothlet.hook.on", "slothlet.hook.pin.enable"]) {
    test(`a function at path "${path}" runs no hooks (the gate is by segment, §11 (t)) and no engine work`, () => {
      const { hooks, hook, log } = setup();
      everything(hook, log);
      const f = hooks.wrapFunction(path, (x) => x * 2);
      assert.equal(f(4), 8);
      const E = new Error("x");
      const g = hooks.wrapFunction(path, () => {
        throw E;
      });
      assert.equal(attempt(() => g()).error, E);
      assert.deepEqual(log, []);
      assert.equal(E[MARKER], undefined);
    });
  }

  for (const path of ["slothlet.ho", "slothlet.diag.x", "x.slothlet.hook", "slothlethook", "slothlet.hooks", "slothlet.hooks.x", "slothlet.hookish"]) {
    test(`a function at path "${path}" does run hooks`, () => {
      const { hooks, hook, log } = setup();
      everything(hook, log);
      hooks.wrapFunction(path, () => 1)();
      assert.deepEqual(log, [
        ["before", path],
        ["after", path],
        ["always", path],
      ]);
    });
  }

  for (const config of [undefined, false, { enabled: false }]) {
    test(`a disabled system (${JSON.stringify(config)}) runs no hooks and does not mark errors`, () => {
      const { hooks, hook, log } = setup(config);
      everything(hook, log);
      assert.equal(hooks.wrapFunction("m.f", () => 3)(), 3);
      const E = new Error("x");
      assert.equal(
        attempt(() =>
          hooks.wrapFunction("m.f", () => {
            throw E;
          })(),
        ).error,
        E,
      );
      assert.deepEqual(log, []);
      assert.equal(E[MARKER], undefined);
    });
  }

  test("new on a wrapped class constructs the original and runs no hooks", () => {
    const { hooks, hook, log } = setup();
    everything(hook, log);
    class Foo {
      constructor(x) {
        this.x = x;
      }
    }
    const api = hooks.wrap({ Foo });
    const inst = new api.Foo(3);
    assert.equal(inst.x, 3);
    assert.ok(inst instanceof Foo);
    assert.deepEqual(log, []);
  });

  test("new on a wrapFunction-wrapped constructor function runs no hooks", () => {
    const { hooks, hook, log } = setup();
    everything(hook, log);
    function P(x) {
      this.x = x;
    }
    const W = hooks.wrapFunction("P", P);
    const inst = new W(5);
    assert.equal(inst.x, 5);
    assert.ok(inst instanceof P);
    assert.deepEqual(log, []);
  });
});

// ------------------------------------------------------------------------------------------------
// The same rules must hold for a path that has been called many times (implementations may switch
// to an optimised runner for hot paths; behaviour must not change).
describe("hot paths behave the same (after many warm-up calls)", () => {
  const WARM = 100;

  // A target and one before/after hook pair whose behaviour is chosen per call by `mode`.
  function hot(config) {
    const { hooks, hook, log } = config === undefined ? setup() : setup(config);
    const st = { mode: "warm", before: undefined, after: undefined };
    hook.on("h.f:before", (c) => {
      if (st.mode !== "warm") log.push("before");
      return st.before ? st.before(c) : undefined;
    }, { id: "HB" });
    hook.on("h.f:after", (c) => {
      if (st.mode !== "warm") log.push("after");
      return st.after ? st.after(c) : undefined;
    }, { id: "HA" });
    const errs = [];
    const always = [];
    hook.on("h.f:error", (c) => {
      if (st.mode !== "warm") errs.push(c);
    });
    hook.on("h.f:always", (c) => {
      if (st.mode !== "warm") always.push(c);
    });
    st.target = (a, b) => a + b;
    const f = hooks.wrapFunction("h.f", (...a) => st.target(...a));
    for (let i = 0; i < WARM; i++) assert.equal(f(i, 1), i + 1);
    st.mode = "live";
    return { f, st, log, errs, always, hook };
  }

  test("short-circuit values (null, 0, function with then) on a hot path", () => {
    const { f, st, log, always } = hot();
    const fnThen = Object.assign(() => {}, { then() {} });
    for (const v of [null, 0, false, "", fnThen]) {
      st.before = () => v;
      assert.ok(Object.is(f(1, 2), v));
    }
    assert.deepEqual(log, ["before", "before", "before", "before", "before"]);
    assert.equal(always.length, 5);
  });

  test("a thenable from a before hook is HOOK_BEFORE_RETURNED_PROMISE on a hot path", () => {
    const { f, st, errs, always } = hot();
    st.before = () => ({ then() {} });
    const r = attempt(() => f(1, 2));
    assert.ok(r.error instanceof HookError);
    assert.equal(r.error.code, "HOOK_BEFORE_RETURNED_PROMISE");
    assert.deepEqual(r.error.context, { id: "HB", path: "h.f" });
    assert.equal(errs.length, 1);
    assert.equal(always[0].hasError, true);
  });

  test("args rewriting and in-place mutation on a hot path", () => {
    const { f, st } = hot();
    st.before = () => [10, 20];
    assert.equal(f(1, 2), 30);
    st.before = (c) => {
      c.args[1] = 100;
    };
    assert.equal(f(1, 2), 101);
  });

  test("after chaining, -0 and undefined on a hot path", () => {
    const { f, st, always } = hot();
    st.after = ({ result }) => result * 3;
    assert.equal(f(1, 2), 9);
    st.after = () => undefined;
    assert.equal(f(1, 2), 3);
    st.after = () => -0;
    st.target = () => 0;
    assert.ok(Object.is(f(), 0));
    assert.ok(Object.is(always.at(-1).result, 0));
  });

  test("before/after/target errors on a hot path: reported once, rethrown, always hasError true", () => {
    const { f, st, log, errs, always } = hot();
    const E = new Error("b");
    st.before = () => {
      throw E;
    };
    assert.equal(attempt(() => f(1, 2)).error, E);
    st.before = undefined;
    st.after = () => {
      throw "prim";
    };
    assert.equal(attempt(() => f(1, 2)).error, "prim");
    st.after = undefined;
    st.target = () => {
      throw null;
    };
    const r = attempt(() => f(1, 2));
    assert.equal(r.threw, true);
    assert.equal(r.error, null);
    assert.deepEqual(
      errs.map((c) => c.source.type),
      ["before", "after", "function"],
    );
    assert.deepEqual(
      always.map((c) => [c.hasError, c.errors.length]),
      [
        [true, 1],
        [true, 1],
        [true, 1],
      ],
    );
    assert.deepEqual(log, ["before", "before", "after", "before", ]);
  });

  test("suppressErrors on a hot path: before error → undefined; after error → chain continues", () => {
    const { f, st, errs, always } = hot({ suppressErrors: true });
    st.before = () => {
      throw new Error("b");
    };
    assert.deepEqual(attempt(() => f(1, 2)), { threw: false, value: undefined });
    st.before = undefined;
    st.after = () => {
      throw new Error("a");
    };
    assert.equal(f(1, 2), 3);
    st.after = undefined;
    st.target = () => {
      throw new Error("t");
    };
    assert.deepEqual(attempt(() => f(1, 2)), { threw: false, value: undefined });
    assert.deepEqual(
      errs.map((c) => c.source.type),
      ["before", "after", "function"],
    );
    assert.deepEqual(
      always.map((c) => c.hasError),
      [true, true, true],
    );
  });

  test("thenable targets on a hot path: after/always on settlement; rejection reported once", async () => {
    const { f, st, errs, always } = hot();
    st.target = async (a, b) => a * b;
    st.after = ({ result }) => result + 1;
    const p = f(3, 4);
    assert.ok(p instanceof Promise);
    assert.equal(always.length, 0);
    assert.equal(await p, 13);
    assert.equal(always.length, 1);
    const E = new Error("rej");
    st.target = async () => {
      throw E;
    };
    await assert.rejects(f(1, 1), (e) => e === E);
    assert.equal(errs.length, 1);
    assert.equal(errs[0].source.type, "function");
    assert.equal(always[1].hasError, true);
  });
});
