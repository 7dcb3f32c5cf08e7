// Conformance: hooks.wrap / hooks.wrapFunction (spec §11.11 wrap rules, §8.1, js-api notes).
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { createHooks, HookError } from "../index.mjs";
import { catchError } from "./helpers/common.mjs";

// setup() → createHooks(true); setup(x) → createHooks(x) (also for x === undefined)
function setup(...cfg) {
  const hooks = cfg.length ? createHooks(cfg[0]) : createHooks(true);
  const log = [];
  // log every before-hook path
  hooks.hook.on("**:before", ({ path }) => {
    log.push(path);
  });
  return { hooks, hook: hooks.hook, log };
}

// ------------------------------------------------------------------------------------------------
describe("paths", () => {
  test("nested objects map to dotted paths", () => {
    const { hooks, log } = setup();
    const api = hooks.wrap({
      top: () => "t",
      math: { add: (a, b) => a + b, advanced: { mul: (a, b) => a * b } },
      "1": { x: () => "one" },
    });
    assert.equal(api.top(), "t");
    assert.equal(api.math.add(2, 3), 5);
    assert.equal(api.math.advanced.mul(2, 3), 6);
    assert.equal(api[1].x(), "one");
    assert.deepEqual(log, ["top", "math.add", "math.advanced.mul", "1.x"]);
  });

  test("hooks match the dotted path with the pattern language", () => {
    const { hooks, hook } = setup();
    const seen = [];
    hook.on("math.*:after", ({ path, result }) => {
      seen.push(path);
      return result * 10;
    });
    const api = hooks.wrap({ math: { add: (a, b) => a + b, deep: { x: () => 1 } }, other: () => 2 });
    assert.equal(api.math.add(1, 2), 30);
    assert.equal(api.math.deep.x(), 1);
    assert.equal(api.other(), 2);
    assert.deepEqual(seen, ["math.add"]);
  });

  test("a function carrying properties is both callable and traversed", () => {
    const { hooks, log } = setup();
    const util = function (x) {
      return `util:${x}`;
    };
    util.sub = (x) => `sub:${x}`;
    util.nested = { deep: () => "deep" };
    util.version = "1.2.3";
    const api = hooks.wrap({ util });
    assert.equal(typeof api.util, "function");
    assert.equal(api.util("a"), "util:a");
    assert.equal(api.util.sub("b"), "sub:b");
    assert.equal(api.util.nested.deep(), "deep");
    assert.equal(api.util.version, "1.2.3");
    assert.deepEqual(log, ["util", "util.sub", "util.nested.deep"]);
  });

  test("a function as the wrap root: its properties are traversed", () => {
    const { hooks, log } = setup();
    const root = function () {
      return "root";
    };
    root.sub = () => "sub";
    const api = hooks.wrap(root);
    assert.equal(api.sub(), "sub");
    assert.deepEqual(log, ["sub"]);
  });

  test("arrays are objects: elements get index paths (list.0)", () => {
    const { hooks, log } = setup();
    const api = hooks.wrap({ list: [() => "a", () => "b", { c: () => "c" }] });
    assert.equal(api.list[0](), "a");
    assert.equal(api.list[1](), "b");
    assert.equal(api.list[2].c(), "c");
    assert.deepEqual(log, ["list.0", "list.1", "list.2.c"]);
  });
});

// ------------------------------------------------------------------------------------------------
describe("receivers", () => {
  test("a method runs with this = the original object", () => {
    const { hooks } = setup();
    const obj = {
      x: 5,
      get() {
        return this.x;
      },
      bump() {
        this.x++;
        return this;
      },
    };
    const api = hooks.wrap({ obj });
    assert.equal(api.obj.get(), 5);
    assert.equal(api.obj.bump(), obj);
    assert.equal(obj.x, 6);
    assert.equal(api.obj.get(), 6);
  });

  test("class instances: methods run with this = the instance, so private fields work", () => {
    const { hooks, log } = setup();
    class Counter {
      #n = 0;
      inc = function () {
        return ++this.#n;
      };
      peek = function () {
        return this.#n;
      };
    }
    const c = new Counter();
    const api = hooks.wrap({ counter: c });
    assert.equal(api.counter.inc(), 1);
    assert.equal(api.counter.inc(), 2);
    assert.equal(c.peek(), 2, "the original instance's state changed");
    assert.equal(api.counter.peek(), 2);
    assert.deepEqual(log, ["counter.inc", "counter.inc", "counter.peek"]);
  });

  test("a detached wrapped method still runs with this = the original object", () => {
    const { hooks } = setup();
    class Box {
      #v = 41;
      read = function () {
        return this.#v + 1;
      };
    }
    const box = new Box();
    const api = hooks.wrap({ box });
    const { read } = api.box;
    assert.equal(read(), 42);
  });
});

// ------------------------------------------------------------------------------------------------
describe("non-function members", () => {
  test("accessors are exposed as accessors and not invoked at wrap time", () => {
    const { hooks } = setup();
    let gets = 0;
    let setValue;
    const tree = {
      get value() {
        gets++;
        return this._v ?? "initial";
      },
      set value(v) {
        setValue = v;
        this._v = v;
      },
      _v: undefined,
    };
    const api = hooks.wrap(tree);
    assert.equal(gets, 0, "getter not invoked by wrap()");
    const desc = Object.getOwnPropertyDescriptor(api, "value");
    assert.ok(desc, "accessor present on the wrapped node");
    assert.equal(typeof desc.get, "function");
    assert.equal("value" in desc, false, "exposed as an accessor, not a data property");
    assert.equal(gets, 0);
    assert.equal(api.value, "initial");
    assert.equal(gets, 1);
    api.value = "changed";
    assert.equal(setValue, "changed");
    assert.equal(tree.value, "changed", "the accessor operates on the original");
  });

  test("symbol-keyed members pass through (no hooks)", () => {
    const { hooks, log } = setup();
    const sym = Symbol("s");
    const fn = () => "sym-fn";
    const api = hooks.wrap({ [sym]: fn, f: () => 1 });
    assert.equal(api[sym], fn);
    assert.equal(api[sym](), "sym-fn");
    assert.deepEqual(log, []);
  });

  test("non-function values pass through unchanged", () => {
    const { hooks } = setup();
    const api = hooks.wrap({ n: 1, s: "str", b: false, z: null, u: undefined, big: 5n, nested: { k: "v" } });
    assert.equal(api.n, 1);
    assert.equal(api.s, "str");
    assert.equal(api.b, false);
    assert.equal(api.z, null);
    assert.equal(api.u, undefined);
    assert.ok("u" in api);
    assert.equal(api.big, 5n);
    assert.equal(api.nested.k, "v");
  });
});

// ------------------------------------------------------------------------------------------------
describe("structure", () => {
  test("a cycle maps to the same wrapped node", () => {
    const { hooks, log } = setup();
    const tree = { a: { f: () => "f" }, g: () => "g" };
    tree.self = tree;
    tree.a.back = tree.a;
    tree.a.up = tree;
    const api = hooks.wrap(tree);
    assert.equal(api.self, api);
    assert.equal(api.a.back, api.a);
    assert.equal(api.a.up, api);
    assert.equal(api.self.a.f, api.a.f);
    assert.equal(api.self.g(), "g");
    assert.equal(api.a.back.f(), "f");
    assert.deepEqual(log, ["g", "a.f"]);
  });

  test("the original tree is not mutated", () => {
    const { hooks } = setup();
    const add = (a, b) => a + b;
    const tree = { math: { add }, k: 1 };
    const before = JSON.stringify(Object.keys(tree)) + JSON.stringify(Object.keys(tree.math));
    const api = hooks.wrap(tree);
    assert.notEqual(api, tree);
    assert.notEqual(api.math, tree.math);
    assert.notEqual(api.math.add, add);
    assert.equal(tree.math.add, add);
    assert.equal(Object.hasOwn(tree, "slothlet"), false);
    assert.equal(JSON.stringify(Object.keys(tree)) + JSON.stringify(Object.keys(tree.math)), before);
    assert.equal(Object.getOwnPropertySymbols(tree).length, 0);
    assert.equal(Object.getOwnPropertySymbols(add).length, 0);
  });

  test("the wrapped tree is a snapshot of the shape at wrap time", () => {
    const { hooks, log } = setup();
    const tree = { math: { add: (a, b) => a + b } };
    const api = hooks.wrap(tree);
    tree.math.sub = (a, b) => a - b;
    tree.late = () => "late";
    tree.math.add = () => "replaced";
    assert.equal(api.math.sub, undefined);
    assert.equal(api.late, undefined);
    assert.equal(api.math.add(1, 2), 3);
    assert.deepEqual(log, ["math.add"]);
  });

  test("the wrapped function forwards all arguments and returns the result", () => {
    const { hooks } = setup();
    const api = hooks.wrap({ f: (...a) => a });
    assert.deepEqual(api.f(1, "2", null, undefined), [1, "2", null, undefined]);
  });
});

// ------------------------------------------------------------------------------------------------
describe("invalid targets and arguments", () => {
  test("a tree that already has a slothlet key → INVALID_WRAP_TARGET", () => {
    const hooks = createHooks(true);
    for (const tree of [{ slothlet: {} }, { slothlet: 1, f: () => 1 }, { slothlet: undefined }]) {
      const e = catchError(() => hooks.wrap(tree));
      assert.ok(e instanceof HookError);
      assert.ok(e instanceof Error);
      assert.equal(e.code, "INVALID_WRAP_TARGET");
      assert.ok(e.message.startsWith("[INVALID_WRAP_TARGET] "), e.message);
      assert.equal(typeof e.hint, "string");
    }
  });

  for (const [label, v] of [
    ["undefined", undefined],
    ["null", null],
    ["a number", 5],
    ["a string", "tree"],
    ["a boolean", true],
    ["a symbol", Symbol("t")],
  ]) {
    test(`wrap(${label}) → INVALID_WRAP_TARGET`, () => {
      const hooks = createHooks(true);
      const e = catchError(() => hooks.wrap(v));
      assert.ok(e instanceof HookError);
      assert.equal(e.code, "INVALID_WRAP_TARGET");
      assert.ok(e.message.startsWith("[INVALID_WRAP_TARGET] "), e.message);
    });
  }

  for (const [label, v] of [
    ["a number", 5],
    ["null", null],
    ["an object", {}],
    ["a string", "fn"],
    ["undefined", undefined],
  ]) {
    test(`wrapFunction(path, ${label}) → INVALID_ARGUMENT`, () => {
      const hooks = createHooks(true);
      const e = catchError(() => hooks.wrapFunction("x", v));
      assert.ok(e instanceof HookError);
      assert.equal(e.code, "INVALID_ARGUMENT");
      assert.ok(e.message.startsWith("[INVALID_ARGUMENT] "), e.message);
      assert.equal(typeof e.hint, "string");
    });
  }
});

// ------------------------------------------------------------------------------------------------
describe("wrapFunction", () => {
  test("runs hooks under the given path verbatim; the handler's api is the returned function", () => {
    const { hooks, hook, log } = setup();
    const apis = [];
    for (const type of ["before", "after", "always"]) {
      hook.on(`math.add:${type}`, ({ api }) => {
        apis.push(api);
      });
    }
    const add = hooks.wrapFunction("math.add", (a, b) => a + b);
    assert.equal(add(2, 2), 4);
    assert.deepEqual(log, ["math.add"]);
    assert.equal(apis.length, 3);
    for (const a of apis) assert.equal(a, add);
  });

  test("the returned function is not the original", () => {
    const hooks = createHooks(true);
    const fn = () => 1;
    const w = hooks.wrapFunction("f", fn);
    assert.equal(typeof w, "function");
    assert.notEqual(w, fn);
    assert.equal(w(), 1);
  });
});

// ------------------------------------------------------------------------------------------------
describe("api.slothlet", () => {
  test("api.slothlet.hook === hooks.hook and api.slothlet.diag.hook === hooks.diag.hook", () => {
    const hooks = createHooks(true);
    const api = hooks.wrap({ f: () => 1 });
    assert.equal(api.slothlet.hook, hooks.hook);
    assert.equal(api.slothlet.diag.hook, hooks.diag.hook);
  });

  test("hooks registered through api.slothlet.hook fire for api calls; its members run no hooks", () => {
    const { hooks, log } = setup();
    const api = hooks.wrap({ math: { add: (a, b) => a + b } });
    api.slothlet.hook.on("math.add:after", ({ result }) => result + 1);
    api.slothlet.hook.list();
    assert.deepEqual(log, []);
    assert.equal(api.math.add(1, 1), 3);
    assert.deepEqual(log, ["math.add"]);
  });
});

// ------------------------------------------------------------------------------------------------
describe("enable after wrap", () => {
  test("a function wrapped while hooks are disabled runs hooks after hook.enable()", () => {
    const { hooks, hook, log } = setup(undefined);
    hook.on("f:after", ({ result }) => result * 2);
    const f = hooks.wrapFunction("f", () => 21);
    const api = hooks.wrap({ g: () => 5 });
    assert.equal(f(), 21);
    assert.equal(api.g(), 5);
    assert.deepEqual(log, []);
    hook.enable();
    assert.equal(f(), 42);
    assert.equal(api.g(), 5);
    assert.deepEqual(log, ["f", "g"]);
    hook.disable();
    assert.equal(f(), 21);
    assert.deepEqual(log, ["f", "g"]);
  });

  test("hooks registered after wrapping apply to already-wrapped functions", () => {
    const hooks = createHooks(true);
    const api = hooks.wrap({ f: () => 1 });
    assert.equal(api.f(), 1);
    hooks.hook.on("f:after", () => 2);
    assert.equal(api.f(), 2);
  });
});

describe("new on wrapped functions", () => {
  test("new constructs the original and runs no hooks", () => {
    const { hooks, log } = setup();
    class Point {
      constructor(x, y) {
        this.x = x;
        this.y = y;
      }
    }
    const api = hooks.wrap({ geo: { Point } });
    const p = new api.geo.Point(1, 2);
    assert.deepEqual({ x: p.x, y: p.y }, { x: 1, y: 2 });
    assert.ok(p instanceof Point);
    assert.deepEqual(log, []);
  });
});

describe("class instances (issue 2: methods with their this)", () => {
  test("prototype methods are wrapped under the instance's path and run with this = the instance", () => {
    class Counter {
      #n = 0;
      constructor(step) {
        this.step = step;
      }
      inc() {
        this.#n += this.step;
        return this.#n;
      }
      get value() {
        return this.#n;
      }
    }
    class Double extends Counter {
      twice() {
        this.inc();
        return this.inc();
      }
    }
    const original = new Double(5);
    const hooks = createHooks(true);
    const paths = [];
    hooks.hook.on("svc.*:before", ({ path }) => {
      paths.push(path);
    });
    const api = hooks.wrap({ svc: original });
    assert.equal(api.svc.inc(), 5);
    assert.equal(api.svc.twice(), 15);
    assert.deepEqual(paths, ["svc.inc", "svc.twice"]);
    assert.equal(api.svc.step, 5);
    assert.equal(original.value, 15);
    assert.equal(Object.hasOwn(original, "inc"), false, "the original is not mutated");
  });

  test("built-in instances (Date, Map, typed arrays) pass through as values", () => {
    const hooks = createHooks(true);
    const date = new Date(0);
    const map = new Map([[1, 2]]);
    const bytes = new Uint8Array(2);
    const api = hooks.wrap({ data: { date, map, bytes } });
    assert.equal(api.data.date, date);
    assert.equal(api.data.map, map);
    assert.equal(api.data.bytes, bytes);
  });
});
