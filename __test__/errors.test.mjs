// Conformance: error and warning objects — spec §9 (shape, texts, interpolation), §9.2 / §11.11
// (warnings through process.emitWarning), §11 (b), (k), (m) and §11.11 (new codes).
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { createHooks, HookError } from "../index.mjs";
import { catchError, captureWarnings } from "./helpers/common.mjs";

const MARKER = Symbol.for("@cldmv/slothlet/hook-error-processed");

const noop = () => {};

// One instance of every validation error reachable through the public API.
function samples() {
  const hook = createHooks(true).hook;
  hook.on("a:before", noop, { id: "dup" });
  return {
    INVALID_TYPE_PATTERN: catchError(() => hook.on("foo:bar", noop)),
    INVALID_HOOK_HANDLER: catchError(() => hook.on("a:before", "str")),
    DUPLICATE_HOOK_ID: catchError(() => hook.on("a:before", noop, { id: "dup" })),
    INVALID_HOOK_SUBSET: catchError(() => hook.on("a:before", noop, { subset: "middle" })),
    HOOK_BRACE_EXPANSION_MAX_DEPTH: catchError(() => hook.on("{a}{b}{c}{d}{e}{f}{g}{h}{i}{j}:before", noop)),
    INVALID_HOOK_PATTERN: catchError(() => hook.on("{}:before", noop)),
    HOOK_PATTERN_TOO_COMPLEX: catchError(() => hook.on(`${"p".repeat(64 * 1024 + 1)}:before`, noop)),
    INVALID_HOOK_OPTIONS: catchError(() => hook.on("a:before", noop, null)),
    INVALID_HOOK_FILTER: catchError(() => hook.list({ type: "bogus" })),
  };
}

// ------------------------------------------------------------------------------------------------
describe("§9.1 HookError shape", () => {
  test("HookError is exported and HookError.prototype.name is 'HookError'", () => {
    assert.equal(typeof HookError, "function");
    assert.equal(HookError.prototype.name, "HookError");
    assert.ok(HookError.prototype instanceof Error);
  });

  for (const [code, e] of Object.entries(samples())) {
    test(`${code}: instanceof HookError and Error, name, code, message prefix, stack`, () => {
      assert.ok(e instanceof HookError, "instanceof HookError");
      assert.ok(e instanceof Error, "instanceof Error");
      assert.equal(e.name, "HookError");
      assert.equal(e.code, code);
      assert.ok(e.message.startsWith(`[${code}] `), e.message);
      assert.ok(e.message.length > code.length + 3);
      assert.equal(typeof e.stack, "string");
      assert.ok(e.context !== null && typeof e.context === "object", "context is an object");
    });

    test(`${code}: code, context, hint, originalError are not enumerable`, () => {
      const keys = Object.keys(e);
      for (const k of ["code", "context", "hint", "originalError"]) assert.ok(!keys.includes(k), k);
    });

    test(`${code}: code and context are read-only`, () => {
      const ctx = e.context;
      try {
        e.code = "CHANGED";
      } catch {
        /* strict-mode TypeError is fine */
      }
      try {
        e.context = { changed: true };
      } catch {
        /* strict-mode TypeError is fine */
      }
      assert.equal(e.code, code);
      assert.equal(e.context, ctx);
    });

    test(`${code}: originalError is null for a validation error`, () => {
      assert.equal(e.originalError, null);
    });

    test(`${code}: JSON.stringify gives { name, code, message } (hint absent normally)`, () => {
      const j = JSON.parse(JSON.stringify(e));
      assert.deepEqual(j, { name: "HookError", code, message: e.message });
    });
  }

  test("validation errors with hints: INVALID_HOOK_HANDLER, DUPLICATE_HOOK_ID, HOOK_BRACE_EXPANSION_MAX_DEPTH", () => {
    const s = samples();
    assert.equal(s.INVALID_HOOK_HANDLER.hint, "Provide a function as the hook handler, not a string or other type.");
    assert.equal(
      s.DUPLICATE_HOOK_ID.hint,
      "Either use a different id value or remove the id option to let slothook generate a unique ID.",
    );
    assert.equal(
      s.HOOK_BRACE_EXPANSION_MAX_DEPTH.hint,
      "Use at most 9 brace groups along any expansion chain: merge groups ('{a,b}{c,d}' is '{ac,ad,bc,bd}'), use '*' or '**', or register several hooks.",
    );
  });

  test("INVALID_TYPE_PATTERN and INVALID_HOOK_SUBSET have hint === undefined", () => {
    const s = samples();
    assert.equal(s.INVALID_TYPE_PATTERN.hint, undefined);
    assert.equal(s.INVALID_HOOK_SUBSET.hint, undefined);
  });

  test("the standalone codes carry a hint (§11 (b), §11.11)", () => {
    const s = samples();
    for (const code of ["INVALID_HOOK_PATTERN", "HOOK_PATTERN_TOO_COMPLEX", "INVALID_HOOK_OPTIONS", "INVALID_HOOK_FILTER"]) {
      assert.equal(typeof s[code].hint, "string", code);
      assert.ok(s[code].hint.length > 0, code);
    }
  });

  test("contexts: validationError flag where §3.3 says so, not for the depth error", () => {
    const s = samples();
    assert.deepEqual(s.INVALID_HOOK_HANDLER.context, { receivedType: "string", validationError: true });
    assert.deepEqual(s.DUPLICATE_HOOK_ID.context, { id: "dup", validationError: true });
    assert.deepEqual(s.HOOK_BRACE_EXPANSION_MAX_DEPTH.context, { pattern: "{a}{b}{c}{d}{e}{f}{g}{h}{i}{j}", maxGroups: 9 });
    assert.deepEqual(s.INVALID_HOOK_SUBSET.context, {
      subset: "middle",
      validSubsets: ["before", "primary", "after"],
    });
    assert.deepEqual(s.INVALID_TYPE_PATTERN.context, {
      typePattern: "foo:bar",
      expected: "no hook type found — end with one of: before, after, always, error (e.g. 'math.*:before')",
    });
  });

  test("INVALID_HOOK_PATTERN: message `Invalid hook pattern \"<pattern>\": <reason>`, context { pattern, reason }", () => {
    const e = samples().INVALID_HOOK_PATTERN;
    assert.equal(e.context.pattern, "{}");
    assert.equal(typeof e.context.reason, "string");
    assert.ok(e.context.reason.length > 0);
    assert.equal(e.message, `[INVALID_HOOK_PATTERN] Invalid hook pattern "{}": ${e.context.reason}`);
  });

  test("thrown errors are fresh objects per failure", () => {
    const hook = createHooks(true).hook;
    const a = catchError(() => hook.on("x", noop));
    const b = catchError(() => hook.on("x", noop));
    assert.notEqual(a, b);
    assert.equal(a.message, b.message);
  });

  test("validation errors are never marked as processed by error hooks", () => {
    const e = samples().INVALID_HOOK_HANDLER;
    assert.equal(e[MARKER], undefined);
  });
});

// ------------------------------------------------------------------------------------------------
describe("§8.2 / §9.3 HOOK_BEFORE_RETURNED_PROMISE", () => {
  test("a before hook returning a promise → HookError with exact message, context and hint", () => {
    const hooks = createHooks(true);
    const reported = [];
    hooks.hook.on("math.add:before", () => Promise.resolve(1), { id: "BP" });
    hooks.hook.on("**:error", ({ error, source }) => {
      reported.push([error, source.type, source.hookId]);
    });
    const api = hooks.wrap({ math: { add: (a, b) => a + b } });
    const e = catchError(() => api.math.add(1, 2));
    assert.ok(e instanceof HookError);
    assert.ok(e instanceof Error);
    assert.equal(e.name, "HookError");
    assert.equal(e.code, "HOOK_BEFORE_RETURNED_PROMISE");
    assert.equal(
      e.message,
      "[HOOK_BEFORE_RETURNED_PROMISE] Before hook 'BP' for path 'math.add' returned a Promise. Before hooks must be synchronous.",
    );
    assert.deepEqual(e.context, { id: "BP", path: "math.add" });
    assert.equal(
      e.hint,
      "Before hooks execute synchronously before the API call. Remove async/await or Promise usage from this hook, or change it to an 'after' hook if async processing is needed.",
    );
    assert.deepEqual(reported, [[e, "before", "BP"]]);
  });

  test("a thenable object counts too; a generated id appears in the message", () => {
    const hooks = createHooks(true);
    const id = hooks.hook.on("f:before", () => ({ then() {} }));
    const f = hooks.wrapFunction("f", () => 1);
    const e = catchError(() => f());
    assert.equal(e.code, "HOOK_BEFORE_RETURNED_PROMISE");
    assert.equal(
      e.message,
      `[HOOK_BEFORE_RETURNED_PROMISE] Before hook '${id}' for path 'f' returned a Promise. Before hooks must be synchronous.`,
    );
    assert.deepEqual(e.context, { id, path: "f" });
  });

  test("with a number id the message shows the number", () => {
    const hooks = createHooks(true);
    hooks.hook.on("f:before", () => Promise.resolve(), { id: 7 });
    const e = catchError(() => hooks.wrapFunction("f", () => 1)());
    assert.equal(
      e.message,
      "[HOOK_BEFORE_RETURNED_PROMISE] Before hook '7' for path 'f' returned a Promise. Before hooks must be synchronous.",
    );
    assert.equal(e.context.id, 7);
  });

  test("user errors thrown by hooks or targets pass through untouched (no HookError wrapping)", () => {
    const hooks = createHooks(true);
    const mine = new RangeError("mine");
    hooks.hook.on("f:before", () => {
      throw mine;
    });
    const e = catchError(() => hooks.wrapFunction("f", () => 1)());
    assert.equal(e, mine);
    assert.ok(!(e instanceof HookError));
  });
});

// ------------------------------------------------------------------------------------------------
describe("§9.3 interpolation, where observable", () => {
  test("$& in a value is interpreted by String.prototype.replace, then the leftover {id} is removed", () => {
    const hook = createHooks(true).hook;
    hook.on("a:before", noop, { id: "a$&b" });
    const e = catchError(() => hook.on("a:before", noop, { id: "a$&b" }));
    assert.equal(
      e.message,
      '[DUPLICATE_HOOK_ID] A hook with ID "ab" already exists. Use a unique ID or omit the id option to auto-generate one.',
    );
    assert.equal(e.context.id, "a$&b");
  });

  test("$$ in a value becomes a single $", () => {
    const hook = createHooks(true).hook;
    hook.on("a:before", noop, { id: "x$$y" });
    const e = catchError(() => hook.on("a:before", noop, { id: "x$$y" }));
    assert.ok(e.message.startsWith('[DUPLICATE_HOOK_ID] A hook with ID "x$y" already exists.'), e.message);
  });

  test("whitespace runs (including newlines) inside a value collapse to one space", () => {
    const hook = createHooks(true).hook;
    hook.on("a:before", noop, { id: "a\n   b\t\tc" });
    const e = catchError(() => hook.on("a:before", noop, { id: "a\n   b\t\tc" }));
    assert.ok(e.message.startsWith('[DUPLICATE_HOOK_ID] A hook with ID "a b c" already exists.'), e.message);
  });

  test("a {placeholder} inside a value is substituted by a later key", () => {
    const e = catchError(() => createHooks(true).hook.on("a:before", noop, { subset: "{validSubsets}" }));
    assert.equal(e.code, "INVALID_HOOK_SUBSET");
    assert.equal(
      e.message,
      '[INVALID_HOOK_SUBSET] Invalid hook subset "before,primary,after". Must be "before", "primary", or "after". Valid subsets: before,primary,after.',
    );
    assert.equal(e.context.subset, "{validSubsets}");
  });

  test("a {typePattern} value containing {expected} shows the expected text", () => {
    const e = catchError(() => createHooks(true).hook.on("{expected}", noop));
    const expected = "missing ':' — use 'pattern:type' (e.g. 'math.*:before')";
    assert.equal(e.message, `[INVALID_TYPE_PATTERN] Invalid type pattern "${expected}". ${expected}`);
    assert.equal(e.context.typePattern, "{expected}");
  });

  test("an unknown {word} inside a value is removed", () => {
    const e = catchError(() => createHooks(true).hook.on("a:before", noop, { subset: "x{foo}y" }));
    assert.ok(e.message.startsWith('[INVALID_HOOK_SUBSET] Invalid hook subset "xy".'), e.message);
  });

  test("undefined interpolates as empty (typePattern undefined)", () => {
    const e = catchError(() => createHooks(true).hook.on(undefined, noop));
    assert.ok(e.message.startsWith('[INVALID_TYPE_PATTERN] Invalid type pattern "". '), e.message);
  });

  test("leading/trailing whitespace of the whole text is trimmed, interior whitespace collapsed", () => {
    const hook = createHooks(true).hook;
    const e = catchError(() => hook.on("  spaced  :Before", noop));
    assert.ok(
      e.message.startsWith('[INVALID_TYPE_PATTERN] Invalid type pattern " spaced :Before". no hook type found'),
      e.message,
    );
  });
});

// ------------------------------------------------------------------------------------------------
describe("§9.2 / §11.11 warnings via process.emitWarning", () => {
  test("HOOK_TYPEPATTERN_PREFIX_DEPRECATED: DeprecationWarning with code, message and detail", async () => {
    const hook = createHooks(true).hook;
    const warnings = await captureWarnings(() => {
      hook.on("before:math.*", noop);
    });
    assert.equal(warnings.length, 1);
    const w = warnings[0];
    assert.ok(w instanceof Error);
    assert.equal(w.name, "DeprecationWarning");
    assert.equal(w.code, "HOOK_TYPEPATTERN_PREFIX_DEPRECATED");
    assert.equal(
      w.message,
      "Hook registration form 'before:math.*' is deprecated. Use the path-first form 'math.*:before' instead (e.g. 'math.*:before').",
    );
    assert.equal(typeof w.detail, "string");
    assert.deepEqual(JSON.parse(w.detail), { given: "before:math.*", suggested: "math.*:before" });
  });

  test("the message has no code prefix and no emoji", async () => {
    const hook = createHooks(true).hook;
    const [w] = await captureWarnings(() => {
      hook.on("error:x", noop);
    });
    assert.ok(w.message.startsWith("Hook registration form 'error:x'"), w.message);
    assert.ok(!w.message.includes("["));
  });

  test("the warning interpolation also applies $-rules and whitespace collapse", async () => {
    const hook = createHooks(true).hook;
    const [w] = await captureWarnings(() => {
      hook.on("after:a\n  b", noop);
    });
    assert.equal(
      w.message,
      "Hook registration form 'after:a b' is deprecated. Use the path-first form 'a b:after' instead (e.g. 'math.*:before').",
    );
    assert.deepEqual(JSON.parse(w.detail), { given: "after:a\n  b", suggested: "a\n  b:after" });
  });

  test("one warning per legacy registration, none for canonical ones", async () => {
    const hook = createHooks(true).hook;
    const warnings = await captureWarnings(() => {
      hook.on("before:a", noop);
      hook.on("a:before", noop);
      hook.on("before:a", noop);
      hook.on("always:b", noop);
    });
    assert.deepEqual(
      warnings.map((w) => JSON.parse(w.detail).given),
      ["before:a", "before:a", "always:b"],
    );
  });

  test("warnings are delivered asynchronously (on a later tick), not thrown", async () => {
    const hook = createHooks(true).hook;
    const got = [];
    const listener = (w) => got.push(w);
    process.on("warning", listener);
    try {
      assert.doesNotThrow(() => hook.on("before:z", noop));
      assert.equal(got.filter((w) => w.code === "HOOK_TYPEPATTERN_PREFIX_DEPRECATED").length, 0);
      await new Promise((r) => setImmediate(r));
      assert.equal(got.filter((w) => w.code === "HOOK_TYPEPATTERN_PREFIX_DEPRECATED").length, 1);
    } finally {
      process.off("warning", listener);
    }
  });

  test("silent: true emits nothing", async () => {
    const hook = createHooks({ silent: true }).hook;
    const warnings = await captureWarnings(() => {
      hook.on("before:a", noop);
      hook.on("after:a:b", noop);
      hook.on("a:before", noop, { lockCaller: false });
      assert.throws(() => hook.on("before:x", "nope"));
    });
    assert.deepEqual(warnings, []);
  });

  test("silent is per instance", async () => {
    const quiet = createHooks({ silent: true }).hook;
    const loud = createHooks(true).hook;
    const warnings = await captureWarnings(() => {
      quiet.on("before:q", noop);
      loud.on("before:l", noop);
    });
    assert.deepEqual(
      warnings.map((w) => JSON.parse(w.detail).given),
      ["before:l"],
    );
  });
});

// ------------------------------------------------------------------------------------------------
describe("§11 (k) INVALID_HOOK_FILTER for bad filters", () => {
  const cases = [
    ["list({ type: 'bogus' })", (h) => h.list({ type: "bogus" })],
    ["list({ type: 'Before' })", (h) => h.list({ type: "Before" })],
    ["list(null)", (h) => h.list(null)],
    ["list(5)", (h) => h.list(5)],
    ["list(true)", (h) => h.list(true)],
    ["enable(null)", (h) => h.enable(null)],
    ["enable(5)", (h) => h.enable(5)],
    ["enable({ type: 'bogus' })", (h) => h.enable({ type: "bogus" })],
    ["disable(null)", (h) => h.disable(null)],
    ["disable(5)", (h) => h.disable(5)],
    ["disable({ type: 'bogus' })", (h) => h.disable({ type: "bogus" })],
    ["remove({ type: 'bogus' })", (h) => h.remove({ type: "bogus" })],
    ["clear({ type: 'bogus' })", (h) => h.clear({ type: "bogus" })],
    ["off({ type: 'bogus' })", (h) => h.off({ type: "bogus" })],
  ];
  for (const [name, call] of cases) {
    test(`${name} → INVALID_HOOK_FILTER, nothing changes`, () => {
      const hooks = createHooks(true);
      const hook = hooks.hook;
      hook.on("a:before", noop, { id: "a" });
      hook.on("b:after", noop, { id: "b" });
      hook.disable({ id: "b" });
      const e = catchError(() => call(hook));
      assert.ok(e instanceof HookError);
      assert.equal(e.name, "HookError");
      assert.equal(e.code, "INVALID_HOOK_FILTER");
      assert.ok(e.message.startsWith("[INVALID_HOOK_FILTER] "), e.message);
      assert.deepEqual(
        hook.list().registeredHooks.map((h) => [h.id, h.enabled]),
        [
          ["a", true],
          ["b", false],
        ],
      );
    });
  }

  test("list('bogus') is a pattern filter, not an error", () => {
    const hook = createHooks(true).hook;
    assert.deepEqual(hook.list("bogus"), { registeredHooks: [] });
  });
});

// ------------------------------------------------------------------------------------------------
describe("§11 (k) INVALID_HOOK_OPTIONS", () => {
  for (const [name, options] of [
    ["null", null],
    ["a string", "x"],
    ["a number", 1],
    ["a boolean", false],
  ]) {
    test(`on(p, f, ${name}) → INVALID_HOOK_OPTIONS naming the argument`, () => {
      const e = catchError(() => createHooks(true).hook.on("a:before", noop, options));
      assert.ok(e instanceof HookError);
      assert.equal(e.code, "INVALID_HOOK_OPTIONS");
      assert.ok(e.message.startsWith("[INVALID_HOOK_OPTIONS] "), e.message);
      assert.match(e.message, /option/i);
    });
  }

  test("Symbol priority → INVALID_HOOK_OPTIONS", () => {
    const e = catchError(() => createHooks(true).hook.on("a:before", noop, { priority: Symbol("p") }));
    assert.equal(e.code, "INVALID_HOOK_OPTIONS");
    assert.match(e.message, /priority/);
  });
});

// ------------------------------------------------------------------------------------------------
describe("§11 (b) INVALID_HOOK_PATTERN and depth errors from every compile site", () => {
  const sites = [
    ["on()", (hooks, p) => hooks.hook.on(`${p}:before`, noop)],
    ["on() via options.pattern", (hooks, p) => hooks.hook.on("x:before", noop, { pattern: p })],
    ["enablePattern()", (hooks, p) => hooks.hook.enablePattern(p)],
    ["list({ pattern })", (hooks, p) => hooks.hook.list({ pattern: p })],
    ["list(string)", (hooks, p) => hooks.hook.list(p)],
    ["diag.hook.compilePattern()", (hooks, p) => hooks.diag.hook.compilePattern(p)],
    ["createHooks(string)", (_hooks, p) => createHooks(p)],
    ["createHooks({ pattern })", (_hooks, p) => createHooks({ pattern: p })],
  ];
  for (const [site, call] of sites) {
    test(`${site}: "{}" → INVALID_HOOK_PATTERN`, () => {
      const e = catchError(() => call(createHooks(true), "{}"));
      assert.ok(e instanceof HookError);
      assert.equal(e.code, "INVALID_HOOK_PATTERN");
      assert.equal(e.message, `[INVALID_HOOK_PATTERN] Invalid hook pattern "{}": ${e.context.reason}`);
    });

    test(`${site}: 10 brace groups → HOOK_BRACE_EXPANSION_MAX_DEPTH`, () => {
      const e = catchError(() => call(createHooks(true), "{a}{b}{c}{d}{e}{f}{g}{h}{i}{j}"));
      assert.ok(e instanceof HookError);
      assert.equal(e.code, "HOOK_BRACE_EXPANSION_MAX_DEPTH");
      assert.equal(
        e.message,
        '[HOOK_BRACE_EXPANSION_MAX_DEPTH] Brace expansion in hook pattern exceeds the limit of 9 brace groups along one expansion chain (groups in sequence and nested groups both count).',
      );
    });
  }

  for (const [name, value] of [
    ["5", 5],
    ["null", null],
    ["{}", {}],
  ]) {
    test(`compilePattern(${name}) and list({ pattern: ${name} }) → INVALID_HOOK_PATTERN`, () => {
      const hooks = createHooks(true);
      assert.throws(() => hooks.diag.hook.compilePattern(value), { code: "INVALID_HOOK_PATTERN" });
      if (value) assert.throws(() => hooks.hook.list({ pattern: value }), { code: "INVALID_HOOK_PATTERN" });
    });
  }

  test("list({ pattern: null }) and list({ pattern: 0 }) — falsy pattern behaves as absent", () => {
    const hook = createHooks(true).hook;
    hook.on("a:before", noop);
    assert.equal(hook.list({ pattern: null }).registeredHooks.length, 1);
    assert.equal(hook.list({ pattern: 0 }).registeredHooks.length, 1);
  });

  test("a pattern over 64 KiB → HOOK_PATTERN_TOO_COMPLEX from compilePattern / enablePattern / list", () => {
    const hooks = createHooks(true);
    const p = "q".repeat(64 * 1024 + 1);
    for (const call of [
      () => hooks.diag.hook.compilePattern(p),
      () => hooks.hook.enablePattern(p),
      () => hooks.hook.list({ pattern: p }),
    ]) {
      const e = catchError(call);
      assert.ok(e instanceof HookError);
      assert.equal(e.code, "HOOK_PATTERN_TOO_COMPLEX");
      assert.equal(e.context.pattern, p);
    }
  });
});
