// Conformance: hook ordering (spec §5, standalone §11 (a), §11.10 NaN priorities).
// Standalone order = subset (before → primary → after) → priority (desc, Number(priority), NaN as 0)
// → global registration order (pattern strings play no role).
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { createHooks, HookError } from "../index.mjs";

const TYPES = ["before", "after", "always", "error"];

// setup() → createHooks(true); setup(x) → createHooks(x) (also for x === undefined)
function setup(...cfg) {
  const hooks = cfg.length ? createHooks(cfg[0]) : createHooks(true);
  return { hooks, hook: hooks.hook, log: [] };
}

// A handler that records its name and returns undefined (so before hooks never short-circuit,
// after hooks never replace the result).
const rec = (log, name) => () => {
  log.push(name);
};

// Runs `path` once so that hooks of `type` fire; returns nothing. For "error" the target throws.
function fire(hooks, path, type) {
  if (type === "error") {
    const boom = new Error("boom");
    const f = hooks.wrapFunction(path, () => {
      throw boom;
    });
    assert.throws(() => f(), (e) => e === boom);
  } else {
    const f = hooks.wrapFunction(path, () => "ok");
    assert.equal(f(), "ok");
  }
}

describe("§5 subsets", () => {
  test("subsets run before → primary → after, whatever the priorities and registration order", () => {
    const { hooks, hook, log } = setup();
    hook.on("p.q:before", rec(log, "after-subset"), { subset: "after", priority: 100 });
    hook.on("p.q:before", rec(log, "primary"), { priority: 50 });
    hook.on("p.q:before", rec(log, "before-subset"), { subset: "before", priority: -100 });
    fire(hooks, "p.q", "before");
    assert.deepEqual(log, ["before-subset", "primary", "after-subset"]);
  });

  test('default subset is "primary" and ties with an explicit "primary" by registration order', () => {
    const { hooks, hook, log } = setup();
    hook.on("p:before", rec(log, "A"), { subset: "primary" });
    hook.on("p:before", rec(log, "B"));
    hook.on("p:before", rec(log, "C"), { subset: "before" });
    hook.on("p:before", rec(log, "D"), { subset: "after" });
    hook.on("p:before", rec(log, "E"), { subset: "primary" });
    fire(hooks, "p", "before");
    assert.deepEqual(log, ["C", "A", "B", "E", "D"]);
  });
});

describe("§5 priority (descending)", () => {
  test("higher priority first within a subset", () => {
    const { hooks, hook, log } = setup();
    hook.on("p:before", rec(log, "p1"), { priority: 1 });
    hook.on("p:before", rec(log, "p10"), { priority: 10 });
    hook.on("p:before", rec(log, "p5"), { priority: 5 });
    hook.on("p:before", rec(log, "m3"), { priority: -3 });
    hook.on("p:before", rec(log, "p0"), { priority: 0 });
    fire(hooks, "p", "before");
    assert.deepEqual(log, ["p10", "p5", "p1", "p0", "m3"]);
  });

  test("fractional priorities compare numerically", () => {
    const { hooks, hook, log } = setup();
    hook.on("p:before", rec(log, "1"), { priority: 1 });
    hook.on("p:before", rec(log, "1.5"), { priority: 1.5 });
    hook.on("p:before", rec(log, "2"), { priority: 2 });
    hook.on("p:before", rec(log, "-0.5"), { priority: -0.5 });
    fire(hooks, "p", "before");
    assert.deepEqual(log, ["2", "1.5", "1", "-0.5"]);
  });

  test("equal priorities keep registration order (stable)", () => {
    const { hooks, hook, log } = setup();
    hook.on("p:before", rec(log, "a"), { priority: 2 });
    hook.on("p:before", rec(log, "b"), { priority: 2 });
    hook.on("p:before", rec(log, "top"), { priority: 3 });
    hook.on("p:before", rec(log, "c"), { priority: 2 });
    fire(hooks, "p", "before");
    assert.deepEqual(log, ["top", "a", "b", "c"]);
  });

  test('string priority "5" orders numerically (not lexicographically) and list() shows it as given', () => {
    const { hooks, hook, log } = setup();
    hook.on("p:before", rec(log, "3"), { priority: 3 });
    hook.on("p:before", rec(log, '"5"'), { priority: "5", id: "five" });
    hook.on("p:before", rec(log, "4"), { priority: 4 });
    hook.on("p:before", rec(log, '"10"'), { priority: "10" });
    hook.on("p:before", rec(log, "9"), { priority: 9 });
    fire(hooks, "p", "before");
    assert.deepEqual(log, ['"10"', "9", '"5"', "4", "3"]);
    const [listed] = hook.list({ id: "five" }).registeredHooks;
    assert.equal(listed.priority, "5");
  });

  test('"5" and 5 are equal priorities: registration order decides', () => {
    const { hooks, hook, log } = setup();
    hook.on("p:before", rec(log, "W"), { priority: "5" });
    hook.on("p:before", rec(log, "X"), { priority: 5 });
    hook.on("p:before", rec(log, "Y"), { priority: "5" });
    hook.on("p:before", rec(log, "Z"), { priority: 5 });
    fire(hooks, "p", "before");
    assert.deepEqual(log, ["W", "X", "Y", "Z"]);
  });

  test("falsy priorities (null, '', 0, NaN, absent) are stored and ordered as 0 (§3.5)", () => {
    const { hooks, hook, log } = setup();
    hook.on("p:before", rec(log, "neg"), { priority: -1, id: "neg" });
    hook.on("p:before", rec(log, "null"), { priority: null, id: "n" });
    hook.on("p:before", rec(log, "empty"), { priority: "", id: "e" });
    hook.on("p:before", rec(log, "pos"), { priority: 1, id: "pos" });
    hook.on("p:before", rec(log, "NaN"), { priority: NaN, id: "nan" });
    hook.on("p:before", rec(log, "absent"), { id: "abs" });
    hook.on("p:before", rec(log, "zero"), { priority: 0, id: "z" });
    fire(hooks, "p", "before");
    assert.deepEqual(log, ["pos", "null", "empty", "NaN", "absent", "zero", "neg"]);
    for (const id of ["n", "e", "nan", "abs", "z"]) {
      assert.equal(hook.list({ id }).registeredHooks[0].priority, 0, `priority of ${id}`);
    }
  });

  test("§11.10: a priority coercing to NaN (\"x\") orders as 0; list() still shows the raw value", () => {
    const { hooks, hook, log } = setup();
    // slothlet 3.12 (V8 sort, inconsistent comparator) runs these as 1, "x", 2, 0.
    hook.on("p:before", rec(log, "1"), { priority: 1 });
    hook.on("p:before", rec(log, "x"), { priority: "x", id: "X" });
    hook.on("p:before", rec(log, "0"), { priority: 0 });
    hook.on("p:before", rec(log, "2"), { priority: 2 });
    fire(hooks, "p", "before");
    assert.deepEqual(log, ["2", "1", "x", "0"]);
    assert.equal(hook.list({ id: "X" }).registeredHooks[0].priority, "x");
  });

  test("§11.10: NaN-coercing priorities tie with 0 and sit above negatives", () => {
    const { hooks, hook, log } = setup();
    hook.on("p:before", rec(log, "m1"), { priority: -1 });
    hook.on("p:before", rec(log, "zero"), { priority: 0 });
    hook.on("p:before", rec(log, "abc"), { priority: "abc" });
    hook.on("p:before", rec(log, "obj"), { priority: "not-a-number" });
    hook.on("p:before", rec(log, "half"), { priority: 0.5 });
    fire(hooks, "p", "before");
    assert.deepEqual(log, ["half", "zero", "abc", "obj", "m1"]);
  });

  test("subset dominates priority", () => {
    const { hooks, hook, log } = setup();
    hook.on("p:before", rec(log, "primary-low"), { priority: -50 });
    hook.on("p:before", rec(log, "after-high"), { subset: "after", priority: 1000 });
    hook.on("p:before", rec(log, "before-low"), { subset: "before", priority: -1000 });
    hook.on("p:before", rec(log, "primary-high"), { priority: 50 });
    hook.on("p:before", rec(log, "before-high"), { subset: "before", priority: 7 });
    fire(hooks, "p", "before");
    assert.deepEqual(log, ["before-high", "before-low", "primary-high", "primary-low", "after-high"]);
  });
});

describe("§11 (a) global registration order across pattern strings", () => {
  test("the §11 (a) example: math.*, math.add, math.* → A, B, C", () => {
    const { hooks, hook, log } = setup();
    hook.on("math.*:before", rec(log, "A"));
    hook.on("math.add:before", rec(log, "B"));
    hook.on("math.*:before", rec(log, "C"));
    fire(hooks, "math.add", "before");
    assert.deepEqual(log, ["A", "B", "C"]); // slothlet 3.12: A, C, B
  });

  test("the §5 example with a ** hook: A, B, C, D", () => {
    const { hooks, hook, log } = setup();
    hook.on("math.*:before", rec(log, "A"));
    hook.on("math.add:before", rec(log, "B"));
    hook.on("math.*:before", rec(log, "C"));
    hook.on("**:before", rec(log, "D"));
    const api = hooks.wrap({ math: { add: (a, b) => a + b } });
    assert.equal(api.math.add(1, 2), 3);
    assert.deepEqual(log, ["A", "B", "C", "D"]);
  });

  test("integer-like pattern strings get no precedence", () => {
    const { hooks, hook, log } = setup();
    hook.on("**:before", rec(log, "X"));
    hook.on("1:before", rec(log, "Y"));
    hook.on("*:before", rec(log, "Z"));
    hook.on("42:before", rec(log, "never")); // does not match "1"
    fire(hooks, "1", "before");
    assert.deepEqual(log, ["X", "Y", "Z"]);
  });

  test("integer-like patterns get no precedence in list() either (type → subset → registration)", () => {
    const { hook } = setup();
    hook.on("**:before", () => {}, { id: "X" });
    hook.on("1:before", () => {}, { id: "Y" });
    hook.on("0:before", () => {}, { id: "Z" });
    assert.deepEqual(
      hook.list().registeredHooks.map((h) => h.id),
      ["X", "Y", "Z"],
    );
  });

  test("remove + re-register under an existing pattern string runs last (registration order)", () => {
    const { hooks, hook, log } = setup();
    hook.on("math.*:before", rec(log, "A"), { id: "A" });
    hook.on("math.add:before", rec(log, "B"));
    hook.on("math.*:before", rec(log, "C"));
    assert.equal(hook.off("A"), 1);
    hook.on("math.*:before", rec(log, "A2"));
    fire(hooks, "math.add", "before");
    assert.deepEqual(log, ["B", "C", "A2"]); // slothlet 3.12: C, A2, B
  });

  test("priority still beats registration order across patterns", () => {
    const { hooks, hook, log } = setup();
    hook.on("math.*:before", rec(log, "A"));
    hook.on("math.add:before", rec(log, "B"), { priority: 1 });
    hook.on("**:before", rec(log, "C"), { priority: 1 });
    hook.on("math.*:before", rec(log, "D"), { priority: -1 });
    fire(hooks, "math.add", "before");
    assert.deepEqual(log, ["B", "C", "A", "D"]);
  });

  test("list() walks type → subset → registration order; priority does not reorder it", () => {
    const { hook } = setup();
    hook.on("b.*:after", () => {}, { id: "a1" });
    hook.on("x:before", () => {}, { id: "b1", subset: "after" });
    hook.on("a:before", () => {}, { id: "b2" });
    hook.on("1:before", () => {}, { id: "b3" });
    hook.on("**:error", () => {}, { id: "e1" });
    hook.on("y:always", () => {}, { id: "w1" });
    hook.on("c:before", () => {}, { id: "b4", subset: "before", priority: -5 });
    hook.on("d:before", () => {}, { id: "b5", priority: 9 });
    hook.on("a:after", () => {}, { id: "a2", subset: "before" });
    assert.deepEqual(
      hook.list().registeredHooks.map((h) => h.id),
      ["b4", "b2", "b3", "b5", "b1", "a2", "a1", "w1", "e1"],
    );
  });
});

describe("all four types use the same ordering", () => {
  // Same registrations for each type; expected order:
  //   subset before: X5 | primary: prio 5 → X3, X6 ("5") ; prio 0 → X2, X4 | subset after: X1
  function registerSet(hook, type, log) {
    hook.on(`t.*:${type}`, rec(log, "X1"), { subset: "after" });
    hook.on(`t.run:${type}`, rec(log, "X2"));
    hook.on(`**:${type}`, rec(log, "X3"), { priority: 5 });
    hook.on(`t.*:${type}`, rec(log, "X4"));
    hook.on(`t.run:${type}`, rec(log, "X5"), { subset: "before", priority: -1 });
    hook.on(`t.*:${type}`, rec(log, "X6"), { priority: "5" });
    hook.on(`other.*:${type}`, rec(log, "nomatch"), { priority: 99 });
  }
  const EXPECTED = ["X5", "X3", "X6", "X2", "X4", "X1"];

  for (const type of TYPES) {
    test(`${type} hooks: subset → priority desc → registration order`, () => {
      const { hooks, hook, log } = setup();
      registerSet(hook, type, log);
      fire(hooks, "t.run", type);
      assert.deepEqual(log, EXPECTED);
    });
  }

  test("always hooks on the failure path use the same order", () => {
    const { hooks, hook, log } = setup();
    registerSet(hook, "always", log);
    fire(hooks, "t.run", "error");
    assert.deepEqual(log, EXPECTED);
  });

  test("hooks of all types interleaved in registration do not affect each other's order", () => {
    const { hooks, hook, log } = setup();
    hook.on("t.*:always", rec(log, "w-low"), { priority: -1 });
    hook.on("t.run:after", rec(log, "a-1"));
    hook.on("**:before", rec(log, "b-1"));
    hook.on("t.*:always", rec(log, "w-high"), { priority: 1 });
    hook.on("t.run:before", rec(log, "b-2"), { subset: "before" });
    hook.on("t.*:after", rec(log, "a-2"), { subset: "before" });
    hook.on("t.*:before", rec(log, "b-3"));
    const f = hooks.wrapFunction("t.run", () => {
      log.push("target");
    });
    f();
    assert.deepEqual(log, ["b-2", "b-1", "b-3", "target", "a-2", "a-1", "w-high", "w-low"]);
  });
});

describe("disabled hooks are skipped", () => {
  test("disable({id}) skips the hook; enable({id}) restores it at its original position", () => {
    const { hooks, hook, log } = setup();
    hook.on("p:before", rec(log, "A"), { id: "A" });
    hook.on("p:before", rec(log, "B"), { id: "B" });
    hook.on("p:before", rec(log, "C"), { id: "C" });
    const f = hooks.wrapFunction("p", () => 1);
    assert.equal(hook.disable({ id: "B" }), 1);
    f();
    assert.deepEqual(log, ["A", "C"]);
    log.length = 0;
    assert.equal(hook.enable({ id: "B" }), 1);
    f();
    assert.deepEqual(log, ["A", "B", "C"]);
  });

  test("disable(patternString) skips only hooks registered under exactly that string", () => {
    const { hooks, hook, log } = setup();
    hook.on("math.*:before", rec(log, "star"));
    hook.on("math.add:before", rec(log, "exact"));
    hook.on("math.add:after", rec(log, "exact-after"));
    hook.on("**:before", rec(log, "all"));
    assert.equal(hook.disable("math.add"), 2);
    fire(hooks, "math.add", "before");
    assert.deepEqual(log, ["star", "all"]);
  });

  for (const type of TYPES) {
    test(`disabled ${type} hooks are skipped, others of the same type still run`, () => {
      const { hooks, hook, log } = setup();
      hook.on(`t.run:${type}`, rec(log, "one"), { id: "one" });
      hook.on(`t.run:${type}`, rec(log, "two"), { id: "two", priority: 3 });
      hook.on(`t.run:${type}`, rec(log, "three"), { id: "three" });
      hook.disable({ id: "two" });
      fire(hooks, "t.run", type);
      assert.deepEqual(log, ["one", "three"]);
    });
  }

  test("disable({type}) skips that type only", () => {
    const { hooks, hook, log } = setup();
    hook.on("p:before", rec(log, "before"));
    hook.on("p:after", rec(log, "after"));
    hook.on("p:always", rec(log, "always"));
    assert.equal(hook.disable({ type: "after" }), 1);
    fire(hooks, "p", "before");
    assert.deepEqual(log, ["before", "always"]);
  });

  test("global disable() runs nothing; enable() turns everything back on", () => {
    const { hooks, hook, log } = setup();
    hook.on("p:before", rec(log, "before"));
    hook.on("p:after", rec(log, "after"));
    hook.on("p:always", rec(log, "always"));
    const f = hooks.wrapFunction("p", () => 7);
    assert.equal(hook.disable(), 3);
    assert.equal(f(), 7);
    assert.deepEqual(log, []);
    assert.equal(hook.enable(), 3);
    assert.equal(f(), 7);
    assert.deepEqual(log, ["before", "after", "always"]);
  });
});

test("HookError is exported (sanity of the import used by every suite)", () => {
  assert.equal(typeof HookError, "function");
  assert.equal(typeof createHooks, "function");
});
