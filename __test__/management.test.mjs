// Conformance: the management object — spec §2 (members, return values, diagnostics object),
// §7 (enable / disable / remove / off / clear / list filter semantics), with the standalone
// differences of §11 (a), (g), (k), §11.10 (detached members) and §11.11 (remove("")/off("")).
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { createHooks, HookError } from "../index.mjs";
import { catchError } from "./helpers/common.mjs";

const HOOK_KEYS = [
  "on",
  "remove",
  "clear",
  "off",
  "enable",
  "disable",
  "enablePattern",
  "disablePattern",
  "resetPatternFilter",
  "list",
  "pin",
];
const LISTED_KEYS = ["id", "type", "pattern", "priority", "subset", "enabled", "lockCaller"];

const ids = (hook, filter) => hook.list(filter).registeredHooks.map((h) => h.id);
const enabledIds = (hook) => hook.list({ enabled: true }).registeredHooks.map((h) => h.id);

// §7.2 fixture: 2 before-hooks and 1 after-hook, all enabled, with a call log.
function fixture(config = true) {
  const hooks = createHooks(config);
  const hook = hooks.hook;
  const log = [];
  const api = hooks.wrap({ math: { add: (a, b) => a + b, sub: (a, b) => a - b } });
  hook.on(
    "math.add:before",
    () => {
      log.push("h1");
    },
    { id: "h1" },
  );
  hook.on(
    "math.*:before",
    () => {
      log.push("h2");
    },
    { id: "h2" },
  );
  hook.on(
    "math.add:after",
    () => {
      log.push("h3");
    },
    { id: "h3" },
  );
  const run = () => {
    log.length = 0;
    api.math.add(1, 2);
    return [...log];
  };
  return { hooks, hook, api, log, run };
}

// ------------------------------------------------------------------------------------------------
describe("§2 shape of the management object", () => {
  test("Object.keys(hook) is exactly slothlet's list, in order", () => {
    assert.deepEqual(Object.keys(createHooks(true).hook), HOOK_KEYS);
  });

  test("the shape is the same for a disabled instance", () => {
    assert.deepEqual(Object.keys(createHooks().hook), HOOK_KEYS);
    assert.deepEqual(Object.keys(createHooks(false).hook), HOOK_KEYS);
  });

  test("Object.keys(hook.pin) is exactly [enabled, enable, disable]", () => {
    assert.deepEqual(Object.keys(createHooks(true).hook.pin), ["enabled", "enable", "disable"]);
  });

  test("hook.pin.enabled is a getter", () => {
    const hooks = createHooks(true);
    const d = Object.getOwnPropertyDescriptor(hooks.hook.pin, "enabled");
    assert.equal(typeof d.get, "function");
    assert.equal(hooks.hook.pin.enabled, true);
    hooks.hook.pin.disable();
    assert.equal(hooks.hook.pin.enabled, false);
  });

  test("every member except pin is a function", () => {
    const hook = createHooks(true).hook;
    for (const k of HOOK_KEYS.filter((k) => k !== "pin")) assert.equal(typeof hook[k], "function", k);
    assert.equal(typeof hook.pin.enable, "function");
    assert.equal(typeof hook.pin.disable, "function");
  });

  test("there is no plural `hooks` member on the management object or api.slothlet", () => {
    const hooks = createHooks(true);
    const api = hooks.wrap({ f: () => 1 });
    assert.equal(hooks.hook.hooks, undefined);
    assert.equal(api.slothlet.hooks, undefined);
    assert.equal(api.slothlet.hook, hooks.hook);
    assert.equal(api.slothlet.diag.hook, hooks.diag.hook);
  });

  test("diag.hook has enabled, compilePattern and explain", () => {
    const diag = createHooks(true).diag.hook;
    const keys = Object.keys(diag);
    for (const k of ["enabled", "compilePattern", "explain"]) assert.ok(keys.includes(k), `missing ${k}`);
    assert.equal(typeof diag.compilePattern, "function");
    assert.equal(typeof diag.explain, "function");
  });

  test("diag.hook.enabled is a live reading of the engine flag", () => {
    const hooks = createHooks();
    assert.equal(hooks.diag.hook.enabled, false);
    hooks.hook.enable();
    assert.equal(hooks.diag.hook.enabled, true);
    hooks.hook.disable();
    assert.equal(hooks.diag.hook.enabled, false);
  });

  test("diag.hook.compilePattern returns a matcher (the §2 example)", () => {
    const m = createHooks(true).diag.hook.compilePattern("math.*");
    assert.equal(typeof m, "function");
    assert.equal(m("math.add"), true);
    assert.equal(m("other.func"), false);
  });

  test("compilePattern has no exact-string shortcut and converts non-string paths with String()", () => {
    const compile = createHooks(true).diag.hook.compilePattern;
    assert.equal(compile("{a,b}")("{a,b}"), false);
    assert.equal(compile("{a,b}")("a"), true);
    assert.equal(compile("undefined")(undefined), true);
    assert.equal(compile("42")(42), true);
  });

  test("calling or reading management members never triggers hooks", () => {
    const hooks = createHooks(true);
    const fired = [];
    for (const t of ["before", "after", "always", "error"]) {
      hooks.hook.on(`**:${t}`, ({ path }) => {
        fired.push(path);
      });
    }
    const api = hooks.wrap({ f: () => 1 });
    hooks.hook.list();
    hooks.hook.enable({ id: "nope" });
    hooks.hook.enablePattern("**");
    hooks.hook.disablePattern("**");
    hooks.hook.resetPatternFilter();
    void hooks.hook.pin.enabled;
    api.slothlet.hook.list();
    api.slothlet.hook.enable({ id: "nope" });
    void api.slothlet.hook.pin.enabled;
    api.slothlet.diag.hook.explain("f");
    assert.deepEqual(fired, []);
  });
});

// ------------------------------------------------------------------------------------------------
describe("§2 return values", () => {
  test('on() returns a generated "hook-N" id, or options.id as given', () => {
    const hook = createHooks(true).hook;
    assert.equal(hook.on("a:before", () => {}), "hook-1");
    assert.equal(hook.on("a:before", () => {}), "hook-2");
    assert.equal(hook.on("a:before", () => {}, { id: "mine" }), "mine");
    assert.equal(hook.on("a:before", () => {}, { id: 7 }), 7);
  });

  test("remove / clear / off return the number removed", () => {
    const hook = createHooks(true).hook;
    for (let i = 0; i < 3; i++) hook.on("a:before", () => {});
    hook.on("b:after", () => {}, { id: "x" });
    assert.equal(hook.off("x"), 1);
    assert.equal(hook.remove({ type: "before" }), 3);
    hook.on("a:before", () => {});
    hook.on("a:after", () => {});
    assert.equal(hook.clear(), 2);
    assert.equal(hook.clear(), 0);
  });

  test("enable / disable return the number of hooks visited", () => {
    const { hook } = fixture();
    assert.equal(hook.disable({ type: "before" }), 2);
    assert.equal(hook.enable({ type: "after" }), 1);
    assert.equal(hook.enable(), 3);
  });

  test("enablePattern / disablePattern return the filter size; resetPatternFilter returns undefined", () => {
    const hook = createHooks(true).hook;
    assert.equal(hook.enablePattern("a.*"), 1);
    assert.equal(hook.enablePattern("b.*"), 2);
    assert.equal(hook.disablePattern("a.*"), 1);
    assert.equal(hook.resetPatternFilter(), undefined);
  });

  test("list() returns an object { registeredHooks: [...] }, not an array", () => {
    const hook = createHooks(true).hook;
    hook.on("a:before", () => {});
    const r = hook.list();
    assert.equal(Array.isArray(r), false);
    assert.deepEqual(Object.keys(r), ["registeredHooks"]);
    assert.ok(Array.isArray(r.registeredHooks));
    assert.equal(r.registeredHooks.length, 1);
  });

  test("list() on an empty registry → { registeredHooks: [] }", () => {
    assert.deepEqual(createHooks(true).hook.list(), { registeredHooks: [] });
  });

  test("pin.enable() returns true, pin.disable() returns false, pin.enabled follows", () => {
    const hook = createHooks(true).hook;
    assert.equal(hook.pin.disable(), false);
    assert.equal(hook.pin.enabled, false);
    assert.equal(hook.pin.disable(), false);
    assert.equal(hook.pin.enable(), true);
    assert.equal(hook.pin.enabled, true);
  });

  test("pin.enabled starts from config.pin", () => {
    assert.equal(createHooks({ pin: false }).hook.pin.enabled, false);
    assert.equal(createHooks({}).hook.pin.enabled, true);
  });

  test("pin.enable()/disable() do not change the lockCaller of existing registrations", () => {
    const hook = createHooks(true).hook;
    hook.on("a:before", () => {}, { id: "p", lockCaller: false });
    hook.on("a:before", () => {}, { id: "q" });
    hook.pin.disable();
    hook.pin.enable();
    assert.deepEqual(
      hook.list().registeredHooks.map((h) => [h.id, h.lockCaller]),
      [
        ["p", false],
        ["q", true],
      ],
    );
  });
});

// ------------------------------------------------------------------------------------------------
describe("§11.10 detached members work", () => {
  test("const { clear } = hook; clear() removes every hook", () => {
    const hook = createHooks(true).hook;
    hook.on("a:before", () => {});
    hook.on("b:after", () => {});
    const { clear } = hook;
    assert.equal(clear(), 2);
    assert.equal(hook.list().registeredHooks.length, 0);
  });

  test("detached clear with an id string removes only that hook", () => {
    const hook = createHooks(true).hook;
    hook.on("a:before", () => {}, { id: "k" });
    hook.on("b:after", () => {});
    const { clear } = hook;
    assert.equal(clear("k"), 1);
    assert.deepEqual(ids(hook), ["hook-1"]);
  });

  test("every member works when detached", () => {
    const hooks = createHooks();
    const { on, remove, off, enable, disable, enablePattern, disablePattern, resetPatternFilter, list } =
      hooks.hook;
    assert.equal(on("a:before", () => {}, { id: "a" }), "a");
    assert.equal(on("b:before", () => {}), "hook-1");
    assert.equal(on("c:before", () => {}, { id: "c" }), "c");
    assert.equal(list().registeredHooks.length, 3);
    assert.equal(enable(), 3);
    assert.equal(hooks.diag.hook.enabled, true);
    assert.equal(disable({ id: "a" }), 1);
    assert.equal(enablePattern("x.*"), 1);
    assert.equal(disablePattern("x.*"), 0);
    assert.equal(resetPatternFilter(), undefined);
    assert.equal(off("a"), 1);
    assert.equal(remove({ id: "c" }), 1);
    assert.deepEqual(
      list().registeredHooks.map((h) => h.id),
      ["hook-1"],
    );
  });

  test("detached pin members work", () => {
    const hooks = createHooks(true);
    const { enable, disable } = hooks.hook.pin;
    assert.equal(disable(), false);
    assert.equal(hooks.hook.pin.enabled, false);
    assert.equal(enable(), true);
    assert.equal(hooks.hook.pin.enabled, true);
  });

  test("detached compilePattern and explain work", () => {
    const hooks = createHooks(true);
    const { compilePattern, explain } = hooks.diag.hook;
    assert.equal(compilePattern("a.*")("a.b"), true);
    hooks.hook.on("a.*:before", () => {}, { id: "x" });
    const r = explain("a.b");
    assert.equal(r.path, "a.b");
    assert.deepEqual(
      r.hooks.before.map((h) => h.id),
      ["x"],
    );
  });
});

// ------------------------------------------------------------------------------------------------
describe("§7.2 enable / disable — the table", () => {
  test("disable({ type: 'before' }) → 2, global flag unchanged", () => {
    const { hooks, hook, run } = fixture();
    assert.equal(hook.disable({ type: "before" }), 2);
    assert.equal(hooks.diag.hook.enabled, true);
    assert.deepEqual(enabledIds(hook), ["h3"]);
    assert.deepEqual(run(), ["h3"]);
  });

  test("disable({ id: 'nope' }) → 0, global flag unchanged", () => {
    const { hooks, hook, run } = fixture();
    assert.equal(hook.disable({ id: "nope" }), 0);
    assert.equal(hooks.diag.hook.enabled, true);
    assert.deepEqual(run(), ["h1", "h2", "h3"]);
  });

  test("disable() → 3, all hooks disabled, global flag false", () => {
    const { hooks, hook, run } = fixture();
    assert.equal(hook.disable(), 3);
    assert.equal(hooks.diag.hook.enabled, false);
    assert.deepEqual(enabledIds(hook), []);
    assert.deepEqual(run(), []);
  });

  test("then enable({ id: 'h1' }) → 1, only h1 enabled, global flag true", () => {
    const { hooks, hook, run } = fixture();
    hook.disable();
    assert.equal(hook.enable({ id: "h1" }), 1);
    assert.equal(hooks.diag.hook.enabled, true);
    assert.deepEqual(enabledIds(hook), ["h1"]);
    assert.deepEqual(run(), ["h1"]);
  });

  test("then enable() → 3, all enabled, global flag true", () => {
    const { hooks, hook, run } = fixture();
    hook.disable();
    hook.enable({ id: "h1" });
    assert.equal(hook.enable(), 3);
    assert.equal(hooks.diag.hook.enabled, true);
    assert.deepEqual(enabledIds(hook), ["h1", "h2", "h3"]);
    assert.deepEqual(run(), ["h1", "h2", "h3"]);
  });

  test("disable('math.add') → the hooks registered under exactly 'math.add'; flag unchanged", () => {
    const { hooks, hook, run } = fixture();
    assert.equal(hook.disable("math.add"), 2);
    assert.equal(hooks.diag.hook.enabled, true);
    assert.deepEqual(enabledIds(hook), ["h2"]);
    assert.deepEqual(run(), ["h2"]);
  });

  test("disable('') → all hooks disabled (3); flag unchanged", () => {
    const { hooks, hook, run } = fixture();
    assert.equal(hook.disable(""), 3);
    assert.equal(hooks.diag.hook.enabled, true);
    assert.deepEqual(enabledIds(hook), []);
    assert.deepEqual(run(), []);
  });

  test("enable('math.*') after disable() → system on, only the exact 'math.*' hooks enabled", () => {
    const { hooks, hook, run } = fixture();
    hook.disable();
    assert.equal(hook.enable("math.*"), 1);
    assert.equal(hooks.diag.hook.enabled, true);
    assert.deepEqual(enabledIds(hook), ["h2"]);
    assert.deepEqual(run(), ["h2"]);
  });

  test("on an instance created disabled, enable() turns the hook system on", () => {
    const { hooks, hook, run } = fixture(null);
    assert.deepEqual(run(), []);
    assert.equal(hook.enable(), 3);
    assert.equal(hooks.diag.hook.enabled, true);
    assert.deepEqual(run(), ["h1", "h2", "h3"]);
  });

  test("enable(filter) always turns the global flag on, even when nothing matches", () => {
    for (const f of [{ id: "nope" }, { type: "always" }, { pattern: "nope" }, "nope"]) {
      const { hooks, hook } = fixture(false);
      assert.equal(hooks.diag.hook.enabled, false);
      assert.equal(hook.enable(f), 0);
      assert.equal(hooks.diag.hook.enabled, true, JSON.stringify(f));
    }
  });

  test("disable(filter with keys) never turns the global flag off", () => {
    for (const f of [{ type: "before" }, { id: "h1" }, { pattern: "math.add" }, { id: "" }, { pattern: "" }]) {
      const { hooks, hook } = fixture();
      hook.disable(f);
      assert.equal(hooks.diag.hook.enabled, true, JSON.stringify(f));
    }
  });

  test("disable({}) and disable([]) (no own enumerable keys) turn the global flag off", () => {
    for (const f of [{}, []]) {
      const { hooks, hook } = fixture();
      assert.equal(hook.disable(f), 3);
      assert.equal(hooks.diag.hook.enabled, false);
    }
  });

  test("disable(undefined) behaves like disable()", () => {
    const { hooks, hook } = fixture();
    assert.equal(hook.disable(undefined), 3);
    assert.equal(hooks.diag.hook.enabled, false);
  });

  test("hooks already in the target state are counted", () => {
    const { hook } = fixture();
    assert.equal(hook.disable({ type: "before" }), 2);
    assert.equal(hook.disable({ type: "before" }), 2);
    assert.equal(hook.enable({ type: "after" }), 1);
    assert.equal(hook.enable({ id: "h3" }), 1);
  });

  test("id wins: other filter keys are ignored when id is truthy", () => {
    const { hook } = fixture();
    assert.equal(hook.disable({ id: "h1", type: "after", pattern: "nope" }), 1);
    assert.deepEqual(enabledIds(hook), ["h2", "h3"]);
    assert.equal(hook.enable({ id: "h1", type: "always" }), 1);
    assert.deepEqual(enabledIds(hook), ["h1", "h2", "h3"]);
  });

  test("falsy id ('' or 0) and falsy pattern ('') behave as absent", () => {
    const { hook } = fixture();
    assert.equal(hook.disable({ id: "" }), 3);
    assert.equal(hook.enable({ id: 0 }), 3);
    assert.equal(hook.disable({ pattern: "", type: "before" }), 2);
    assert.deepEqual(enabledIds(hook), ["h3"]);
  });

  test("pattern matches the registration string exactly — no glob", () => {
    const { hook } = fixture();
    assert.equal(hook.disable({ pattern: "math.*" }), 1);
    assert.deepEqual(enabledIds(hook), ["h1", "h3"]);
    assert.equal(hook.disable({ pattern: "**" }), 0);
    assert.equal(hook.disable({ pattern: "math.ad?" }), 0);
  });

  test("type + pattern narrows to one group", () => {
    const { hook } = fixture();
    assert.equal(hook.disable({ type: "after", pattern: "math.add" }), 1);
    assert.deepEqual(enabledIds(hook), ["h1", "h2"]);
    assert.equal(hook.disable({ type: "always", pattern: "math.add" }), 0);
  });

  test("the pattern filter covers all subsets of the type", () => {
    const hooks = createHooks(true);
    const hook = hooks.hook;
    hook.on("p:before", () => {}, { id: "s1", subset: "before" });
    hook.on("p:before", () => {}, { id: "s2", subset: "primary" });
    hook.on("p:before", () => {}, { id: "s3", subset: "after" });
    hook.on("q:before", () => {}, { id: "s4", subset: "after" });
    assert.equal(hook.disable({ pattern: "p" }), 3);
    assert.deepEqual(enabledIds(hook), ["s4"]);
  });

  test("a disabled hook does not fire; re-enabling it restores it", () => {
    const { hook, run } = fixture();
    hook.disable({ id: "h2" });
    assert.deepEqual(run(), ["h1", "h3"]);
    hook.enable({ id: "h2" });
    assert.deepEqual(run(), ["h1", "h2", "h3"]);
  });
});

// ------------------------------------------------------------------------------------------------
describe("§7.3 remove / off / clear", () => {
  test("remove({ id }) → 1, then 0", () => {
    const { hook, run } = fixture();
    assert.equal(hook.remove({ id: "h1" }), 1);
    assert.equal(hook.remove({ id: "h1" }), 0);
    assert.deepEqual(ids(hook), ["h2", "h3"]);
    assert.deepEqual(run(), ["h2", "h3"]);
  });

  test("remove({ id }) ignores the other keys", () => {
    const { hook } = fixture();
    assert.equal(hook.remove({ id: "h1", type: "after", pattern: "nope" }), 1);
    assert.deepEqual(ids(hook), ["h2", "h3"]);
  });

  test("remove({ type }) removes every hook of that type", () => {
    const { hook, run } = fixture();
    assert.equal(hook.remove({ type: "before" }), 2);
    assert.deepEqual(ids(hook), ["h3"]);
    assert.deepEqual(run(), ["h3"]);
  });

  test("remove({ pattern }) is exact string equality, not a glob", () => {
    const { hook } = fixture();
    assert.equal(hook.remove({ pattern: "math.*" }), 1);
    assert.deepEqual(ids(hook), ["h1", "h3"]);
    assert.equal(hook.remove({ pattern: "**" }), 0);
    assert.equal(hook.remove({ pattern: "nope" }), 0);
    assert.equal(hook.remove({ pattern: "math.add" }), 2);
    assert.deepEqual(ids(hook), []);
  });

  test("remove({ type, pattern }) removes that one group", () => {
    const { hook } = fixture();
    assert.equal(hook.remove({ type: "before", pattern: "math.add" }), 1);
    assert.deepEqual(ids(hook), ["h2", "h3"]);
  });

  test("remove({}), remove(), clear(), off() remove everything", () => {
    for (const call of [(h) => h.remove({}), (h) => h.remove(), (h) => h.clear(), (h) => h.off(), (h) => h.clear({}), (h) => h.off({}), (h) => h.off(undefined)]) {
      const { hook, run } = fixture();
      assert.equal(call(hook), 3);
      assert.deepEqual(ids(hook), []);
      assert.deepEqual(run(), []);
    }
  });

  test("off(filter object) and clear(filter object) behave like remove(filter)", () => {
    const a = fixture();
    assert.equal(a.hook.off({ type: "before" }), 2);
    assert.deepEqual(ids(a.hook), ["h3"]);
    const b = fixture();
    assert.equal(b.hook.clear({ type: "after" }), 1);
    assert.deepEqual(ids(b.hook), ["h1", "h2"]);
    const c = fixture();
    assert.equal(c.hook.off({ id: "h2" }), 1);
    assert.equal(c.hook.clear({ pattern: "math.add" }), 2);
    assert.deepEqual(ids(c.hook), []);
  });

  test("off('x') removes the hook with id 'x' → 1, others stay", () => {
    const { hook } = fixture();
    assert.equal(hook.off("h2"), 1);
    assert.equal(hook.off("h2"), 0);
    assert.deepEqual(ids(hook), ["h1", "h3"]);
  });

  test("§11 (g) remove('x') treats a string as an id", () => {
    const { hook } = fixture();
    assert.equal(hook.remove("h3"), 1);
    assert.deepEqual(ids(hook), ["h1", "h2"]);
    assert.equal(hook.remove("nope"), 0);
    assert.deepEqual(ids(hook), ["h1", "h2"]);
  });

  test("§11 (g) clear('x') treats a string as an id", () => {
    const { hook } = fixture();
    assert.equal(hook.clear("h1"), 1);
    assert.deepEqual(ids(hook), ["h2", "h3"]);
    assert.equal(hook.clear("h1"), 0);
  });

  test("§11 (g) a string id that looks like a pattern is still an id", () => {
    const { hook } = fixture();
    assert.equal(hook.remove("math.add"), 0);
    assert.equal(hook.clear("math.*"), 0);
    assert.equal(hook.off("math.add"), 0);
    assert.deepEqual(ids(hook), ["h1", "h2", "h3"]);
  });

  test("§11.11 remove(''), clear(''), off('') remove nothing and return 0", () => {
    for (const m of ["remove", "clear", "off"]) {
      const { hook, run } = fixture();
      assert.equal(hook[m](""), 0, m);
      assert.deepEqual(ids(hook), ["h1", "h2", "h3"], m);
      assert.deepEqual(run(), ["h1", "h2", "h3"], m);
    }
  });

  test("§11 (k) off(7) removes the hook with id 7 (a number id)", () => {
    const hook = createHooks(true).hook;
    hook.on("a:before", () => {}, { id: 7 });
    hook.on("b:before", () => {}, { id: 8 });
    hook.on("c:before", () => {});
    assert.equal(hook.off(7), 1);
    assert.deepEqual(ids(hook), [8, "hook-1"]);
    assert.equal(hook.off(7), 0);
  });

  test("§11 (k) off(42) / remove(42) / clear(42) with no such id remove nothing", () => {
    for (const m of ["off", "remove", "clear"]) {
      const { hook } = fixture();
      assert.equal(hook[m](42), 0, m);
      assert.deepEqual(ids(hook), ["h1", "h2", "h3"], m);
    }
  });

  test("remove(7) and clear(8) remove number ids", () => {
    const hook = createHooks(true).hook;
    hook.on("a:before", () => {}, { id: 7 });
    hook.on("b:before", () => {}, { id: 8 });
    hook.on("c:before", () => {}, { id: 9 });
    assert.equal(hook.remove(7), 1);
    assert.equal(hook.clear(8), 1);
    assert.deepEqual(ids(hook), [9]);
  });

  test("removal never changes the global flag", () => {
    const { hooks, hook } = fixture();
    hook.disable();
    hook.clear();
    assert.equal(hooks.diag.hook.enabled, false);
    const b = fixture();
    b.hook.remove({ type: "before" });
    assert.equal(b.hooks.diag.hook.enabled, true);
  });

  test("removal never changes the path filter", () => {
    const { hook, api, log } = fixture();
    hook.enablePattern("math.sub");
    hook.clear();
    hook.on("**:before", ({ path }) => {
      log.push(path);
    });
    log.length = 0;
    api.math.add(1, 2);
    api.math.sub(1, 2);
    assert.deepEqual(log, ["math.sub"]);
    assert.equal(hook.enablePattern("math.sub"), 1);
  });

  test("removal never changes the id counter", () => {
    const hook = createHooks(true).hook;
    assert.equal(hook.on("a:before", () => {}), "hook-1");
    assert.equal(hook.on("a:before", () => {}), "hook-2");
    hook.clear();
    assert.equal(hook.on("a:before", () => {}), "hook-3");
    hook.off("hook-3");
    assert.equal(hook.on("a:before", () => {}), "hook-4");
  });

  test("a removed id can be registered again", () => {
    const hook = createHooks(true).hook;
    hook.on("a:before", () => {}, { id: "same" });
    assert.equal(hook.off("same"), 1);
    assert.equal(hook.on("b:after", () => {}, { id: "same" }), "same");
    assert.deepEqual(
      hook.list().registeredHooks.map((h) => [h.id, h.type, h.pattern]),
      [["same", "after", "b"]],
    );
  });
});

// ------------------------------------------------------------------------------------------------
describe("§7.4 list", () => {
  test("elements are { id, type, pattern, priority, subset, enabled, lockCaller } in that key order", () => {
    const hook = createHooks(true).hook;
    for (let i = 1; i < 10; i++) hook.on("x:after", () => {});
    hook.on("y.*:before", () => {});
    const el = hook.list({ id: "hook-10" }).registeredHooks[0];
    assert.deepEqual(Object.keys(el), LISTED_KEYS);
    assert.equal(
      JSON.stringify(el),
      '{"id":"hook-10","type":"before","pattern":"y.*","priority":0,"subset":"primary","enabled":true,"lockCaller":true}',
    );
  });

  test("elements carry no handler or owner fields", () => {
    const hook = createHooks(true).hook;
    hook.on("x:before", () => {}, { priority: 3, subset: "after", lockCaller: false });
    const [el] = hook.list().registeredHooks;
    assert.deepEqual(Object.keys(el), LISTED_KEYS);
    assert.deepEqual(el, {
      id: "hook-1",
      type: "before",
      pattern: "x",
      priority: 3,
      subset: "after",
      enabled: true,
      lockCaller: false,
    });
  });

  test("elements are fresh plain objects each time", () => {
    const hook = createHooks(true).hook;
    hook.on("x:before", () => {}, { id: "a" });
    const first = hook.list().registeredHooks[0];
    assert.equal(Object.getPrototypeOf(first), Object.prototype);
    first.pattern = "changed";
    first.enabled = false;
    const second = hook.list().registeredHooks[0];
    assert.notEqual(first, second);
    assert.equal(second.pattern, "x");
    assert.equal(second.enabled, true);
    assert.notEqual(hook.list().registeredHooks, hook.list().registeredHooks);
  });

  test("order: type (before, after, always, error) → subset (before, primary, after) → registration", () => {
    const hook = createHooks(true).hook;
    hook.on("a:error", () => {}, { id: "e1" });
    hook.on("a:always", () => {}, { id: "w1" });
    hook.on("z:after", () => {}, { id: "a1" });
    hook.on("b:before", () => {}, { id: "b-after", subset: "after" });
    hook.on("b:before", () => {}, { id: "b-prim" });
    hook.on("c:before", () => {}, { id: "b-before", subset: "before" });
    hook.on("a:before", () => {}, { id: "b-prim2" });
    hook.on("a:after", () => {}, { id: "a2", subset: "before" });
    assert.deepEqual(ids(hook), ["b-before", "b-prim", "b-prim2", "b-after", "a2", "a1", "w1", "e1"]);
  });

  test("§11 (a) within a subset, list walks global registration order (not pattern groups)", () => {
    const hook = createHooks(true).hook;
    hook.on("math.*:before", () => {}, { id: "A" });
    hook.on("math.add:before", () => {}, { id: "B" });
    hook.on("math.*:before", () => {}, { id: "C" });
    hook.on("**:before", () => {}, { id: "X" });
    hook.on("1:before", () => {}, { id: "Y" });
    assert.deepEqual(ids(hook), ["A", "B", "C", "X", "Y"]);
  });

  test("list ignores priority: it is not the firing order", () => {
    const hook = createHooks(true).hook;
    hook.on("a:before", () => {}, { id: "low", priority: 1 });
    hook.on("a:before", () => {}, { id: "high", priority: 10 });
    const listed = ids(hook);
    // firing order would be high, low; spec §7.4 walks registration order within a subset
    assert.deepEqual(listed, ["low", "high"]);
  });

  test("list({ id }) → that hook only; other keys are ignored", () => {
    const { hook } = fixture();
    assert.deepEqual(ids(hook, { id: "h2" }), ["h2"]);
    assert.deepEqual(ids(hook, { id: "h2", type: "after", pattern: "nope" }), ["h2"]);
    assert.deepEqual(ids(hook, { id: "nope" }), []);
  });

  test("list({ id, enabled }) honours enabled", () => {
    const { hook } = fixture();
    hook.disable({ id: "h2" });
    assert.deepEqual(ids(hook, { id: "h2", enabled: true }), []);
    assert.deepEqual(ids(hook, { id: "h2", enabled: false }), ["h2"]);
    assert.deepEqual(ids(hook, { id: "h1", enabled: true }), ["h1"]);
  });

  test("enabled filter is strict: enabled: 1 or 'true' matches nothing", () => {
    const { hook } = fixture();
    hook.disable({ id: "h1" });
    assert.deepEqual(ids(hook, { enabled: true }), ["h2", "h3"]);
    assert.deepEqual(ids(hook, { enabled: false }), ["h1"]);
    assert.deepEqual(ids(hook, { enabled: 1 }), []);
    assert.deepEqual(ids(hook, { enabled: 0 }), []);
    assert.deepEqual(ids(hook, { enabled: "true" }), []);
    assert.deepEqual(ids(hook, { enabled: undefined }), ["h1", "h2", "h3"]);
  });

  test("list({ id, enabled: 1 }) matches nothing (strict)", () => {
    const { hook } = fixture();
    assert.deepEqual(ids(hook, { id: "h1", enabled: 1 }), []);
  });

  test("number ids work in list / enable / disable filters", () => {
    const hook = createHooks(true).hook;
    hook.on("a:before", () => {}, { id: 7 });
    hook.on("a:before", () => {}, { id: 8 });
    assert.deepEqual(ids(hook, { id: 7 }), [7]);
    assert.equal(hook.disable({ id: 7 }), 1);
    assert.deepEqual(enabledIds(hook), [8]);
    assert.equal(hook.enable({ id: 7 }), 1);
    assert.deepEqual(enabledIds(hook), [7, 8]);
    assert.equal(hook.remove({ id: 8 }), 1);
    assert.deepEqual(ids(hook), [7]);
  });

  test("list({ type })", () => {
    const { hook } = fixture();
    assert.deepEqual(ids(hook, { type: "before" }), ["h1", "h2"]);
    assert.deepEqual(ids(hook, { type: "after" }), ["h3"]);
    assert.deepEqual(ids(hook, { type: "error" }), []);
  });

  test("glob on pattern strings: 'math.*' lists hooks registered as math.add and math.* but not **", () => {
    const hook = createHooks(true).hook;
    hook.on("math.add:before", () => {}, { id: "add" });
    hook.on("math.*:after", () => {}, { id: "star" });
    hook.on("**:before", () => {}, { id: "all" });
    hook.on("math.a.b:before", () => {}, { id: "deep" });
    hook.on("string.x:before", () => {}, { id: "str" });
    assert.deepEqual(ids(hook, { pattern: "math.*" }), ["add", "star"]);
    assert.deepEqual(ids(hook, "math.*"), ["add", "star"]);
  });

  test("list({ pattern: '*' }) lists every single-segment pattern", () => {
    const hook = createHooks(true).hook;
    hook.on("alpha:before", () => {}, { id: "1" });
    hook.on("a.b:before", () => {}, { id: "2" });
    hook.on("**:before", () => {}, { id: "3" });
    hook.on("x:always", () => {}, { id: "4" });
    hook.on("a.*:before", () => {}, { id: "5" });
    assert.deepEqual(ids(hook, { pattern: "*" }), ["1", "3", "4"]);
  });

  test("list('') and list({ pattern: '' }) list everything", () => {
    const { hook } = fixture();
    assert.deepEqual(ids(hook, ""), ["h1", "h2", "h3"]);
    assert.deepEqual(ids(hook, { pattern: "" }), ["h1", "h2", "h3"]);
  });

  test("list pattern filter uses the pattern language (braces, negation)", () => {
    const { hook } = fixture();
    assert.deepEqual(ids(hook, { pattern: "!math.add" }), ["h2"]);
    assert.deepEqual(ids(hook, { pattern: "{math.add,nope}" }), ["h1", "h3"]);
    assert.deepEqual(ids(hook, { pattern: "math.ad?" }), ["h1", "h3"]);
  });

  test("list pattern combines with type and enabled", () => {
    const { hook } = fixture();
    hook.disable({ id: "h1" });
    assert.deepEqual(ids(hook, { pattern: "math.add", type: "before" }), ["h1"]);
    assert.deepEqual(ids(hook, { pattern: "math.add", enabled: true }), ["h3"]);
  });

  test("list('before') is the type shorthand; list('x') is a pattern filter", () => {
    const hook = createHooks(true).hook;
    hook.on("before:after", () => {}, { id: "pat-before" }); // type after, pattern "before"
    hook.on("x:before", () => {}, { id: "x-before" });
    hook.on("x:error", () => {}, { id: "x-error" });
    hook.on("y:always", () => {}, { id: "y-always" });
    assert.deepEqual(ids(hook, "before"), ["x-before"]);
    assert.deepEqual(ids(hook, "after"), ["pat-before"]);
    assert.deepEqual(ids(hook, "always"), ["y-always"]);
    assert.deepEqual(ids(hook, "error"), ["x-error"]);
    assert.deepEqual(ids(hook, "x"), ["x-before", "x-error"]);
  });

  test("list('bogus') is a pattern filter and does not throw", () => {
    const hook = createHooks(true).hook;
    hook.on("bogus:before", () => {}, { id: "b" });
    hook.on("other:before", () => {}, { id: "o" });
    assert.deepEqual(ids(hook, "bogus"), ["b"]);
    assert.deepEqual(ids(hook, "Before"), []);
  });

  test("list(undefined) lists everything", () => {
    const { hook } = fixture();
    assert.deepEqual(ids(hook, undefined), ["h1", "h2", "h3"]);
  });

  test("list reflects removals and enabled state", () => {
    const { hook } = fixture();
    hook.disable({ id: "h3" });
    hook.off("h1");
    assert.deepEqual(
      hook.list().registeredHooks.map((h) => [h.id, h.enabled]),
      [
        ["h2", true],
        ["h3", false],
      ],
    );
  });

  test("list({ type: 'bogus' }) throws INVALID_HOOK_FILTER (§11 (k))", () => {
    const e = catchError(() => createHooks(true).hook.list({ type: "bogus" }));
    assert.ok(e instanceof HookError);
    assert.equal(e.code, "INVALID_HOOK_FILTER");
  });
});
