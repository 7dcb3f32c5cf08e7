// A plan that gets hot is run by a generated runner (lib/callpath.js); these
// tests run each scenario past that threshold and require every call —
// cold (generic runner) and hot (generated runner) — to behave the same.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHooks } from "../index.mjs";
import callpath from "../lib/callpath.js";

const CALLS = callpath.HOT_CALLS * 2 + 3;

/** Runs `call` CALLS times; each run returns a description that must never change. */
async function sameEveryTime(call) {
  const first = await call(0);
  for (let i = 1; i < CALLS; i++) {
    assert.deepEqual(await call(i), first, `call ${i} differs from call 0`);
  }
  return first;
}

function outcome(fn) {
  try {
    return { value: fn() };
  } catch (e) {
    return { threw: e instanceof Error ? e.message : e };
  }
}

test("before rewrite + after replace, with always and error hooks", async () => {
  const hooks = createHooks(true);
  const log = [];
  hooks.hook.on("m.f:before", ({ args }) => [args[0] * 2, args[1]]);
  hooks.hook.on("m.f:before", ({ args }) => {
    args[1] += 1;
  });
  hooks.hook.on("m.f:after", ({ result }) => result + 100);
  hooks.hook.on("m.f:after", () => undefined);
  hooks.hook.on("m.f:always", ({ result, hasError }) => void log.push(["always", result, hasError]));
  hooks.hook.on("m.f:error", ({ source }) => void log.push(["error", source.type]));
  const f = hooks.wrapFunction("m.f", (a, b) => a + b);
  const first = await sameEveryTime(() => {
    log.length = 0;
    return { out: outcome(() => f(1, 2)), log: log.slice() };
  });
  assert.deepEqual(first, { out: { value: 105 }, log: [["always", 105, false]] });
});

test("short-circuit values, including falsy ones", async () => {
  for (const v of [42, null, 0, false, "", { cached: true }]) {
    const hooks = createHooks(true);
    const log = [];
    hooks.hook.on("m.f:before", () => v);
    hooks.hook.on("m.f:after", () => "never");
    hooks.hook.on("m.f:always", ({ result }) => void log.push(result));
    let calls = 0;
    const f = hooks.wrapFunction("m.f", () => ++calls);
    await sameEveryTime(() => {
      log.length = 0;
      return { out: outcome(() => f()), log: log.slice() };
    });
    assert.equal(calls, 0);
  }
});

for (const suppressErrors of [false, true]) {
  test(`failures in each place (suppressErrors ${suppressErrors})`, async () => {
    const scenarios = {
      "before throws": (h) => h.on("m.f:before", () => {
        throw new Error("B");
      }),
      "before returns a promise": (h) => h.on("m.f:before", () => Promise.resolve(1)),
      "target throws": () => {},
      "after throws": (h) => {
        h.on("m.f:after", () => {
          throw new Error("A");
        });
        h.on("m.f:after", ({ result }) => result + 1);
      },
      "always throws": (h) => h.on("m.f:always", () => {
        throw new Error("AL");
      }),
    };
    for (const [name, install] of Object.entries(scenarios)) {
      const hooks = createHooks({ suppressErrors });
      const log = [];
      hooks.hook.on("m.f:before", () => undefined, { priority: 10 });
      install(hooks.hook);
      hooks.hook.on("m.f:error", ({ error, source }) => void log.push(["error", source.type, error.message]));
      hooks.hook.on("m.f:always", ({ hasError, result, errors }) => void log.push(["always", hasError, result, errors.map((e) => e.message)]));
      const f = hooks.wrapFunction("m.f", (x) => {
        if (name === "target throws") throw new Error("T");
        return x;
      });
      const first = await sameEveryTime(() => {
        log.length = 0;
        return { out: outcome(() => f(1)), log: log.slice() };
      });
      assert.ok(first.log.some((l) => l[0] === "error"), `${name}: an error hook ran`);
    }
  });
}

test("async target: after/always on settlement, every time", async () => {
  const hooks = createHooks(true);
  const log = [];
  hooks.hook.on("m.f:before", ({ args }) => [args[0] + 1]);
  hooks.hook.on("m.f:after", ({ result }) => result * 10);
  hooks.hook.on("m.f:always", ({ result }) => void log.push(result));
  const f = hooks.wrapFunction("m.f", async (x) => x);
  const first = await sameEveryTime(async (i) => {
    log.length = 0;
    const p = f(i);
    assert.ok(p instanceof Promise);
    return { value: (await p) - (i + 1) * 10, log: log.map((r) => r - (i + 1) * 10) };
  });
  assert.deepEqual(first, { value: 0, log: [0] });
});

test("a registry change during a hot call applies from the next phase", async () => {
  const hooks = createHooks(true);
  const log = [];
  const f = hooks.wrapFunction("m.f", (x) => x);
  hooks.hook.on("m.f:after", ({ result }) => result + 1, { id: "plus" });
  // warm up past the threshold
  for (let i = 0; i < CALLS; i++) assert.equal(f(i), i + 1);
  // a before hook that adds an after hook and disables "plus" for the rest of this call
  hooks.hook.on("m.f:before", function () {
    log.push("before");
    hooks.hook.disable({ id: "plus" });
    hooks.hook.on("m.f:after", ({ result }) => result * 100, { id: "times" });
    hooks.hook.off(this.id);
  });
  assert.equal(f(2), 200);
  assert.deepEqual(log, ["before"]);
  assert.equal(f(3), 300);
});

test("-0 from an after hook leaves the original 0; NaN replaces", async () => {
  const hooks = createHooks(true);
  hooks.hook.on("z.f:after", () => -0);
  const z = hooks.wrapFunction("z.f", () => 0);
  await sameEveryTime(() => Object.is(z(), 0));
  const n = createHooks(true);
  n.hook.on("n.f:after", () => NaN);
  const nf = n.wrapFunction("n.f", () => NaN);
  await sameEveryTime(() => Number.isNaN(nf()));
});
