// Conformance: the global path filter — spec §6 (enablePattern / disablePattern /
// resetPatternFilter, union semantics, all four hook types filtered, independence from the
// per-hook and global flags), §4.5 (compiled matcher only), §11 (b) / §11.11.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { createHooks, HookError } from "../index.mjs";
import { catchError } from "./helpers/common.mjs";

// An instance with one hook of every type on "**" and a tree of functions; `fired(call)` returns
// the hook types (type:path) that ran for that call.
function setup(config = true) {
  const hooks = createHooks(config);
  const log = [];
  for (const type of ["before", "after", "always", "error"]) {
    hooks.hook.on(`**:${type}`, ({ path }) => {
      log.push(`${type}:${path}`);
    });
  }
  const api = hooks.wrap({
    a: { x: () => "ax", y: () => "ay" },
    b: { x: () => "bx" },
    c: { x: () => "cx" },
    math: { add: (p, q) => p + q },
    internal: { secret: () => "s" },
    fail: {
      sync: () => {
        throw new Error("sync");
      },
      async: async () => {
        throw new Error("async");
      },
    },
  });
  const fired = (call) => {
    log.length = 0;
    try {
      call(api);
    } catch {
      /* ignored */
    }
    return [...log];
  };
  const passes = (call) => fired(call).length > 0;
  return { hooks, hook: hooks.hook, api, log, fired, passes };
}

// ------------------------------------------------------------------------------------------------
describe("§6 the documented sequence", () => {
  test('enablePattern("a.*") → 1; again → 1; disablePattern("nope") → 1; disablePattern("a.*") → 0; reset → undefined', () => {
    const { hook } = setup();
    assert.equal(hook.enablePattern("a.*"), 1);
    assert.equal(hook.enablePattern("a.*"), 1);
    assert.equal(hook.disablePattern("nope"), 1);
    assert.equal(hook.disablePattern("a.*"), 0);
    assert.equal(hook.resetPatternFilter(), undefined);
  });

  test("the same sequence, observed through behaviour", () => {
    const { hook, passes } = setup();
    assert.equal(passes((a) => a.b.x()), true); // inactive: every path passes
    hook.enablePattern("a.*");
    assert.equal(passes((a) => a.a.x()), true);
    assert.equal(passes((a) => a.b.x()), false);
    hook.enablePattern("a.*");
    hook.disablePattern("nope");
    assert.equal(passes((a) => a.a.x()), true);
    assert.equal(passes((a) => a.b.x()), false);
    hook.disablePattern("a.*"); // empty → inactive
    assert.equal(passes((a) => a.b.x()), true);
    assert.equal(passes((a) => a.a.x()), true);
    hook.resetPatternFilter();
    assert.equal(passes((a) => a.b.x()), true);
  });

  test("disablePattern on an inactive, empty filter → 0 and stays inactive", () => {
    const { hook, passes } = setup();
    assert.equal(hook.disablePattern("a.*"), 0);
    assert.equal(passes((a) => a.c.x()), true);
  });

  test("patterns are compared as strings in the set: equivalent spellings are distinct entries", () => {
    const { hook } = setup();
    assert.equal(hook.enablePattern("{a,b}.*"), 1);
    assert.equal(hook.enablePattern("{b,a}.*"), 2);
    assert.equal(hook.disablePattern("{a,b}.*"), 1);
  });
});

// ------------------------------------------------------------------------------------------------
describe("§6 union semantics", () => {
  test("a path passes if it matches at least one pattern", () => {
    const { hook, passes } = setup();
    assert.equal(hook.enablePattern("a.*"), 1);
    assert.equal(hook.enablePattern("b.*"), 2);
    assert.equal(passes((a) => a.a.x()), true);
    assert.equal(passes((a) => a.a.y()), true);
    assert.equal(passes((a) => a.b.x()), true);
    assert.equal(passes((a) => a.c.x()), false);
    assert.equal(passes((a) => a.math.add(1, 2)), false);
  });

  test("removing one pattern keeps the others active", () => {
    const { hook, passes } = setup();
    hook.enablePattern("a.*");
    hook.enablePattern("b.*");
    assert.equal(hook.disablePattern("a.*"), 1);
    assert.equal(passes((a) => a.a.x()), false);
    assert.equal(passes((a) => a.b.x()), true);
  });

  test('enablePattern("**") while active widens to every path but keeps the filter active', () => {
    const { hook, passes } = setup();
    hook.enablePattern("a.*");
    assert.equal(hook.enablePattern("**"), 2);
    assert.equal(passes((a) => a.c.x()), true);
    assert.equal(passes((a) => a.math.add(1, 2)), true);
    // still active: removing ** narrows again instead of deactivating
    assert.equal(hook.disablePattern("**"), 1);
    assert.equal(passes((a) => a.c.x()), false);
  });

  test('enablePattern("**") on an inactive filter activates it with size 1', () => {
    const { hooks, hook, passes } = setup();
    assert.equal(hook.enablePattern("**"), 1);
    assert.equal(passes((a) => a.c.x()), true);
    const r = hooks.diag.hook.explain("c.x");
    assert.deepEqual(r.filter, { active: true, passes: true });
  });

  test("a negated pattern in the filter passes everything except its matches", () => {
    const { hook, passes } = setup();
    hook.enablePattern("!internal.*");
    assert.equal(passes((a) => a.internal.secret()), false);
    assert.equal(passes((a) => a.math.add(1, 2)), true);
  });

  test("negation combines by union: {!internal.*} ∪ {internal.secret} passes everything", () => {
    const { hook, passes } = setup();
    hook.enablePattern("!internal.*");
    hook.enablePattern("internal.secret");
    assert.equal(passes((a) => a.internal.secret()), true);
    assert.equal(passes((a) => a.a.x()), true);
  });

  test("brace patterns work in the filter", () => {
    const { hook, passes } = setup();
    hook.enablePattern("{a,c}.x");
    assert.equal(passes((a) => a.a.x()), true);
    assert.equal(passes((a) => a.c.x()), true);
    assert.equal(passes((a) => a.b.x()), false);
    assert.equal(passes((a) => a.a.y()), false);
  });

  test('enablePattern("") adds a pattern that only passes the empty path', () => {
    const { hook, passes } = setup();
    assert.equal(hook.enablePattern(""), 1);
    assert.equal(passes((a) => a.a.x()), false);
    assert.equal(hook.disablePattern(""), 0);
    assert.equal(passes((a) => a.a.x()), true);
  });

  test("§4.5 the filter uses the compiled matcher only — no identical-string shortcut", () => {
    const hooks = createHooks(true);
    const log = [];
    hooks.hook.on("**:before", ({ path }) => {
      log.push(path);
    });
    hooks.hook.enablePattern("{a,b}");
    hooks.wrapFunction("{a,b}", () => 1)();
    hooks.wrapFunction("a", () => 1)();
    hooks.wrapFunction("b", () => 1)();
    assert.deepEqual(log, ["a", "b"]);
  });

  test("filter matching is anchored and case-sensitive", () => {
    const { hook, passes } = setup();
    hook.enablePattern("MATH.*");
    assert.equal(passes((a) => a.math.add(1, 2)), false);
    hook.enablePattern("math");
    assert.equal(passes((a) => a.math.add(1, 2)), false);
  });
});

// ------------------------------------------------------------------------------------------------
describe("§6 a filtered path gets no hooks of any type", () => {
  test("sync success: before, after and always are all filtered", () => {
    const { hook, fired, api } = setup();
    hook.enablePattern("a.*");
    assert.deepEqual(fired((a) => a.b.x()), []);
    assert.deepEqual(fired((a) => a.a.x()), ["before:a.x", "after:a.x", "always:a.x"]);
    assert.equal(api.b.x(), "bx");
  });

  test("sync failure: error and always hooks are filtered; the error still reaches the caller", () => {
    const { hook, fired, api } = setup();
    hook.enablePattern("a.*");
    assert.deepEqual(fired((a) => a.fail.sync()), []);
    assert.throws(() => api.fail.sync(), /sync/);
    hook.enablePattern("fail.*");
    assert.deepEqual(fired((a) => a.fail.sync()), ["before:fail.sync", "error:fail.sync", "always:fail.sync"]);
  });

  test("async rejection: error and always hooks are filtered", async () => {
    const { hook, log, api } = setup();
    hook.enablePattern("a.*");
    log.length = 0;
    await assert.rejects(api.fail.async(), /async/);
    assert.deepEqual(log, []);
  });

  test("a before-hook short-circuit does not happen on a filtered path", () => {
    const hooks = createHooks(true);
    hooks.hook.on("**:before", () => 42);
    const api = hooks.wrap({ a: { x: () => "ax" }, b: { x: () => "bx" } });
    hooks.hook.enablePattern("a.*");
    assert.equal(api.a.x(), 42);
    assert.equal(api.b.x(), "bx");
  });

  test("an after-hook result rewrite does not happen on a filtered path", () => {
    const hooks = createHooks(true);
    hooks.hook.on("**:after", ({ result }) => `${result}!`);
    const api = hooks.wrap({ a: { x: () => "ax" }, b: { x: () => "bx" } });
    hooks.hook.enablePattern("a.*");
    assert.equal(api.a.x(), "ax!");
    assert.equal(api.b.x(), "bx");
  });

  test("hooks whose own pattern names the filtered path exactly are still filtered", () => {
    const hooks = createHooks(true);
    const log = [];
    for (const t of ["before", "after", "always"]) {
      hooks.hook.on(`b.x:${t}`, () => {
        log.push(t);
      });
    }
    const api = hooks.wrap({ b: { x: () => 1 } });
    hooks.hook.enablePattern("a.*");
    api.b.x();
    assert.deepEqual(log, []);
  });
});

// ------------------------------------------------------------------------------------------------
describe("§6 enablePattern errors change nothing", () => {
  test('enablePattern("{}") throws INVALID_HOOK_PATTERN and the inactive filter stays inactive', () => {
    const { hook, passes } = setup();
    const e = catchError(() => hook.enablePattern("{}"));
    assert.ok(e instanceof HookError);
    assert.equal(e.code, "INVALID_HOOK_PATTERN");
    assert.equal(passes((a) => a.c.x()), true);
    assert.equal(hook.enablePattern("a.*"), 1);
  });

  test("a failed enablePattern on an active filter leaves the set unchanged", () => {
    const { hook, passes } = setup();
    hook.enablePattern("a.*");
    assert.throws(() => hook.enablePattern("x{}"), { code: "INVALID_HOOK_PATTERN" });
    assert.throws(() => hook.enablePattern("{a}{b}{c}{d}{e}{f}{g}{h}{i}{j}"), {
      code: "HOOK_BRACE_EXPANSION_MAX_DEPTH",
    });
    assert.throws(() => hook.enablePattern(5), { code: "INVALID_HOOK_PATTERN" });
    assert.equal(passes((a) => a.a.x()), true);
    assert.equal(passes((a) => a.b.x()), false);
    assert.equal(hook.enablePattern("b.*"), 2);
  });

  test("too-deep braces → HOOK_BRACE_EXPANSION_MAX_DEPTH with the exact message", () => {
    const { hook, passes } = setup();
    const deep = "{a,{b,{c,{d,{e,{f,{g,{h,{i,{j,k}}}}}}}}}}";
    const e = catchError(() => hook.enablePattern(deep));
    assert.equal(e.code, "HOOK_BRACE_EXPANSION_MAX_DEPTH");
    assert.equal(e.message, `[HOOK_BRACE_EXPANSION_MAX_DEPTH] Brace expansion in hook pattern exceeds the limit of 9 brace groups along one expansion chain (groups in sequence and nested groups both count).`);
    assert.deepEqual(e.context, { pattern: deep, maxGroups: 9 });
    assert.equal(passes((a) => a.c.x()), true);
  });

  for (const [name, value] of [
    ["a number", 5],
    ["null", null],
    ["undefined", undefined],
    ["an object", {}],
    ["true", true],
  ]) {
    test(`enablePattern(${name}) → INVALID_HOOK_PATTERN (non-string, §11 (b))`, () => {
      const { hook, passes } = setup();
      const e = catchError(() => hook.enablePattern(value));
      assert.ok(e instanceof HookError);
      assert.equal(e.code, "INVALID_HOOK_PATTERN");
      assert.equal(passes((a) => a.c.x()), true);
    });
  }

  test("an oversized pattern → HOOK_PATTERN_TOO_COMPLEX; nothing changes", () => {
    const { hook, passes } = setup();
    assert.throws(() => hook.enablePattern("x".repeat(64 * 1024 + 1)), { code: "HOOK_PATTERN_TOO_COMPLEX" });
    assert.equal(passes((a) => a.c.x()), true);
  });
});

// ------------------------------------------------------------------------------------------------
describe("§6 resetPatternFilter re-seeds from the config", () => {
  test('config "math.*": widen, drop the seed, reset → exactly { math.* } again', () => {
    const { hook, passes } = setup("math.*");
    assert.equal(passes((a) => a.math.add(1, 2)), true);
    assert.equal(passes((a) => a.a.x()), false);
    assert.equal(hook.enablePattern("a.*"), 2);
    assert.equal(hook.disablePattern("math.*"), 1);
    assert.equal(passes((a) => a.math.add(1, 2)), false);
    assert.equal(passes((a) => a.a.x()), true);
    assert.equal(hook.resetPatternFilter(), undefined);
    assert.equal(passes((a) => a.math.add(1, 2)), true);
    assert.equal(passes((a) => a.a.x()), false);
    assert.equal(hook.enablePattern("a.*"), 2);
  });

  test("removing the configured pattern deactivates the filter until reset", () => {
    const { hook, passes } = setup({ pattern: "math.*" });
    assert.equal(hook.disablePattern("math.*"), 0);
    assert.equal(passes((a) => a.c.x()), true);
    assert.equal(passes((a) => a.math.add(1, 2)), true);
    hook.resetPatternFilter();
    assert.equal(passes((a) => a.c.x()), false);
    assert.equal(passes((a) => a.math.add(1, 2)), true);
  });

  test("config ** (or true): reset clears the set and leaves the filter inactive", () => {
    for (const cfg of [true, { pattern: "**" }, "", "**"]) {
      const { hook, passes } = setup(cfg);
      hook.enablePattern("a.*");
      assert.equal(passes((a) => a.c.x()), false);
      hook.resetPatternFilter();
      assert.equal(passes((a) => a.c.x()), true, JSON.stringify(cfg));
      assert.equal(hook.enablePattern("b.*"), 1, JSON.stringify(cfg));
    }
  });

  test("config ** is not seeded: the first enablePattern gives size 1", () => {
    const { hook } = setup({ pattern: "**" });
    assert.equal(hook.enablePattern("a.*"), 1);
  });

  test("reset on a disabled config with a pattern re-seeds the pattern", () => {
    const { hook, passes } = setup({ enabled: false, pattern: "a.*" });
    hook.disablePattern("a.*");
    hook.resetPatternFilter();
    hook.enable();
    assert.equal(passes((a) => a.a.x()), true);
    assert.equal(passes((a) => a.b.x()), false);
  });

  test("reset is idempotent", () => {
    const { hook, passes } = setup("a.*");
    hook.resetPatternFilter();
    hook.resetPatternFilter();
    assert.equal(hook.enablePattern("a.*"), 1);
    assert.equal(passes((a) => a.a.x()), true);
    assert.equal(passes((a) => a.b.x()), false);
  });
});

// ------------------------------------------------------------------------------------------------
describe("§6 independence from the per-hook flags and the global flag", () => {
  test("a disabled hook on a passing path does not fire; an enabled hook on a filtered path does not fire", () => {
    const hooks = createHooks(true);
    const log = [];
    hooks.hook.on(
      "a.*:before",
      ({ path }) => {
        log.push(`A:${path}`);
      },
      { id: "A" },
    );
    hooks.hook.on(
      "**:before",
      ({ path }) => {
        log.push(`ALL:${path}`);
      },
      { id: "ALL" },
    );
    const api = hooks.wrap({ a: { x: () => 1 }, b: { x: () => 2 } });
    hooks.hook.enablePattern("a.*");
    hooks.hook.disable({ id: "A" });
    api.a.x();
    api.b.x();
    assert.deepEqual(log, ["ALL:a.x"]);
  });

  test("per-hook enable/disable does not change the filter", () => {
    const { hook, passes } = setup();
    hook.enablePattern("a.*");
    hook.disable({ type: "after" });
    hook.enable({ type: "after" });
    hook.disable("**");
    hook.enable("**");
    assert.equal(passes((a) => a.b.x()), false);
    assert.equal(passes((a) => a.a.x()), true);
    assert.equal(hook.enablePattern("a.*"), 1);
  });

  test("global disable()/enable() does not change the filter", () => {
    const { hook, passes } = setup();
    hook.enablePattern("a.*");
    hook.disable();
    assert.equal(passes((a) => a.a.x()), false);
    hook.enable();
    assert.equal(passes((a) => a.a.x()), true);
    assert.equal(passes((a) => a.b.x()), false);
    assert.equal(hook.disablePattern("a.*"), 0);
  });

  test("filter operations work while the system is disabled and apply once enabled", () => {
    const { hook, passes } = setup(false);
    assert.equal(hook.enablePattern("b.*"), 1);
    assert.equal(hook.enablePattern("c.*"), 2);
    assert.equal(hook.disablePattern("c.*"), 1);
    assert.equal(passes((a) => a.b.x()), false);
    hook.enable();
    assert.equal(passes((a) => a.b.x()), true);
    assert.equal(passes((a) => a.c.x()), false);
  });

  test("the filter does not affect registration or list()", () => {
    const { hook } = setup();
    hook.enablePattern("nothing");
    const id = hook.on("b.x:before", () => {});
    assert.equal(hook.list({ id }).registeredHooks.length, 1);
    assert.equal(hook.list().registeredHooks.length, 5);
  });

  test("removing hooks does not change the filter", () => {
    const { hook, passes } = setup();
    hook.enablePattern("a.*");
    hook.clear();
    const log = [];
    hook.on("**:before", ({ path }) => {
      log.push(path);
    });
    passes((a) => a.a.x());
    passes((a) => a.b.x());
    assert.deepEqual(log, ["a.x"]);
  });

  test("filters are per instance", () => {
    const one = setup();
    const two = setup();
    one.hook.enablePattern("a.*");
    assert.equal(one.passes((a) => a.b.x()), false);
    assert.equal(two.passes((a) => a.b.x()), true);
    assert.equal(two.hook.enablePattern("b.*"), 1);
  });
});

// ------------------------------------------------------------------------------------------------
describe("§11.11 explain reports the filter", () => {
  test("inactive, active-passing and active-blocking states", () => {
    const { hooks, hook } = setup();
    let r = hooks.diag.hook.explain("b.x");
    assert.deepEqual(r.filter, { active: false, passes: true });
    assert.equal(r.stoppedBy, null);
    hook.enablePattern("a.*");
    r = hooks.diag.hook.explain("b.x");
    assert.deepEqual(r.filter, { active: true, passes: false });
    assert.equal(r.stoppedBy, "filter");
    r = hooks.diag.hook.explain("a.x");
    assert.deepEqual(r.filter, { active: true, passes: true });
    assert.equal(r.stoppedBy, null);
  });

  test("config pattern seeds an active filter", () => {
    const hooks = createHooks("a.*");
    assert.deepEqual(hooks.diag.hook.explain("b.x").filter, { active: true, passes: false });
    hooks.hook.disablePattern("a.*");
    assert.deepEqual(hooks.diag.hook.explain("b.x").filter, { active: false, passes: true });
  });
});
