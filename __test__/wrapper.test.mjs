// The wrapper of a wrapped function (lib/callpath.js): a fast path for calls
// with the target's declared argument count, the array path for every other
// call, `new`, `this` and rest/default parameters — all exactly as a direct
// call would see them, cold and hot, with hooks, without, and disabled.
// (runner-modes.test.mjs runs this file with generic and generated runners.)
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { createHooks } from "../index.mjs";

const HOT = 40;

/** Every configuration a call can meet: no hook, a hook elsewhere, hooks on the path, disabled. */
function configurations(path) {
  return {
    "hooks on the path": (h) => {
      h.hook.on(`${path}:before`, () => {});
      h.hook.on(`${path}:after`, () => {});
    },
    "no hook for the path": (h) => h.hook.on("elsewhere:before", () => {}),
    disabled: (h) => {
      h.hook.on(`${path}:before`, () => {});
      h.hook.disable();
    },
    "suppressErrors, no hook": () => {},
  };
}

function each(path, fn) {
  for (const [label, setup] of Object.entries(configurations(path))) {
    test(label, () => {
      const hooks = createHooks(label.startsWith("suppressErrors") ? { suppressErrors: true } : true);
      setup(hooks);
      fn(hooks);
    });
  }
}

describe("arguments as the target sees them (arguments.length, extra and missing arguments)", () => {
  each("f", (hooks) => {
    const seen = [];
    const f = hooks.wrapFunction("f", function f(a, b) {
      seen.push([arguments.length, ...arguments]);
      return a + b;
    });
    for (let i = 0; i < HOT; i++) {
      seen.length = 0;
      assert.equal(f(1, 2), 3);
      assert.ok(Number.isNaN(f(1)));
      assert.equal(f(1, 2, 3), 3);
      f();
      f(undefined, undefined);
      assert.deepEqual(seen, [[2, 1, 2], [1, 1], [3, 1, 2, 3], [0], [2, undefined, undefined]]);
    }
  });
});

describe("rest and default parameters", () => {
  each("r", (hooks) => {
    const rest = hooks.wrapFunction("r", (...xs) => xs);
    const dflt = hooks.wrapFunction("r", (a, b = 10) => [a, b]);
    for (let i = 0; i < HOT; i++) {
      assert.deepEqual(rest(), []);
      assert.deepEqual(rest(1, 2, 3), [1, 2, 3]);
      assert.deepEqual(dflt(1), [1, 10]);
      assert.deepEqual(dflt(1, 2), [1, 2]);
      assert.deepEqual(dflt(1, undefined), [1, 10]);
    }
    assert.equal(rest.length, 0);
    assert.equal(dflt.length, 1);
  });
});

describe("this", () => {
  each("m", (hooks) => {
    const fn = hooks.wrapFunction("m", function m(x) {
      return [this, x];
    });
    const obj = { fn };
    const api = hooks.wrap({
      base: 5,
      get(x) {
        return this.base + x;
      },
    });
    for (let i = 0; i < HOT; i++) {
      assert.deepEqual(fn(1), [undefined, 1]);
      assert.deepEqual(obj.fn(2), [obj, 2]);
      assert.deepEqual(fn.call("s", 3), ["s", 3]);
      // a tree method runs with this = the original object, however it is called
      assert.equal(api.get(1), 6);
      const { get } = api;
      assert.equal(get(2), 7);
    }
  });
});

describe("new constructs the original and runs no hooks", () => {
  test("classes, plain constructors and subclasses of the wrapper", () => {
    const hooks = createHooks(true);
    let ran = 0;
    hooks.hook.on("**:before", () => {
      ran++;
    });
    class Point {
      constructor(x, y) {
        this.x = x;
        this.y = y;
      }
    }
    const P = hooks.wrapFunction("Point", Point);
    function Legacy(a) {
      this.a = a;
    }
    const L = hooks.wrapFunction("Legacy", Legacy);
    for (let i = 0; i < HOT; i++) {
      const p = new P(1, 2);
      assert.ok(p instanceof Point);
      assert.deepEqual({ ...p }, { x: 1, y: 2 });
      assert.ok(new P(1) instanceof Point);
      assert.equal(new L(3).a, 3);
    }
    class Sub extends P {}
    const s = new Sub(4, 5);
    assert.ok(s instanceof Sub && s instanceof Point && s instanceof P);
    assert.ok(new Point(0, 0) instanceof P, "the wrapper shares the original's prototype");
    assert.equal(ran, 0);
    assert.throws(() => P(1, 2), TypeError, "a class still needs new");
  });
});

describe("name, length and identity", () => {
  test("the wrapper keeps the target's name and length and stays the same function across registry changes", () => {
    const hooks = createHooks(true);
    const api = hooks.wrap({ math: { add: (a, b) => a + b } });
    const add = api.math.add;
    assert.equal(add.name, "add");
    assert.equal(add.length, 2);
    for (let i = 0; i < HOT; i++) add(i, 1);
    hooks.hook.on("math.add:after", ({ result }) => result * 10);
    assert.equal(api.math.add, add);
    assert.equal(add(1, 2), 30);
    hooks.hook.disable();
    assert.equal(add(1, 2), 3);
    hooks.hook.enable();
    assert.equal(add(1, 2), 30);
  });

  test("targets with large or hostile arity still work (the array path)", () => {
    const hooks = createHooks(true);
    hooks.hook.on("**:after", ({ result }) => result);
    const nine = hooks.wrapFunction("nine", (a, b, c, d, e, f, g, h, i) => a + b + c + d + e + f + g + h + i);
    const weird = (a) => a * 2;
    Object.defineProperty(weird, "length", { get: () => { throw new Error("no"); } });
    const w = hooks.wrapFunction("weird", weird);
    for (let k = 0; k < HOT; k++) {
      assert.equal(nine(1, 1, 1, 1, 1, 1, 1, 1, 1), 9);
      assert.equal(w(4), 8);
    }
  });
});
