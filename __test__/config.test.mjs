// Conformance: createHooks(config) — spec §1 (configuration forms), §6 construction row,
// §8.11 / §11 (j) (suppressErrors), §11.11 (config pattern compiled at createHooks), js-api notes
// (hooks.config, diag.hook.enabled, silent, context).
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { createHooks, HookError } from "../index.mjs";
import { catchError, captureWarnings } from "./helpers/common.mjs";

const CONFIG_KEYS = ["enabled", "pattern", "suppressErrors", "pin"];

// A wrapped tree plus a log of every hook type firing for every path.
function probe(hooks) {
  const log = [];
  const api = hooks.wrap({
    math: { add: (a, b) => a + b, sub: (a, b) => a - b },
    util: { x: () => "x" },
    false: () => "f",
    fail: () => {
      throw new Error("boom");
    },
  });
  for (const type of ["before", "after", "always", "error"]) {
    hooks.hook.on(`**:${type}`, ({ path }) => {
      log.push(`${type}:${path}`);
    });
  }
  return { api, log };
}

// Does calling `path` (a function of api) run hooks?
function fires(api, log, call) {
  log.length = 0;
  try {
    call(api);
  } catch {
    /* ignored */
  }
  return log.length > 0;
}

function assertConfig(hooks, expected) {
  assert.deepEqual(Object.keys(hooks.config).sort(), [...CONFIG_KEYS].sort());
  for (const k of CONFIG_KEYS) {
    assert.equal(hooks.config[k], expected[k], `config.${k}`);
  }
}

// ------------------------------------------------------------------------------------------------
describe("§1 disabled forms: absent, undefined, null, numbers, functions, other non-string non-objects", () => {
  const cases = [
    ["no argument", []],
    ["undefined", [undefined]],
    ["null", [null]],
    ["0", [0]],
    ["42", [42]],
    ["1", [1]],
    ["NaN", [NaN]],
    ["a function", [() => {}]],
    ["a bigint", [10n]],
    ["a symbol", [Symbol("cfg")]],
  ];
  for (const [name, args] of cases) {
    test(`${name} → enabled false, pattern "**", suppressErrors false, pin true`, () => {
      const hooks = createHooks(...args);
      assertConfig(hooks, { enabled: false, pattern: "**", suppressErrors: false, pin: true });
      assert.equal(hooks.diag.hook.enabled, false);
      assert.equal(hooks.hook.pin.enabled, true);
    });
  }

  test("a function carrying enabled/pattern properties is still the disabled default", () => {
    const fn = Object.assign(() => {}, { enabled: true, pattern: "math.*", suppressErrors: true, pin: false });
    const hooks = createHooks(fn);
    assertConfig(hooks, { enabled: false, pattern: "**", suppressErrors: false, pin: true });
    assert.equal(hooks.diag.hook.enabled, false);
  });

  test("createHooks(): hooks can be registered but do not fire", () => {
    const hooks = createHooks();
    const { api, log } = probe(hooks);
    assert.equal(hooks.hook.list().registeredHooks.length, 4);
    assert.equal(api.math.add(1, 2), 3);
    assert.deepEqual(log, []);
  });

  test("createHooks(): hook.enable() turns the system on", () => {
    const hooks = createHooks();
    const { api, log } = probe(hooks);
    hooks.hook.enable();
    assert.equal(hooks.diag.hook.enabled, true);
    assert.equal(api.math.add(1, 2), 3);
    assert.deepEqual(log, ["before:math.add", "after:math.add", "always:math.add"]);
  });

  test("createHooks(): the disabled default has no path filter once enabled", () => {
    const hooks = createHooks();
    const { api, log } = probe(hooks);
    hooks.hook.enable();
    assert.equal(fires(api, log, (a) => a.util.x()), true);
    assert.equal(fires(api, log, (a) => a.math.sub(1, 1)), true);
  });
});

// ------------------------------------------------------------------------------------------------
describe("§1 booleans", () => {
  test("true → enabled, pattern **, hooks fire on every path", () => {
    const hooks = createHooks(true);
    assertConfig(hooks, { enabled: true, pattern: "**", suppressErrors: false, pin: true });
    assert.equal(hooks.diag.hook.enabled, true);
    const { api, log } = probe(hooks);
    assert.equal(fires(api, log, (a) => a.math.add(1, 2)), true);
    assert.equal(fires(api, log, (a) => a.util.x()), true);
  });

  test("false → enabled false, pattern null, pin true", () => {
    const hooks = createHooks(false);
    assertConfig(hooks, { enabled: false, pattern: null, suppressErrors: false, pin: true });
    assert.equal(hooks.diag.hook.enabled, false);
    const { api, log } = probe(hooks);
    assert.equal(fires(api, log, (a) => a.math.add(1, 2)), false);
  });

  test("false: the engine uses ** (no path filter after enable())", () => {
    const hooks = createHooks(false);
    const { api, log } = probe(hooks);
    hooks.hook.enable();
    assert.equal(fires(api, log, (a) => a.math.add(1, 2)), true);
    assert.equal(fires(api, log, (a) => a.util.x()), true);
    // an inactive filter starts empty: the first enablePattern yields size 1
    assert.equal(hooks.hook.enablePattern("util.*"), 1);
  });
});

// ------------------------------------------------------------------------------------------------
describe("§1 strings", () => {
  test('"math.*" → enabled, pattern "math.*", acting as the global path filter', () => {
    const hooks = createHooks("math.*");
    assertConfig(hooks, { enabled: true, pattern: "math.*", suppressErrors: false, pin: true });
    const { api, log } = probe(hooks);
    assert.equal(fires(api, log, (a) => a.math.add(1, 2)), true);
    assert.equal(fires(api, log, (a) => a.math.sub(1, 2)), true);
    assert.equal(fires(api, log, (a) => a.util.x()), false);
  });

  test("string config filters all four hook types on a non-matching path", () => {
    const hooks = createHooks("math.*");
    const { api, log } = probe(hooks);
    log.length = 0;
    assert.throws(() => api.fail(), /boom/);
    assert.equal(api.util.x(), "x");
    assert.deepEqual(log, []);
  });

  test("the config filter is seeded with exactly the configured pattern (set size 1)", () => {
    const hooks = createHooks("math.*");
    assert.equal(hooks.hook.enablePattern("util.*"), 2);
    assert.equal(hooks.hook.disablePattern("util.*"), 1);
    assert.equal(hooks.hook.disablePattern("math.*"), 0);
  });

  test('"" → enabled true, pattern "" and the engine uses ** (no filter)', () => {
    const hooks = createHooks("");
    assertConfig(hooks, { enabled: true, pattern: "", suppressErrors: false, pin: true });
    assert.equal(hooks.diag.hook.enabled, true);
    const { api, log } = probe(hooks);
    assert.equal(fires(api, log, (a) => a.math.add(1, 2)), true);
    assert.equal(fires(api, log, (a) => a.util.x()), true);
    assert.equal(hooks.hook.enablePattern("util.*"), 1);
  });

  test('"false" → enabled true, a filter that only passes the path named false', () => {
    const hooks = createHooks("false");
    assertConfig(hooks, { enabled: true, pattern: "false", suppressErrors: false, pin: true });
    const { api, log } = probe(hooks);
    assert.equal(fires(api, log, (a) => a.false()), true);
    assert.equal(fires(api, log, (a) => a.math.add(1, 2)), false);
    assert.equal(fires(api, log, (a) => a.util.x()), false);
  });

  test("a config pattern matching no path suppresses all hooks", () => {
    const hooks = createHooks("nothing.matches.this");
    const { api, log } = probe(hooks);
    assert.equal(fires(api, log, (a) => a.math.add(1, 2)), false);
    assert.equal(fires(api, log, (a) => a.util.x()), false);
    assert.equal(fires(api, log, (a) => a.fail()), false);
  });

  test("a negated string config passes everything except the negated paths", () => {
    const hooks = createHooks("!math.*");
    const { api, log } = probe(hooks);
    assert.equal(fires(api, log, (a) => a.math.add(1, 2)), false);
    assert.equal(fires(api, log, (a) => a.util.x()), true);
  });

  test("a brace string config is a filter over both alternatives", () => {
    const hooks = createHooks("{util,false}.**");
    const { api, log } = probe(hooks);
    assert.equal(fires(api, log, (a) => a.util.x()), true);
    assert.equal(fires(api, log, (a) => a.math.add(1, 2)), false);
  });
});

// ------------------------------------------------------------------------------------------------
describe("§1 objects", () => {
  test("{} → enabled true, pattern **, suppressErrors false, pin true", () => {
    const hooks = createHooks({});
    assertConfig(hooks, { enabled: true, pattern: "**", suppressErrors: false, pin: true });
    const { api, log } = probe(hooks);
    assert.equal(fires(api, log, (a) => a.util.x()), true);
  });

  test("{ enabled:false, pattern:'x', suppressErrors:true, pin:false } → false, x, true, false", () => {
    const hooks = createHooks({ enabled: false, pattern: "x", suppressErrors: true, pin: false });
    assertConfig(hooks, { enabled: false, pattern: "x", suppressErrors: true, pin: false });
    assert.equal(hooks.diag.hook.enabled, false);
    assert.equal(hooks.hook.pin.enabled, false);
  });

  test("{ enabled:false, pattern } → after enable() the configured filter applies", () => {
    const hooks = createHooks({ enabled: false, pattern: "util.*" });
    const { api, log } = probe(hooks);
    assert.equal(fires(api, log, (a) => a.util.x()), false);
    hooks.hook.enable();
    assert.equal(fires(api, log, (a) => a.util.x()), true);
    assert.equal(fires(api, log, (a) => a.math.add(1, 2)), false);
  });

  test("{ pattern: '' } and { pattern: null } → pattern **", () => {
    for (const pattern of ["", null, undefined, 0, false]) {
      const hooks = createHooks({ pattern });
      assertConfig(hooks, { enabled: true, pattern: "**", suppressErrors: false, pin: true });
    }
  });

  test("enabled: only a literal false disables", () => {
    for (const enabled of [true, 0, "", null, undefined, "no", "false", 1]) {
      const hooks = createHooks({ enabled });
      assert.equal(hooks.config.enabled, true, `enabled: ${String(enabled)}`);
      assert.equal(hooks.diag.hook.enabled, true, `enabled: ${String(enabled)}`);
    }
    assert.equal(createHooks({ enabled: false }).config.enabled, false);
    assert.equal(createHooks({ enabled: false }).diag.hook.enabled, false);
  });

  test("pin: only a literal false turns pin enforcement off", () => {
    for (const pin of [true, 0, "", null, undefined, "false"]) {
      const hooks = createHooks({ pin });
      assert.equal(hooks.config.pin, true, `pin: ${String(pin)}`);
      assert.equal(hooks.hook.pin.enabled, true, `pin: ${String(pin)}`);
    }
    const off = createHooks({ pin: false });
    assert.equal(off.config.pin, false);
    assert.equal(off.hook.pin.enabled, false);
  });

  test("suppressErrors: truthy values are kept as-is, falsy ones become false", () => {
    assert.equal(createHooks({ suppressErrors: 1 }).config.suppressErrors, 1);
    assert.equal(createHooks({ suppressErrors: "yes" }).config.suppressErrors, "yes");
    assert.equal(createHooks({ suppressErrors: true }).config.suppressErrors, true);
    for (const s of [0, "", null, undefined, false, NaN]) {
      assert.equal(createHooks({ suppressErrors: s }).config.suppressErrors, false, `suppressErrors: ${String(s)}`);
    }
  });

  test("an array config is the object form", () => {
    const hooks = createHooks([]);
    assertConfig(hooks, { enabled: true, pattern: "**", suppressErrors: false, pin: true });
    const { api, log } = probe(hooks);
    assert.equal(fires(api, log, (a) => a.util.x()), true);
  });

  test("{ pattern: 'math.*' } is the global path filter", () => {
    const hooks = createHooks({ pattern: "math.*" });
    assertConfig(hooks, { enabled: true, pattern: "math.*", suppressErrors: false, pin: true });
    const { api, log } = probe(hooks);
    assert.equal(fires(api, log, (a) => a.math.add(1, 2)), true);
    assert.equal(fires(api, log, (a) => a.util.x()), false);
  });

  test("extra keys are dropped from hooks.config (silent, context, anything else)", () => {
    const hooks = createHooks({ enabled: true, silent: true, context: {}, foo: 1, hooks: true });
    assert.deepEqual(Object.keys(hooks.config).sort(), [...CONFIG_KEYS].sort());
    assert.equal("silent" in hooks.config, false);
    assert.equal("context" in hooks.config, false);
    assert.equal("foo" in hooks.config, false);
  });

  test("hooks.config is frozen", () => {
    const hooks = createHooks({ pattern: "a.*" });
    assert.equal(Object.isFrozen(hooks.config), true);
  });

  test("hooks.config is a copy: mutating the input afterwards changes nothing", () => {
    const input = { enabled: true, pattern: "math.*", suppressErrors: false };
    const hooks = createHooks(input);
    input.pattern = "util.*";
    input.enabled = false;
    input.suppressErrors = true;
    assertConfig(hooks, { enabled: true, pattern: "math.*", suppressErrors: false, pin: true });
    const { api, log } = probe(hooks);
    assert.equal(fires(api, log, (a) => a.math.add(1, 2)), true);
    assert.equal(fires(api, log, (a) => a.util.x()), false);
    assert.throws(() => api.fail(), /boom/);
  });
});

// ------------------------------------------------------------------------------------------------
describe("§1 normalization is idempotent", () => {
  const inputs = [
    undefined,
    true,
    "math.*",
    "false",
    {},
    { enabled: false, pattern: "x", suppressErrors: true, pin: false },
    { suppressErrors: 1 },
    { suppressErrors: "yes", pattern: "a.{b,c}" },
  ];
  for (const input of inputs) {
    test(`normalize(normalize(${JSON.stringify(input)})) === normalize(...)`, () => {
      const once = createHooks(input).config;
      const twice = createHooks({ ...once }).config;
      for (const k of CONFIG_KEYS) assert.equal(twice[k], once[k], k);
    });
  }

  test("a normalized pattern null (from false) becomes ** when fed back", () => {
    const once = createHooks(false).config;
    assert.equal(once.pattern, null);
    const twice = createHooks({ ...once }).config;
    assert.deepEqual({ ...twice }, { enabled: false, pattern: "**", suppressErrors: false, pin: true });
  });

  test('a normalized pattern "" (from the string "") becomes ** when fed back; still no filter', () => {
    const once = createHooks("").config;
    assert.equal(once.pattern, "");
    const twice = createHooks({ ...once }).config;
    assert.deepEqual({ ...twice }, { enabled: true, pattern: "**", suppressErrors: false, pin: true });
  });

  test("feeding the frozen hooks.config object itself back works", () => {
    const once = createHooks({ pattern: "math.*", suppressErrors: 1, pin: false }).config;
    const twice = createHooks(once).config;
    assert.deepEqual({ ...twice }, { enabled: true, pattern: "math.*", suppressErrors: 1, pin: false });
  });
});

// ------------------------------------------------------------------------------------------------
describe("§1 / §11 (j) suppressErrors", () => {
  function setup(config) {
    const hooks = createHooks(config);
    const errors = [];
    hooks.hook.on("**:error", ({ error, source }) => {
      errors.push([error, source.type]);
    });
    const targetError = new Error("target");
    const api = hooks.wrap({
      bad: () => {
        throw targetError;
      },
      fresh: () => {
        throw new Error("fresh");
      },
      good: (a, b) => a + b,
      async: {
        bad: async () => {
          throw targetError;
        },
      },
    });
    return { hooks, api, errors, targetError };
  }

  test("without suppressErrors a throwing target throws to the caller", () => {
    const { api, errors, targetError } = setup(true);
    assert.throws(
      () => api.bad(),
      (e) => e === targetError,
    );
    assert.deepEqual(errors, [[targetError, "function"]]);
  });

  for (const value of [true, 1, "yes", {}]) {
    test(`{ suppressErrors: ${JSON.stringify(value)} } suppresses target errors (caller gets undefined)`, () => {
      const { api, errors, targetError } = setup({ suppressErrors: value });
      assert.equal(api.bad(), undefined);
      assert.deepEqual(errors, [[targetError, "function"]]);
    });

    test(`{ suppressErrors: ${JSON.stringify(value)} } suppresses before-hook errors`, () => {
      const { hooks, api, errors } = setup({ suppressErrors: value });
      const e = new Error("hook");
      hooks.hook.on("good:before", () => {
        throw e;
      });
      assert.equal(api.good(1, 2), undefined);
      assert.deepEqual(errors, [[e, "before"]]);
    });
  }

  test("{ suppressErrors: 1 } resolves an async rejection to undefined", async () => {
    const { api, errors, targetError } = setup({ suppressErrors: 1 });
    assert.equal(await api.async.bad(), undefined);
    assert.deepEqual(errors, [[targetError, "function"]]);
  });

  test("{ suppressErrors: 1 } sync after hook throws → remaining chain's result", () => {
    const { hooks, api } = setup({ suppressErrors: 1 });
    hooks.hook.on("good:after", () => {
      throw new Error("after");
    });
    hooks.hook.on("good:after", ({ result }) => result + 100);
    assert.equal(api.good(1, 2), 103);
  });

  for (const value of [0, "", null, false]) {
    test(`{ suppressErrors: ${JSON.stringify(value)} } does not suppress`, () => {
      const { api, targetError } = setup({ suppressErrors: value });
      assert.throws(
        () => api.bad(),
        (e) => e === targetError,
      );
    });
  }

  test("suppressErrors is fixed at construction (mutating the input object has no effect)", () => {
    const input = { suppressErrors: false };
    const { api, targetError } = setup(input);
    input.suppressErrors = true;
    assert.throws(
      () => api.bad(),
      (e) => e === targetError,
    );
  });

  test("a suppressing config still reports to error hooks; only what the caller gets changes", () => {
    const { api, errors } = setup({ suppressErrors: true });
    assert.equal(api.fresh(), undefined);
    assert.equal(api.fresh(), undefined);
    assert.equal(errors.length, 2);
    assert.notEqual(errors[0][0], errors[1][0]);
  });
});

// ------------------------------------------------------------------------------------------------
describe("§1 enabled / hook.enable() / diag.hook.enabled", () => {
  test("diag.hook.enabled is live", () => {
    const hooks = createHooks(true);
    const diag = hooks.diag.hook;
    assert.equal(diag.enabled, true);
    hooks.hook.disable();
    assert.equal(diag.enabled, false);
    hooks.hook.enable();
    assert.equal(diag.enabled, true);
  });

  test("enabled:false — registration and management work, hooks do not fire", () => {
    const hooks = createHooks({ enabled: false });
    const { api, log } = probe(hooks);
    assert.equal(hooks.hook.list().registeredHooks.length, 4);
    assert.equal(hooks.hook.disable({ type: "after" }), 1);
    assert.equal(hooks.diag.hook.enabled, false);
    assert.equal(api.math.add(2, 3), 5);
    assert.deepEqual(log, []);
    // any enable(...) turns the system on (§7.2); here it also re-enables the after hook
    assert.equal(hooks.hook.enable({ type: "after" }), 1);
    assert.equal(hooks.diag.hook.enabled, true);
    assert.equal(api.math.add(2, 3), 5);
    assert.deepEqual(log, ["before:math.add", "after:math.add", "always:math.add"]);
  });
});

// ------------------------------------------------------------------------------------------------
describe("§11.11 the config pattern is compiled at createHooks", () => {
  test('createHooks("{}") throws INVALID_HOOK_PATTERN', () => {
    const e = catchError(() => createHooks("{}"));
    assert.ok(e instanceof HookError);
    assert.equal(e.code, "INVALID_HOOK_PATTERN");
    assert.ok(e.message.startsWith('[INVALID_HOOK_PATTERN] Invalid hook pattern "{}": '), e.message);
    assert.equal(e.context.pattern, "{}");
  });

  test("{ pattern: 'math.{}' } throws INVALID_HOOK_PATTERN", () => {
    const e = catchError(() => createHooks({ pattern: "math.{}" }));
    assert.equal(e.code, "INVALID_HOOK_PATTERN");
    assert.equal(e.context.pattern, "math.{}");
  });

  test("{ pattern: 'x{}' } and { pattern: '{a,{}}' } throw INVALID_HOOK_PATTERN (§11 (b))", () => {
    for (const pattern of ["x{}", "{a,{}}", "{{}}"]) {
      const e = catchError(() => createHooks({ pattern }));
      assert.equal(e.code, "INVALID_HOOK_PATTERN", pattern);
    }
  });

  test("a non-string config pattern throws INVALID_HOOK_PATTERN", () => {
    for (const pattern of [5, true, {}, ["a"]]) {
      const e = catchError(() => createHooks({ pattern }));
      assert.ok(e instanceof HookError);
      assert.equal(e.code, "INVALID_HOOK_PATTERN", String(pattern));
    }
  });

  test("the malformed config pattern throws even when the config is disabled", () => {
    const e = catchError(() => createHooks({ enabled: false, pattern: "{}" }));
    assert.equal(e.code, "INVALID_HOOK_PATTERN");
  });

  test("a too-deep config pattern throws HOOK_BRACE_EXPANSION_MAX_DEPTH", () => {
    const deep = "{a}{b}{c}{d}{e}{f}{g}{h}{i}{j}";
    for (const cfg of [deep, { pattern: deep }]) {
      const e = catchError(() => createHooks(cfg));
      assert.ok(e instanceof HookError);
      assert.equal(e.code, "HOOK_BRACE_EXPANSION_MAX_DEPTH");
      // §11 (t): the text names the enforced limit (9 groups) and what is counted
      assert.equal(e.message, `[HOOK_BRACE_EXPANSION_MAX_DEPTH] Brace expansion in hook pattern exceeds the limit of 9 brace groups along one expansion chain (groups in sequence and nested groups both count).`);
      assert.deepEqual(e.context, { pattern: deep, maxGroups: 9 });
    }
  });

  test("a 10-level nested config pattern throws HOOK_BRACE_EXPANSION_MAX_DEPTH; 9 levels is fine", () => {
    const e = catchError(() => createHooks("{a,{b,{c,{d,{e,{f,{g,{h,{i,{j,k}}}}}}}}}}"));
    assert.equal(e.code, "HOOK_BRACE_EXPANSION_MAX_DEPTH");
    const ok = createHooks("{a,{b,{c,{d,{e,{f,{g,{h,{i,j}}}}}}}}}");
    assert.equal(ok.config.pattern, "{a,{b,{c,{d,{e,{f,{g,{h,{i,j}}}}}}}}}");
  });

  test("9 sequential groups are accepted and filter as expected", () => {
    const hooks = createHooks("{a}{b}{c}{d}{e}{f}{g}{h}{i}");
    const log = [];
    hooks.hook.on("**:before", ({ path }) => {
      log.push(path);
    });
    const api = hooks.wrap({ abcdefghi: () => 1, other: () => 2 });
    api.abcdefghi();
    api.other();
    assert.deepEqual(log, ["abcdefghi"]);
  });

  test("a huge config pattern throws HOOK_PATTERN_TOO_COMPLEX", () => {
    const pattern = "a".repeat(64 * 1024 + 1);
    const e = catchError(() => createHooks(pattern));
    assert.ok(e instanceof HookError);
    assert.equal(e.code, "HOOK_PATTERN_TOO_COMPLEX");
  });
});

// ------------------------------------------------------------------------------------------------
describe("silent (standalone config key)", () => {
  test("default: a legacy registration emits HOOK_TYPEPATTERN_PREFIX_DEPRECATED", async () => {
    const hooks = createHooks(true);
    const warnings = await captureWarnings(() => {
      hooks.hook.on("before:math.*", () => {});
    });
    assert.deepEqual(
      warnings.map((w) => w.code),
      ["HOOK_TYPEPATTERN_PREFIX_DEPRECATED"],
    );
  });

  for (const silent of [true, 1, "yes"]) {
    test(`{ silent: ${JSON.stringify(silent)} } emits no warnings`, async () => {
      const hooks = createHooks({ silent });
      const warnings = await captureWarnings(() => {
        hooks.hook.on("before:math.*", () => {});
        hooks.hook.on("after:a:b", () => {});
      });
      assert.deepEqual(warnings, []);
      // the registrations themselves still succeeded
      assert.deepEqual(
        hooks.hook.list().registeredHooks.map((h) => [h.type, h.pattern]),
        [
          ["before", "math.*"],
          ["after", "a:b"],
        ],
      );
    });
  }

  for (const silent of [false, 0, ""]) {
    test(`{ silent: ${JSON.stringify(silent)} } still warns`, async () => {
      const hooks = createHooks({ silent });
      const warnings = await captureWarnings(() => {
        hooks.hook.on("before:math.*", () => {});
      });
      assert.equal(warnings.length, 1);
    });
  }

  test("silent does not change validation: invalid registrations still throw", () => {
    const hooks = createHooks({ silent: true });
    const e = catchError(() => hooks.hook.on("before:x", "nope"));
    assert.equal(e.code, "INVALID_HOOK_HANDLER");
  });
});

// ------------------------------------------------------------------------------------------------
describe("context (standalone config key)", () => {
  test("config.context is the same ctx object in every call and hook", () => {
    const context = { user: "u1" };
    const hooks = createHooks({ context });
    const seen = [];
    hooks.hook.on("**:before", ({ ctx }) => {
      seen.push(ctx);
    });
    hooks.hook.on("**:after", ({ ctx }) => {
      seen.push(ctx);
    });
    const api = hooks.wrap({ f: () => 1 });
    api.f();
    api.f();
    assert.equal(seen.length, 4);
    for (const c of seen) assert.equal(c, context);
  });

  test("without config.context each call gets a fresh {} shared by its hooks", () => {
    const hooks = createHooks(true);
    const seen = [];
    hooks.hook.on("**:before", ({ ctx }) => {
      seen.push(ctx);
    });
    hooks.hook.on("**:after", ({ ctx }) => {
      seen.push(ctx);
    });
    const api = hooks.wrap({ f: () => 1 });
    api.f();
    api.f();
    assert.equal(seen.length, 4);
    assert.equal(seen[0], seen[1]);
    assert.equal(seen[2], seen[3]);
    assert.notEqual(seen[0], seen[2]);
    assert.deepEqual(seen[0], {});
    assert.equal(Object.getPrototypeOf(seen[2]), Object.prototype);
  });
});
