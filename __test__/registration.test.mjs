// Conformance: registration — spec §3 (parsing, validation order, errors, ids, options, lockCaller,
// the record seen as `this`), with §11 (b), (h), (k), (m), §11.10 (Object.prototype names).
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { createHooks, HookError } from "../index.mjs";
import { catchError, captureWarnings } from "./helpers/common.mjs";

const TYPES = ["before", "after", "always", "error"];
const EXPECTED_STRING = "expected a string in the form 'pattern:type' (e.g. 'math.*:before')";
const MISSING_COLON = "missing ':' — use 'pattern:type' (e.g. 'math.*:before')";
const EMPTY_PATTERN = "empty path pattern — use 'pattern:type' (e.g. 'math.*:before')";
const NO_TYPE = "no hook type found — end with one of: before, after, always, error (e.g. 'math.*:before')";
// §11 (t): no slothlet release plan ("removed in v4") in slothook's own text
const DEPRECATED = (given, suggested) =>
  `Hook registration form '${given}' is deprecated. Use the path-first form '${suggested}' instead (e.g. 'math.*:before').`;

const noop = () => {};
const listed = (hook, id) => hook.list({ id }).registeredHooks[0];

// ------------------------------------------------------------------------------------------------
describe("§3.1 parsing typePattern — accepted forms", () => {
  const ok = [
    // input, type, pattern, warning suggested (or null)
    ["math.*:before", "before", "math.*", null],
    ["**:error", "error", "**", null],
    ["x:after", "after", "x", null],
    ["x:always", "always", "x", null],
    ["before:math.*", "before", "math.*", "math.*:before"],
    ["after:math.*", "after", "math.*", "math.*:after"],
    ["always:a.b", "always", "a.b", "a.b:always"],
    ["error:**", "error", "**", "**:error"],
    ["before:after", "after", "before", null],
    ["before:before", "before", "before", null],
    ["before:a:b:after", "after", "before:a:b", null],
    ["before:a:b", "before", "a:b", "a:b:before"],
    ["::before", "before", ":", null],
    ["a:b:c:error", "error", "a:b:c", null],
  ];
  for (const [input, type, pattern, suggested] of ok) {
    test(`"${input}" → type ${type}, pattern "${pattern}"${suggested ? " + warning" : ", no warning"}`, async () => {
      const hooks = createHooks(true);
      let id;
      const warnings = await captureWarnings(() => {
        id = hooks.hook.on(input, noop);
      });
      const rec = listed(hooks.hook, id);
      assert.equal(rec.type, type);
      assert.equal(rec.pattern, pattern);
      if (suggested === null) {
        assert.deepEqual(warnings, []);
      } else {
        assert.equal(warnings.length, 1);
        const w = warnings[0];
        assert.equal(w.code, "HOOK_TYPEPATTERN_PREFIX_DEPRECATED");
        assert.equal(w.name, "DeprecationWarning");
        assert.equal(w.message, DEPRECATED(input, suggested));
        assert.deepEqual(JSON.parse(w.detail), { given: input, suggested });
      }
    });
  }

  test("a legacy-form hook fires like its canonical form", () => {
    const hooks = createHooks({ silent: true });
    const log = [];
    hooks.hook.on("before:math.*", ({ path }) => {
      log.push(`legacy:${path}`);
    });
    hooks.hook.on("math.*:before", ({ path }) => {
      log.push(`canon:${path}`);
    });
    const api = hooks.wrap({ math: { add: (a, b) => a + b }, util: { x: () => 1 } });
    api.math.add(1, 2);
    api.util.x();
    assert.deepEqual(log, ["legacy:math.add", "canon:math.add"]);
  });

  test('"before:after" registers an after hook on the path named before', () => {
    const hooks = createHooks(true);
    const log = [];
    hooks.hook.on("before:after", ({ path, result }) => {
      log.push([path, result]);
    });
    const api = hooks.wrap({ before: () => "b", after: () => "a" });
    api.before();
    api.after();
    assert.deepEqual(log, [["before", "b"]]);
  });

  test('"::before" fires for the path ":"', () => {
    const hooks = createHooks(true);
    const log = [];
    hooks.hook.on("::before", ({ path }) => {
      log.push(path);
    });
    hooks.wrapFunction(":", () => 1)();
    hooks.wrapFunction("x", () => 1)();
    assert.deepEqual(log, [":"]);
  });

  test("patterns may contain colons: before:a:b:after fires for the path before:a:b", () => {
    const hooks = createHooks(true);
    const log = [];
    hooks.hook.on("before:a:b:after", ({ path }) => {
      log.push(path);
    });
    hooks.wrapFunction("before:a:b", () => 1)();
    assert.deepEqual(log, ["before:a:b"]);
  });
});

describe("§3.1 parsing typePattern — rejected forms", () => {
  const bad = [
    ["x:Before", NO_TYPE],
    ["a:b:c", NO_TYPE],
    [":some.path", NO_TYPE],
    ["foo:bar", NO_TYPE],
    ["BEFORE:x", NO_TYPE],
    ["math.add", MISSING_COLON],
    ["", MISSING_COLON],
    [":before", EMPTY_PATTERN],
    ["before:", EMPTY_PATTERN],
    ["after:", EMPTY_PATTERN],
    [":error", EMPTY_PATTERN],
  ];
  for (const [input, expected] of bad) {
    test(`"${input}" → INVALID_TYPE_PATTERN "${expected.slice(0, 20)}…"`, () => {
      const hook = createHooks(true).hook;
      const e = catchError(() => hook.on(input, noop));
      assert.ok(e instanceof HookError);
      assert.equal(e.code, "INVALID_TYPE_PATTERN");
      assert.equal(e.message, `[INVALID_TYPE_PATTERN] Invalid type pattern "${input}". ${expected}`);
      assert.deepEqual(e.context, { typePattern: input, expected });
      assert.equal(e.hint, undefined);
      assert.deepEqual(hook.list().registeredHooks, []);
    });
  }

  const nonStrings = [
    ["123", 123, "123"],
    ["undefined", undefined, ""],
    ["null", null, "null"],
    ["{}", {}, "[object Object]"],
    ["true", true, "true"],
  ];
  for (const [name, value, shown] of nonStrings) {
    test(`${name} → INVALID_TYPE_PATTERN "expected a string …", shown as "${shown}"`, () => {
      const e = catchError(() => createHooks(true).hook.on(value, noop));
      assert.ok(e instanceof HookError);
      assert.equal(e.code, "INVALID_TYPE_PATTERN");
      assert.equal(e.message, `[INVALID_TYPE_PATTERN] Invalid type pattern "${shown}". ${EXPECTED_STRING}`);
      assert.deepEqual(e.context, { typePattern: value, expected: EXPECTED_STRING });
      assert.equal(e.hint, undefined);
    });
  }

  test('Symbol("s") → INVALID_TYPE_PATTERN shown as "Symbol(s)", context keeps the raw symbol', () => {
    const s = Symbol("s");
    const e = catchError(() => createHooks(true).hook.on(s, noop));
    assert.equal(e.code, "INVALID_TYPE_PATTERN");
    assert.equal(e.message, `[INVALID_TYPE_PATTERN] Invalid type pattern "Symbol(s)". ${EXPECTED_STRING}`);
    assert.equal(e.context.typePattern, s);
    assert.equal(e.context.expected, EXPECTED_STRING);
  });

  test("a String object is not a string", () => {
    const e = catchError(() => createHooks(true).hook.on(new String("a:before"), noop));
    assert.equal(e.code, "INVALID_TYPE_PATTERN");
    assert.equal(e.context.expected, EXPECTED_STRING);
  });

  test('"before:" (empty legacy pattern) emits no deprecation warning', async () => {
    const hook = createHooks(true).hook;
    const warnings = await captureWarnings(() => {
      assert.throws(() => hook.on("before:", noop), { code: "INVALID_TYPE_PATTERN" });
    });
    assert.deepEqual(warnings, []);
  });

  test("rejected forms emit no warning", async () => {
    const hook = createHooks(true).hook;
    const warnings = await captureWarnings(() => {
      for (const p of ["x:Before", "a:b:c", "math.add", ":before"]) {
        assert.throws(() => hook.on(p, noop));
      }
    });
    assert.deepEqual(warnings, []);
  });
});

// ------------------------------------------------------------------------------------------------
describe("§3.2 validation order", () => {
  test("1 before 3: a bad typePattern wins over a bad handler", () => {
    const e = catchError(() => createHooks(true).hook.on(123, "nope"));
    assert.equal(e.code, "INVALID_TYPE_PATTERN");
  });

  test("1 before 2: a bad typePattern wins over bad options", () => {
    const e = catchError(() => createHooks(true).hook.on(123, noop, null));
    assert.equal(e.code, "INVALID_TYPE_PATTERN");
  });

  test("the deprecation warning is emitted before a later validation failure", async () => {
    const hook = createHooks(true).hook;
    let e;
    const warnings = await captureWarnings(() => {
      e = catchError(() => hook.on("before:math.*", "not a function"));
    });
    assert.equal(e.code, "INVALID_HOOK_HANDLER");
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0].code, "HOOK_TYPEPATTERN_PREFIX_DEPRECATED");
    assert.deepEqual(JSON.parse(warnings[0].detail), { given: "before:math.*", suggested: "math.*:before" });
  });

  test("the deprecation warning is emitted before a subset or pattern failure too", async () => {
    const hook = createHooks(true).hook;
    const warnings = await captureWarnings(() => {
      assert.throws(() => hook.on("after:x", noop, { subset: "middle" }), { code: "INVALID_HOOK_SUBSET" });
      assert.throws(() => hook.on("always:x{}", noop), { code: "INVALID_HOOK_PATTERN" });
    });
    assert.deepEqual(
      warnings.map((w) => JSON.parse(w.detail)),
      [
        { given: "after:x", suggested: "x:after" },
        { given: "always:x{}", suggested: "x{}:always" },
      ],
    );
  });

  test("2 before 3: null options → INVALID_HOOK_OPTIONS even with a bad handler", () => {
    const e = catchError(() => createHooks(true).hook.on("a:before", "nope", null));
    assert.equal(e.code, "INVALID_HOOK_OPTIONS");
  });

  test("3 before 5: a bad handler wins over a duplicate id", () => {
    const hook = createHooks(true).hook;
    hook.on("a:before", noop, { id: "dup" });
    const e = catchError(() => hook.on("a:before", 42, { id: "dup" }));
    assert.equal(e.code, "INVALID_HOOK_HANDLER");
  });

  test("5 before 6: a duplicate id wins over a bad subset", () => {
    const hook = createHooks(true).hook;
    hook.on("a:before", noop, { id: "dup" });
    const e = catchError(() => hook.on("a:before", noop, { id: "dup", subset: "middle" }));
    assert.equal(e.code, "DUPLICATE_HOOK_ID");
  });

  test("6 before 7: a bad subset wins over a bad pattern", () => {
    const hook = createHooks(true).hook;
    assert.throws(() => hook.on("x{}:before", noop, { subset: "middle" }), { code: "INVALID_HOOK_SUBSET" });
    assert.throws(() => hook.on("a:before", noop, { subset: "middle", pattern: 123 }), {
      code: "INVALID_HOOK_SUBSET",
    });
  });

  test("3 before 7: a bad handler wins over a bad pattern", () => {
    const hook = createHooks(true).hook;
    assert.throws(() => hook.on("x{}:before", null), { code: "INVALID_HOOK_HANDLER" });
    assert.throws(() => hook.on("{a}{b}{c}{d}{e}{f}{g}{h}{i}{j}:before", undefined), {
      code: "INVALID_HOOK_HANDLER",
    });
  });

  test("5 before 7: a duplicate id wins over a bad pattern", () => {
    const hook = createHooks(true).hook;
    hook.on("a:before", noop, { id: "dup" });
    assert.throws(() => hook.on("x{}:before", noop, { id: "dup" }), { code: "DUPLICATE_HOOK_ID" });
  });

  test("4: the id counter advances even when a later step throws", () => {
    const hook = createHooks(true).hook;
    assert.throws(() => hook.on("a:before", noop, { subset: "middle" }), { code: "INVALID_HOOK_SUBSET" });
    assert.equal(hook.on("a:before", noop), "hook-2");
    assert.throws(() => hook.on("a{}:before", noop), { code: "INVALID_HOOK_PATTERN" });
    assert.equal(hook.on("a:before", noop), "hook-4");
    assert.throws(() => hook.on("{a}{b}{c}{d}{e}{f}{g}{h}{i}{j}:before", noop), {
      code: "HOOK_BRACE_EXPANSION_MAX_DEPTH",
    });
    assert.equal(hook.on("a:before", noop), "hook-6");
  });

  test("4: the id counter does not advance when steps 1–3 throw", () => {
    const hook = createHooks(true).hook;
    assert.throws(() => hook.on(123, noop));
    assert.throws(() => hook.on("a:before", "nope"));
    assert.throws(() => hook.on("a:before", noop, null));
    assert.equal(hook.on("a:before", noop), "hook-1");
  });

  test("4: an explicit id does not consume a generated id", () => {
    const hook = createHooks(true).hook;
    hook.on("a:before", noop, { id: "mine" });
    assert.equal(hook.on("a:before", noop), "hook-1");
  });

  test("a failed registration stores nothing", () => {
    const hook = createHooks(true).hook;
    for (const f of [
      () => hook.on("a:before", noop, { subset: "Primary" }),
      () => hook.on("a{}:before", noop),
      () => hook.on("a:before", noop, { pattern: 5 }),
      () => hook.on("a:before", {}),
    ]) {
      assert.throws(f);
    }
    assert.deepEqual(hook.list().registeredHooks, []);
  });

  test("2: options.pattern overrides the parsed pattern", () => {
    const hooks = createHooks(true);
    const log = [];
    const id = hooks.hook.on(
      "a:before",
      ({ path }) => {
        log.push(path);
      },
      { pattern: "b" },
    );
    assert.equal(listed(hooks.hook, id).pattern, "b");
    const api = hooks.wrap({ a: () => 1, b: () => 2 });
    api.a();
    api.b();
    assert.deepEqual(log, ["b"]);
  });

  test('2: options.pattern "" is accepted and yields a hook with pattern ""', () => {
    const hook = createHooks(true).hook;
    const id = hook.on("a:before", noop, { pattern: "" });
    assert.equal(listed(hook, id).pattern, "");
  });

  test("2: options.pattern undefined keeps the parsed pattern", () => {
    const hook = createHooks(true).hook;
    const id = hook.on("a.*:after", noop, { pattern: undefined });
    assert.equal(listed(hook, id).pattern, "a.*");
  });

  test("2: options.pattern may itself be a glob; the type still comes from typePattern", () => {
    const hook = createHooks(true).hook;
    const id = hook.on("x:always", noop, { pattern: "{m,n}.*" });
    assert.deepEqual(
      [listed(hook, id).type, listed(hook, id).pattern],
      ["always", "{m,n}.*"],
    );
  });
});

// ------------------------------------------------------------------------------------------------
describe("§3.3 registration errors — exact texts", () => {
  for (const [value, receivedType] of [
    ["str", "string"],
    [null, "object"],
    [undefined, "undefined"],
    [42, "number"],
    [{}, "object"],
    [true, "boolean"],
    [Symbol("h"), "symbol"],
  ]) {
    test(`INVALID_HOOK_HANDLER for ${String(value)} (Received type: ${receivedType})`, () => {
      const e = catchError(() => createHooks(true).hook.on("a:before", value));
      assert.ok(e instanceof HookError);
      assert.equal(e.code, "INVALID_HOOK_HANDLER");
      assert.equal(e.message, `[INVALID_HOOK_HANDLER] Hook handler must be a function. Received type: ${receivedType}.`);
      assert.deepEqual(e.context, { receivedType, validationError: true });
      assert.equal(e.hint, "Provide a function as the hook handler, not a string or other type.");
    });
  }

  test("async functions, generator functions and classes are functions (accepted)", () => {
    const hook = createHooks(true).hook;
    hook.on("a:after", async () => {});
    hook.on("a:after", function* () {});
    hook.on("a:after", class {});
    assert.equal(hook.list().registeredHooks.length, 3);
  });

  test("DUPLICATE_HOOK_ID", () => {
    const hook = createHooks(true).hook;
    assert.equal(hook.on("a:before", noop, { id: "dup" }), "dup");
    const e = catchError(() => hook.on("b:after", noop, { id: "dup" }));
    assert.ok(e instanceof HookError);
    assert.equal(e.code, "DUPLICATE_HOOK_ID");
    assert.equal(
      e.message,
      '[DUPLICATE_HOOK_ID] A hook with ID "dup" already exists. Use a unique ID or omit the id option to auto-generate one.',
    );
    assert.deepEqual(e.context, { id: "dup", validationError: true });
    assert.equal(
      e.hint,
      "Either use a different id value or remove the id option to let slothook generate a unique ID.",
    );
    assert.deepEqual(
      hook.list().registeredHooks.map((h) => [h.id, h.type]),
      [["dup", "before"]],
    );
  });

  test("DUPLICATE_HOOK_ID with a number id", () => {
    const hook = createHooks(true).hook;
    hook.on("a:before", noop, { id: 7 });
    const e = catchError(() => hook.on("a:before", noop, { id: 7 }));
    assert.equal(e.code, "DUPLICATE_HOOK_ID");
    assert.equal(
      e.message,
      '[DUPLICATE_HOOK_ID] A hook with ID "7" already exists. Use a unique ID or omit the id option to auto-generate one.',
    );
    assert.equal(e.context.id, 7);
  });

  test("DUPLICATE_HOOK_ID for an explicit id equal to an earlier generated one", () => {
    const hook = createHooks(true).hook;
    assert.equal(hook.on("a:before", noop), "hook-1");
    assert.throws(() => hook.on("a:before", noop, { id: "hook-1" }), { code: "DUPLICATE_HOOK_ID" });
  });

  for (const subset of ["middle", "Primary", "BEFORE", "primary ", 5, true]) {
    test(`INVALID_HOOK_SUBSET for ${JSON.stringify(subset)}`, () => {
      const e = catchError(() => createHooks(true).hook.on("a:before", noop, { subset }));
      assert.ok(e instanceof HookError);
      assert.equal(e.code, "INVALID_HOOK_SUBSET");
      assert.equal(
        e.message,
        `[INVALID_HOOK_SUBSET] Invalid hook subset "${String(subset)}". Must be "before", "primary", or "after". Valid subsets: before,primary,after.`,
      );
      assert.deepEqual(e.context, { subset, validSubsets: ["before", "primary", "after"] });
      assert.equal(e.hint, undefined);
    });
  }

  test('the compatibility-test message substring for subset "invalid"', () => {
    const e = catchError(() => createHooks(true).hook.on("a:before", noop, { subset: "invalid" }));
    assert.ok(e.message.includes('Invalid hook subset "invalid". Must be "before", "primary", or "after".'));
  });

  test("HOOK_BRACE_EXPANSION_MAX_DEPTH — 10 sequential groups", () => {
    const deep = "{a}{b}{c}{d}{e}{f}{g}{h}{i}{j}";
    const e = catchError(() => createHooks(true).hook.on(`${deep}:before`, noop));
    assert.ok(e instanceof HookError);
    assert.equal(e.code, "HOOK_BRACE_EXPANSION_MAX_DEPTH");
    assert.equal(e.message, `[HOOK_BRACE_EXPANSION_MAX_DEPTH] Brace expansion in hook pattern exceeds the limit of 9 brace groups along one expansion chain (groups in sequence and nested groups both count).`);
    assert.deepEqual(e.context, { pattern: deep, maxGroups: 9 });
    assert.equal(
      e.hint,
      "Use at most 9 brace groups along any expansion chain: merge groups ('{a,b}{c,d}' is '{ac,ad,bc,bd}'), use '*' or '**', or register several hooks.",
    );
  });

  test("HOOK_BRACE_EXPANSION_MAX_DEPTH — 10 and 11 nested levels; via options.pattern too", () => {
    const hook = createHooks(true).hook;
    const ten = "{a,{b,{c,{d,{e,{f,{g,{h,{i,{j,k}}}}}}}}}}";
    const eleven = "{a,{b,{c,{d,{e,{f,{g,{h,{i,{j,{k,l}}}}}}}}}}}";
    assert.throws(() => hook.on(`${ten}:before`, noop), { code: "HOOK_BRACE_EXPANSION_MAX_DEPTH" });
    assert.throws(() => hook.on(`${eleven}:before`, noop), { code: "HOOK_BRACE_EXPANSION_MAX_DEPTH" });
    assert.throws(() => hook.on("x:before", noop, { pattern: ten }), { code: "HOOK_BRACE_EXPANSION_MAX_DEPTH" });
  });

  test("9 groups / 9 levels register fine and match", () => {
    const hooks = createHooks(true);
    const log = [];
    hooks.hook.on("{a}{b}{c}{d}{e}{f}{g}{h}{i}:before", () => {
      log.push("seq");
    });
    hooks.hook.on("{a,{b,{c,{d,{e,{f,{g,{h,{i,j}}}}}}}}}:before", () => {
      log.push("nest");
    });
    hooks.wrapFunction("abcdefghi", () => 1)();
    hooks.wrapFunction("j", () => 1)();
    assert.deepEqual(log, ["seq", "nest"]);
  });

  test("negation does not count toward the depth", () => {
    const hook = createHooks(true).hook;
    assert.ok(hook.on("!!!{a}{b}{c}{d}{e}{f}{g}{h}{i}:before", noop));
  });
});

// ------------------------------------------------------------------------------------------------
describe("§11 (b) / (m) malformed and oversized patterns", () => {
  for (const tp of ["math.{}:before", "{}:before", "x{}:after", "{{}}:always", "{a,{}}:error"]) {
    test(`"${tp}" → INVALID_HOOK_PATTERN`, () => {
      const hook = createHooks(true).hook;
      const e = catchError(() => hook.on(tp, noop));
      assert.ok(e instanceof HookError);
      assert.equal(e.code, "INVALID_HOOK_PATTERN");
      const pattern = tp.slice(0, tp.lastIndexOf(":"));
      assert.ok(e.message.startsWith(`[INVALID_HOOK_PATTERN] Invalid hook pattern "${pattern}": `), e.message);
      assert.equal(e.context.pattern, pattern);
      assert.equal(typeof e.context.reason, "string");
      assert.equal(e.message, `[INVALID_HOOK_PATTERN] Invalid hook pattern "${pattern}": ${e.context.reason}`);
      assert.deepEqual(hook.list().registeredHooks, []);
    });
  }

  test("options.pattern '{}' → INVALID_HOOK_PATTERN", () => {
    const e = catchError(() => createHooks(true).hook.on("a:before", noop, { pattern: "{}" }));
    assert.equal(e.code, "INVALID_HOOK_PATTERN");
    assert.equal(e.context.pattern, "{}");
  });

  for (const [name, pattern] of [
    ["123", 123],
    ["null", null],
    ["true", true],
    ["{}", {}],
    ["[]", []],
    ["a function", () => "x"],
    ["a String object", new String("a")],
  ]) {
    test(`options.pattern ${name} (non-string) → INVALID_HOOK_PATTERN`, () => {
      const hook = createHooks(true).hook;
      const e = catchError(() => hook.on("a:before", noop, { pattern }));
      assert.ok(e instanceof HookError);
      assert.equal(e.code, "INVALID_HOOK_PATTERN");
      assert.ok(e.message.startsWith("[INVALID_HOOK_PATTERN] Invalid hook pattern "), e.message);
      assert.deepEqual(hook.list().registeredHooks, []);
    });
  }

  test("{a,} and {,a} and {,} are valid (empty alternatives are not empty groups)", () => {
    const hook = createHooks(true).hook;
    for (const p of ["{a,}", "{,a}", "{,}", "{math,add,}", "x{,}"]) {
      assert.doesNotThrow(() => hook.on(`${p}:before`, noop), p);
    }
    assert.equal(hook.list().registeredHooks.length, 5);
  });

  test("residual/unbalanced braces are literal, not errors", () => {
    const hook = createHooks(true).hook;
    for (const p of ["math.{unclosed", "a}", "}{a,b}", "{{1}", "{*{2}"]) {
      assert.doesNotThrow(() => hook.on(`${p}:before`, noop), p);
    }
  });

  test("a pattern text over 64 KiB → HOOK_PATTERN_TOO_COMPLEX with context { pattern, limit }", () => {
    const hook = createHooks(true).hook;
    const pattern = "a".repeat(64 * 1024 + 1);
    const e = catchError(() => hook.on(`${pattern}:before`, noop));
    assert.ok(e instanceof HookError);
    assert.equal(e.code, "HOOK_PATTERN_TOO_COMPLEX");
    assert.ok(e.message.startsWith("[HOOK_PATTERN_TOO_COMPLEX] "), e.message);
    // §11 (m): context { pattern, limit } (a validationError flag, §9.1, is tolerated)
    assert.deepEqual(
      Object.keys(e.context)
        .filter((k) => !(k === "validationError" && e.context[k] === true))
        .sort(),
      ["limit", "pattern"],
    );
    assert.notEqual(e.context.limit, undefined);
    assert.equal(e.context.pattern, pattern);
    assert.deepEqual(hook.list().registeredHooks, []);
  });

  test("a pattern text of exactly 64 KiB is not rejected for its size", () => {
    const hook = createHooks(true).hook;
    const pattern = "a".repeat(64 * 1024);
    assert.doesNotThrow(() => hook.on(`${pattern}:before`, noop));
  });

  test("nine groups of ten alternatives (10^9 strings) → HOOK_PATTERN_TOO_COMPLEX, promptly", () => {
    const group = "{0,1,2,3,4,5,6,7,8,9}";
    const pattern = group.repeat(9);
    const t0 = Date.now();
    const e = catchError(() => createHooks(true).hook.on(`${pattern}:before`, noop));
    assert.equal(e.code, "HOOK_PATTERN_TOO_COMPLEX");
    assert.equal(e.context.pattern, pattern);
    assert.ok(Date.now() - t0 < 5000, "rejected without enumerating");
  });

  test("a large but bounded brace pattern registers and matches", () => {
    const hooks = createHooks(true);
    const log = [];
    hooks.hook.on("{a,b,c,d,e,f,g,h,i,j}.{a,b,c,d,e,f,g,h,i,j}:before", ({ path }) => {
      log.push(path);
    });
    hooks.wrapFunction("j.c", () => 1)();
    hooks.wrapFunction("k.c", () => 1)();
    assert.deepEqual(log, ["j.c"]);
  });
});

// ------------------------------------------------------------------------------------------------
describe("§3.4 ids", () => {
  test('generated ids are "hook-1", "hook-2", … per instance', () => {
    const a = createHooks(true).hook;
    const b = createHooks(true).hook;
    assert.equal(a.on("x:before", noop), "hook-1");
    assert.equal(a.on("x:after", noop), "hook-2");
    assert.equal(b.on("x:before", noop), "hook-1");
    assert.equal(a.on("y:error", noop), "hook-3");
  });

  test("a truthy id is used as given, whatever its type; number ids stay numbers", () => {
    const hook = createHooks(true).hook;
    assert.equal(hook.on("a:before", noop, { id: 7 }), 7);
    assert.equal(hook.on("a:before", noop, { id: "seven" }), "seven");
    assert.equal(hook.on("a:before", noop, { id: -1 }), -1);
    const listedIds = hook.list().registeredHooks.map((h) => h.id);
    assert.deepEqual(listedIds, [7, "seven", -1]);
    assert.equal(typeof listedIds[0], "number");
  });

  for (const id of ["", 0, null, undefined, false, NaN]) {
    test(`falsy id ${String(id) || '""'} is replaced by a generated id`, () => {
      const hook = createHooks(true).hook;
      assert.equal(hook.on("a:before", noop, { id }), "hook-1");
      assert.equal(hook.on("a:before", noop, { id }), "hook-2");
    });
  }

  test("§11 (h) a generated id skips an id already taken", () => {
    const hook = createHooks(true).hook;
    assert.equal(hook.on("a:before", noop, { id: "hook-1" }), "hook-1");
    assert.equal(hook.on("b:before", noop), "hook-2");
    assert.deepEqual(
      hook.list().registeredHooks.map((h) => [h.id, h.pattern]),
      [
        ["hook-1", "a"],
        ["hook-2", "b"],
      ],
    );
  });

  test("§11 (h) the spec example: user id hook-20 first, then 21 registrations without id", () => {
    const hook = createHooks(true).hook;
    hook.on("a:before", noop, { id: "hook-20" });
    const got = [];
    for (let i = 0; i < 21; i++) got.push(hook.on("a:before", noop));
    const expected = [];
    for (let i = 1; i <= 19; i++) expected.push(`hook-${i}`);
    expected.push("hook-21", "hook-22");
    assert.deepEqual(got, expected);
  });

  test("§11 (h) several consecutive taken ids are all skipped", () => {
    const hook = createHooks(true).hook;
    hook.on("a:before", noop, { id: "hook-2" });
    hook.on("a:before", noop, { id: "hook-3" });
    hook.on("a:before", noop, { id: "hook-4" });
    assert.equal(hook.on("a:before", noop), "hook-1");
    assert.equal(hook.on("a:before", noop), "hook-5");
  });

  test("§11 (h) an explicit duplicate still throws", () => {
    const hook = createHooks(true).hook;
    hook.on("a:before", noop);
    hook.on("a:before", noop, { id: "x" });
    assert.throws(() => hook.on("a:before", noop, { id: "x" }), { code: "DUPLICATE_HOOK_ID" });
    assert.throws(() => hook.on("a:before", noop, { id: "hook-1" }), { code: "DUPLICATE_HOOK_ID" });
  });
});

// ------------------------------------------------------------------------------------------------
describe("§3.5 options", () => {
  test("priority is stored as options.priority || 0", () => {
    const hook = createHooks(true).hook;
    const cases = [
      [undefined, 0],
      [0, 0],
      [NaN, 0],
      [null, 0],
      ["", 0],
      [false, 0],
      [5, 5],
      [-3, -3],
      [1.5, 1.5],
      ["5", "5"],
      ["x", "x"],
      [Infinity, Infinity],
    ];
    for (const [priority, expected] of cases) {
      const id = hook.on("a:before", noop, { priority });
      assert.equal(listed(hook, id).priority, expected, `priority ${String(priority)}`);
    }
  });

  test('priority "5" stays the string "5" in list()', () => {
    const hook = createHooks(true).hook;
    const id = hook.on("a:before", noop, { priority: "5" });
    const p = listed(hook, id).priority;
    assert.equal(typeof p, "string");
    assert.equal(p, "5");
  });

  test('a string priority orders numerically ("5" before 3, 3 before "1")', () => {
    const hooks = createHooks(true);
    const log = [];
    for (const [name, priority] of [
      ["one", "1"],
      ["three", 3],
      ["five", "5"],
    ]) {
      hooks.hook.on(
        "f:before",
        () => {
          log.push(name);
        },
        { priority },
      );
    }
    hooks.wrapFunction("f", () => 1)();
    assert.deepEqual(log, ["five", "three", "one"]);
  });

  test("§11.10 a priority coercing to NaN orders as 0; list() shows it as given", () => {
    const hooks = createHooks(true);
    const log = [];
    for (const priority of [1, "x", 0, 2]) {
      hooks.hook.on(
        "f:before",
        () => {
          log.push(priority);
        },
        { priority },
      );
    }
    hooks.wrapFunction("f", () => 1)();
    assert.deepEqual(log, [2, 1, "x", 0]);
    assert.deepEqual(
      hooks.hook.list().registeredHooks.map((h) => h.priority),
      [1, "x", 0, 2],
    );
  });

  test("a Symbol priority → INVALID_HOOK_OPTIONS", () => {
    const hook = createHooks(true).hook;
    const e = catchError(() => hook.on("a:before", noop, { priority: Symbol("p") }));
    assert.ok(e instanceof HookError);
    assert.equal(e.code, "INVALID_HOOK_OPTIONS");
    assert.ok(e.message.startsWith("[INVALID_HOOK_OPTIONS] "), e.message);
    assert.deepEqual(hook.list().registeredHooks, []);
  });

  test("subset: falsy → primary; the three names are stored", () => {
    const hook = createHooks(true).hook;
    for (const [subset, expected] of [
      [undefined, "primary"],
      ["", "primary"],
      [null, "primary"],
      [0, "primary"],
      ["before", "before"],
      ["primary", "primary"],
      ["after", "after"],
    ]) {
      const id = hook.on("a:before", noop, { subset });
      assert.equal(listed(hook, id).subset, expected, `subset ${String(subset)}`);
    }
  });

  test("subsets order the firing: before → primary → after regardless of priority", () => {
    const hooks = createHooks(true);
    const log = [];
    const add = (name, subset, priority) =>
      hooks.hook.on(
        "f:before",
        () => {
          log.push(name);
        },
        { subset, priority },
      );
    add("after-hi", "after", 100);
    add("primary", "primary", 0);
    add("before-lo", "before", -100);
    hooks.wrapFunction("f", () => 1)();
    assert.deepEqual(log, ["before-lo", "primary", "after-hi"]);
  });

  test("lockCaller: only a literal false opts out (list reports the effective value)", () => {
    const hook = createHooks(true).hook;
    for (const [lockCaller, expected] of [
      [undefined, true],
      [true, true],
      [false, false],
      [0, true],
      ["", true],
      [null, true],
      ["false", true],
    ]) {
      const id = hook.on("a:before", noop, { lockCaller });
      assert.equal(listed(hook, id).lockCaller, expected, `lockCaller ${String(lockCaller)}`);
    }
  });

  test("lockCaller:false on a host registration (pin enforced) is honoured and emits no warning", async () => {
    const hooks = createHooks(true);
    assert.equal(hooks.hook.pin.enabled, true);
    let id;
    const warnings = await captureWarnings(() => {
      id = hooks.hook.on("a:before", noop, { lockCaller: false });
    });
    assert.deepEqual(warnings, []);
    assert.equal(listed(hooks.hook, id).lockCaller, false);
  });

  test("other option keys are ignored", () => {
    const hook = createHooks(true).hook;
    const id = hook.on("a:before", noop, { foo: 1, type: "after", enabled: false, handler: 5 });
    assert.deepEqual(listed(hook, id), {
      id: "hook-1",
      type: "before",
      pattern: "a",
      priority: 0,
      subset: "primary",
      enabled: true,
      lockCaller: true,
    });
  });

  for (const [name, options] of [
    ["null", null],
    ["a string", "opts"],
    ["a number", 5],
    ["true", true],
  ]) {
    test(`§11 (k) options ${name} → INVALID_HOOK_OPTIONS`, () => {
      const hook = createHooks(true).hook;
      const e = catchError(() => hook.on("a:before", noop, options));
      assert.ok(e instanceof HookError);
      assert.equal(e.code, "INVALID_HOOK_OPTIONS");
      assert.ok(e.message.startsWith("[INVALID_HOOK_OPTIONS] "), e.message);
      assert.deepEqual(hook.list().registeredHooks, []);
    });
  }

  test("options undefined → defaults", () => {
    const hook = createHooks(true).hook;
    const id = hook.on("a:before", noop, undefined);
    assert.equal(id, "hook-1");
    assert.equal(listed(hook, id).subset, "primary");
  });
});

// ------------------------------------------------------------------------------------------------
describe("§11.10 patterns named after Object.prototype members are ordinary patterns", () => {
  const names = [
    "__proto__",
    "constructor",
    "toString",
    "valueOf",
    "hasOwnProperty",
    "isPrototypeOf",
    "propertyIsEnumerable",
    "toLocaleString",
    "__defineGetter__",
    "__defineSetter__",
    "__lookupGetter__",
    "__lookupSetter__",
  ];
  for (const name of names) {
    test(`"${name}:before" registers, lists, fires, and can be managed by pattern`, () => {
      const hooks = createHooks(true);
      const log = [];
      const id = hooks.hook.on(`${name}:before`, ({ path }) => {
        log.push(path);
      });
      hooks.hook.on(`${name}:after`, noop, { id: "second" });
      assert.equal(listed(hooks.hook, id).pattern, name);
      hooks.wrapFunction(name, () => 1)();
      hooks.wrapFunction("other", () => 1)();
      assert.deepEqual(log, [name]);
      assert.equal(hooks.hook.disable({ pattern: name }), 2);
      assert.equal(hooks.hook.enable({ pattern: name, type: "before" }), 1);
      assert.deepEqual(
        hooks.hook.list({ pattern: name }).registeredHooks.map((h) => h.enabled),
        [true, false],
      );
      assert.equal(hooks.hook.remove({ pattern: name }), 2);
      assert.deepEqual(hooks.hook.list().registeredHooks, []);
    });
  }

  test("a pattern group named like a prototype member does not collide with another pattern", () => {
    const hook = createHooks(true).hook;
    hook.on("toString:before", noop, { id: "t" });
    hook.on("a:before", noop, { id: "a" });
    assert.equal(hook.remove({ pattern: "toString" }), 1);
    assert.deepEqual(
      hook.list().registeredHooks.map((h) => h.id),
      ["a"],
    );
  });
});

// ------------------------------------------------------------------------------------------------
describe("§3.7 `this` inside a handler", () => {
  test("exposes id, type, pattern, priority, subset, enabled, lockCaller", () => {
    const hooks = createHooks(true);
    let self;
    hooks.hook.on(
      "f:before",
      function () {
        self = this;
      },
      { id: "me", priority: "5", subset: "after", lockCaller: false },
    );
    hooks.wrapFunction("f", () => 1)();
    assert.ok(self && typeof self === "object");
    assert.equal(self.id, "me");
    assert.equal(self.type, "before");
    assert.equal(self.pattern, "f");
    assert.equal(self.priority, "5");
    assert.equal(self.subset, "after");
    assert.equal(self.enabled, true);
    assert.equal(self.lockCaller, false);
  });

  test("each hook gets its own this, for every type", () => {
    const hooks = createHooks(true);
    const seen = [];
    for (const t of TYPES) {
      hooks.hook.on(
        `**:${t}`,
        function () {
          seen.push([this.id, this.type]);
        },
        { id: `id-${t}` },
      );
    }
    const f = hooks.wrapFunction("f", () => {
      throw new Error("x");
    });
    assert.throws(() => f());
    assert.deepEqual(seen, [
      ["id-before", "before"],
      ["id-error", "error"],
      ["id-always", "always"],
    ]);
  });
});

// ------------------------------------------------------------------------------------------------
describe("§2 / §3 on() returns the id and stores the registration", () => {
  test("registration works while the system is disabled", () => {
    const hooks = createHooks();
    const id = hooks.hook.on("a:before", noop);
    assert.equal(id, "hook-1");
    assert.equal(listed(hooks.hook, id).enabled, true);
  });

  test("each of the four types can be registered in the canonical form", () => {
    const hook = createHooks(true).hook;
    for (const t of TYPES) hook.on(`p.${t}:${t}`, noop, { id: t });
    assert.deepEqual(
      hook.list().registeredHooks.map((h) => [h.id, h.type, h.pattern]),
      TYPES.map((t) => [t, t, `p.${t}`]),
    );
  });
});
