// Conformance: spec §11 (t) — messages and options a new user trips on (issue 12): String(err), quotes
// of at most 200 characters, the brace-limit text, slothook's own API in hints and warnings, the
// HOOK_UNKNOWN_OPTION warning and the `once` option's validation and storage. (The run-once behaviour
// itself belongs to the call path and is tested with it.)
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { createHooks, HookError } from "../index.mjs";
import { catchError, captureWarnings } from "./helpers/common.mjs";

const require = createRequire(import.meta.url);
const { MAX_BRACE_DEPTH } = require("../lib/native.js");
const { Engine } = require("../lib/engine.js");

const noop = () => {};
const LISTED_KEYS = ["id", "type", "pattern", "priority", "subset", "enabled", "lockCaller"];

/** The entries Engine#register stores while `fn` runs (white-box: the field the call path reads). */
function captureEntries(fn) {
  const original = Engine.prototype.register;
  const entries = [];
  Engine.prototype.register = function (...args) {
    const entry = original.apply(this, args);
    entries.push(entry);
    return entry;
  };
  try {
    fn();
  } finally {
    Engine.prototype.register = original;
  }
  return entries;
}

// ------------------------------------------------------------------------------------------------
describe("§11 (t) String(err) is the usual Error form", () => {
  const hook = createHooks(true).hook;
  hook.on("a:before", noop, { id: "dup" });
  const samples = {
    INVALID_TYPE_PATTERN: () => hook.on("foo:bar", noop),
    INVALID_HOOK_HANDLER: () => hook.on("a:before", "str"),
    DUPLICATE_HOOK_ID: () => hook.on("a:before", noop, { id: "dup" }),
    INVALID_HOOK_OPTIONS: () => hook.on("a:before", noop, null),
    INVALID_WRAP_TARGET: () => createHooks(true).wrap(5),
  };
  for (const [code, call] of Object.entries(samples)) {
    test(`${code}: String(err) === "HookError: [${code}] text"`, () => {
      const e = catchError(call);
      assert.equal(e.code, code);
      assert.equal(String(e), `HookError: ${e.message}`);
      assert.equal(`${e}`, `HookError: ${e.message}`);
      assert.ok(String(e).startsWith(`HookError: [${code}] `), String(e));
      assert.ok(e.stack.startsWith(`HookError: [${code}] `), "the stack's first line too");
    });
  }
});

// ------------------------------------------------------------------------------------------------
describe("§11 (t) a message quotes at most 200 characters of a user's value", () => {
  const long = (n, c = "p") => c.repeat(n);
  const clipped = (s) => `${s.slice(0, 200)}…`;

  test("a 2 MB config pattern: a short message, the full pattern in context", () => {
    const pattern = long(2_000_000);
    const e = catchError(() => createHooks(pattern));
    assert.equal(e.code, "HOOK_PATTERN_TOO_COMPLEX");
    assert.ok(e.message.length < 400, `message is ${e.message.length} characters`);
    assert.ok(e.message.includes(`"${clipped(pattern)}"`), e.message.slice(0, 300));
    assert.equal(e.context.pattern, pattern);
  });

  const cases = [
    ["INVALID_TYPE_PATTERN (type pattern)", "typePattern", (v) => createHooks(true).hook.on(`${v}:nope`, noop), (v) => `${v}:nope`],
    [
      "DUPLICATE_HOOK_ID (id)",
      "id",
      (v) => {
        const h = createHooks(true).hook;
        h.on("a:before", noop, { id: v });
        h.on("a:before", noop, { id: v });
      },
      (v) => v,
    ],
    ["INVALID_HOOK_SUBSET (subset)", "subset", (v) => createHooks(true).hook.on("a:before", noop, { subset: v }), (v) => v],
    ["INVALID_HOOK_PATTERN (pattern)", "pattern", (v) => createHooks(true).hook.on(`${v}\uD800:before`, noop), (v) => `${v}\uD800`],
    ["HOOK_PATTERN_TOO_COMPLEX (pattern)", "pattern", (v) => createHooks(true).diag.hook.compilePattern(v.repeat(400)), (v) => v.repeat(400)],
  ];
  for (const [name, key, call, full] of cases) {
    test(`${name}: clipped to 200 characters + "…", context keeps the full value`, () => {
      const v = long(300);
      const e = catchError(() => call(v));
      assert.ok(e instanceof HookError, String(e));
      assert.ok(e.message.includes(clipped(full(v))), e.message);
      assert.ok(!e.message.includes(full(v).slice(0, 201)), "no more than 200 characters quoted");
      assert.equal(e.context[key], full(v));
    });
  }

  test("HOOK_BEFORE_RETURNED_PROMISE: id and path clipped", () => {
    const hooks = createHooks(true);
    const id = long(300, "i");
    const path = long(300, "q");
    hooks.hook.on("**:before", () => Promise.resolve(), { id });
    const e = catchError(() => hooks.wrapFunction(path, noop)());
    assert.equal(e.code, "HOOK_BEFORE_RETURNED_PROMISE");
    assert.ok(e.message.includes(`'${clipped(id)}'`), e.message);
    assert.ok(e.message.includes(`'${clipped(path)}'`), e.message);
    assert.deepEqual(e.context, { id, path });
  });

  test("INVALID_HOOK_FILTER: an unknown type is clipped", () => {
    const type = long(300, "t");
    const e = catchError(() => createHooks(true).hook.list({ type }));
    assert.equal(e.code, "INVALID_HOOK_FILTER");
    assert.ok(e.message.includes(`"${clipped(type)}"`), e.message);
    assert.ok(e.message.length < 400);
  });

  test("warnings: the deprecated form and HOOK_UNPINNED_IGNORED clip, detail keeps the full value", async () => {
    const hooks = createHooks(true);
    const p = long(300, "w");
    const warnings = await captureWarnings(() => {
      hooks.hook.on(`before:${p}`, noop);
      hooks.context.runAs("plugin", () => hooks.hook.on(`${p}:after`, noop, { lockCaller: false }));
    });
    const dep = warnings.find((w) => w.code === "HOOK_TYPEPATTERN_PREFIX_DEPRECATED");
    assert.ok(dep.message.includes(`'before:${p}`.slice(0, 201) + "…'"), dep.message);
    assert.ok(dep.message.length < 600);
    assert.deepEqual(JSON.parse(dep.detail), { given: `before:${p}`, suggested: `${p}:before` });
    const unpinned = warnings.find((w) => w.code === "HOOK_UNPINNED_IGNORED");
    assert.ok(unpinned.message.includes(`'${clipped(p)}'`), unpinned.message);
    assert.deepEqual(JSON.parse(unpinned.detail), { pattern: p });
  });

  test("exactly 200 characters are quoted whole; clipping never splits a surrogate pair", () => {
    const hook = createHooks(true).hook;
    const exact = long(200, "e");
    hook.on("a:before", noop, { id: exact });
    const e1 = catchError(() => hook.on("a:before", noop, { id: exact }));
    assert.ok(e1.message.includes(`"${exact}"`));
    assert.ok(!e1.message.includes("…"));
    const emoji = "😀".repeat(300);
    hook.on("a:before", noop, { id: emoji });
    const e2 = catchError(() => hook.on("a:before", noop, { id: emoji }));
    assert.ok(e2.message.includes(`"${"😀".repeat(200)}…"`), "200 code points, then …");
    assert.equal(e2.message.isWellFormed?.() ?? true, true);
  });
});

// ------------------------------------------------------------------------------------------------
describe("§11 (t) HOOK_BRACE_EXPANSION_MAX_DEPTH names the enforced limit and what is counted", () => {
  const GROUPS = MAX_BRACE_DEPTH - 1;
  const sequence = (n) => Array.from({ length: n }, (_, i) => `{${String.fromCharCode(97 + i)}}`).join("");
  const nested = (n) => "{x,".repeat(n - 1) + "{y,z}" + "}".repeat(n - 1);

  test("the limit comes from the native binding (9 groups)", () => {
    assert.equal(typeof MAX_BRACE_DEPTH, "number");
    assert.equal(GROUPS, 9);
  });

  test(`${GROUPS} groups in sequence or nested compile; one more of either is refused with the limit in the text`, () => {
    const hooks = createHooks(true);
    assert.equal(typeof hooks.diag.hook.compilePattern(sequence(GROUPS)), "function");
    assert.equal(typeof hooks.diag.hook.compilePattern(nested(GROUPS)), "function");
    for (const p of [sequence(GROUPS + 1), nested(GROUPS + 1)]) {
      const e = catchError(() => hooks.hook.on(`${p}:before`, noop));
      assert.equal(e.code, "HOOK_BRACE_EXPANSION_MAX_DEPTH");
      assert.equal(
        e.message,
        `[HOOK_BRACE_EXPANSION_MAX_DEPTH] Brace expansion in hook pattern exceeds the limit of ${GROUPS} brace groups along one expansion chain (groups in sequence and nested groups both count).`,
      );
      assert.doesNotMatch(e.message, /nesting depth of 10/);
      assert.deepEqual(e.context, { pattern: p, maxGroups: GROUPS });
      assert.match(e.hint, new RegExp(`at most ${GROUPS} brace groups`));
    }
  });
});

// ------------------------------------------------------------------------------------------------
describe("§11 (t) hints and messages name slothook's API", () => {
  test("DUPLICATE_HOOK_ID's hint names slothook, not Slothlet", () => {
    const hook = createHooks(true).hook;
    hook.on("a:before", noop, { id: "x" });
    const e = catchError(() => hook.on("a:before", noop, { id: "x" }));
    assert.equal(e.hint, "Either use a different id value or remove the id option to let slothook generate a unique ID.");
  });

  test("HOOK_UNPINNED_IGNORED names createHooks({ pin: false }) and hooks.hook.pin.disable()", async () => {
    const hooks = createHooks(true);
    const [w] = await captureWarnings(() => {
      hooks.context.runAs("plugin", () => hooks.hook.on("x:before", noop, { lockCaller: false }));
    });
    assert.equal(w.code, "HOOK_UNPINNED_IGNORED");
    assert.match(w.message, /createHooks\(\{ pin: false \}\)/);
    assert.match(w.message, /hooks\.hook\.pin\.disable\(\)/);
    assert.doesNotMatch(w.message, /api\.slothlet|\(init\)|hook\.pin:false|registering module/);
  });

  test("no standalone error, hint or warning says Slothlet, slothlet's configuration or its v4", async () => {
    const hooks = createHooks(true);
    const hook = hooks.hook;
    hook.on("a:before", noop, { id: "d" });
    const errors = [
      () => hook.on("foo:bar", noop),
      () => hook.on("a:before", 1),
      () => hook.on("a:before", noop, { id: "d" }),
      () => hook.on("a:before", noop, { subset: "x" }),
      () => hook.on("{}:before", noop),
      () => hook.on(`${"{a}".repeat(10)}:before`, noop),
      () => hook.on("a:before", noop, { once: 1 }),
      () => hook.list({ type: "x" }),
      () => hooks.wrap(1),
      () => hooks.wrapFunction(1, noop),
      () => hooks.diag.hook.compilePattern("p".repeat(70000)),
    ].map(catchError);
    const warnings = await captureWarnings(() => {
      hook.on("before:a", noop);
      hooks.context.runAs("p", () => hook.on("a:before", noop, { lockCaller: false }));
      hook.on("a:before", noop, { priorty: 1 });
    });
    assert.equal(warnings.length, 3);
    for (const text of [...errors.flatMap((e) => [e.message, e.hint ?? ""]), ...warnings.map((w) => w.message)]) {
      assert.doesNotMatch(text, /Slothlet|slothlet configuration|in v4/, text);
    }
  });
});

// ------------------------------------------------------------------------------------------------
describe("§11 (t) HOOK_UNKNOWN_OPTION", () => {
  test('priorty → warning "[HOOK_UNKNOWN_OPTION] Unknown hook option "priorty" is ignored.", context in detail', async () => {
    const hook = createHooks(true).hook;
    let id;
    const warnings = await captureWarnings(() => {
      id = hook.on("a:before", noop, { priorty: 5 });
    });
    assert.equal(warnings.length, 1);
    const [w] = warnings;
    assert.equal(w.name, "Warning");
    assert.equal(w.code, "HOOK_UNKNOWN_OPTION");
    assert.equal(w.message, '[HOOK_UNKNOWN_OPTION] Unknown hook option "priorty" is ignored.');
    assert.deepEqual(JSON.parse(w.detail), { option: "priorty" });
    const listed = hook.list({ id }).registeredHooks[0];
    assert.equal(listed.priority, 0, "the unknown option is ignored; the hook is registered");
  });

  test("the known options warn nothing; every unknown one warns once, in key order", async () => {
    const hook = createHooks(true).hook;
    const warnings = await captureWarnings(() => {
      hook.on("a:before", noop, { id: "k", priority: 1, subset: "after", pattern: "b", lockCaller: true, once: true });
      hook.on("a:before", noop, { Id: 1, handler: noop, id: "k2", async: true });
    });
    assert.deepEqual(
      warnings.map((w) => JSON.parse(w.detail).option),
      ["Id", "handler", "async"],
    );
  });

  test("silent: true emits none", async () => {
    const hook = createHooks({ silent: true }).hook;
    const warnings = await captureWarnings(() => {
      hook.on("a:before", noop, { priorty: 5 });
    });
    assert.deepEqual(warnings, []);
  });

  test("inherited and non-enumerable keys are not options of this call: no warning", async () => {
    const hook = createHooks(true).hook;
    const inherited = Object.create({ priorty: 1 });
    const hidden = Object.defineProperty({}, "priorty", { value: 1, enumerable: false });
    const warnings = await captureWarnings(() => {
      hook.on("a:before", noop, inherited);
      hook.on("a:before", noop, hidden);
    });
    assert.deepEqual(warnings, []);
  });

  test("the warning comes before later validation: a failing registration still names the typo", async () => {
    const hook = createHooks(true).hook;
    let e;
    const warnings = await captureWarnings(() => {
      e = catchError(() => hook.on("a:before", noop, { subst: "after", subset: "middel" }));
    });
    assert.equal(e.code, "INVALID_HOOK_SUBSET");
    assert.deepEqual(
      warnings.map((w) => w.code),
      ["HOOK_UNKNOWN_OPTION"],
    );
  });
});

// ------------------------------------------------------------------------------------------------
describe("§11 (t) once: validation and storage", () => {
  test("once true / false / undefined register; the entry stores once === true only for true", () => {
    const hook = createHooks(true).hook;
    const entries = captureEntries(() => {
      hook.on("a:before", noop, { id: "t", once: true });
      hook.on("a:before", noop, { id: "f", once: false });
      hook.on("a:before", noop, { id: "u", once: undefined });
      hook.on("a:before", noop, { id: "n" });
      hook.on("a:before", noop);
    });
    assert.deepEqual(
      entries.map((e) => [e.id, e.once]),
      [
        ["t", true],
        ["f", false],
        ["u", false],
        ["n", false],
        ["hook-1", false],
      ],
    );
  });

  test("list() shows a once hook like any hook, with the §7.4 keys", () => {
    const hook = createHooks(true).hook;
    hook.on("a:before", noop, { id: "once", once: true });
    const [listed] = hook.list().registeredHooks;
    assert.deepEqual(Object.keys(listed), LISTED_KEYS);
    assert.deepEqual(listed, {
      id: "once",
      type: "before",
      pattern: "a",
      priority: 0,
      subset: "primary",
      enabled: true,
      lockCaller: true,
    });
  });

  for (const [name, value] of [
    ["null", null],
    ["1", 1],
    ["0", 0],
    ['"true"', "true"],
    ['""', ""],
    ["{}", {}],
    ["[]", []],
    ["a function", noop],
    ["a symbol", Symbol("once")],
    ["NaN", NaN],
    ["1n", 1n],
    ["new Boolean(true)", Object(true)],
  ]) {
    test(`once: ${name} → INVALID_HOOK_OPTIONS naming once; nothing registered, no id consumed`, () => {
      const hook = createHooks(true).hook;
      const e = catchError(() => hook.on("a:before", noop, { once: value }));
      assert.ok(e instanceof HookError);
      assert.equal(e.code, "INVALID_HOOK_OPTIONS");
      assert.match(e.message, /^\[INVALID_HOOK_OPTIONS\] Invalid hook options: once must be true, false or undefined, received /);
      assert.equal(typeof e.hint, "string");
      assert.deepEqual(hook.list().registeredHooks, []);
      assert.equal(hook.on("a:before", noop), "hook-1", "the rejected registration consumed no generated id");
    });
  }

  test("where once is checked (§3.2): after the handler and priority, before id, duplicate, subset and pattern", () => {
    const hook = createHooks(true).hook;
    hook.on("a:before", noop, { id: "taken" });
    const code = (fn) => catchError(fn).code;
    assert.equal(code(() => hook.on("a:before", "not a function", { once: 1 })), "INVALID_HOOK_HANDLER");
    assert.match(catchError(() => hook.on("a:before", noop, { once: 1, priority: Symbol() })).message, /priority/);
    assert.equal(code(() => hook.on("a:before", noop, { once: 1, id: "taken" })), "INVALID_HOOK_OPTIONS");
    assert.equal(code(() => hook.on("a:before", noop, { once: 1, subset: "middle" })), "INVALID_HOOK_OPTIONS");
    assert.equal(code(() => hook.on("{}:before", noop, { once: 1 })), "INVALID_HOOK_OPTIONS");
    assert.equal(code(() => hook.on("a:nope", noop, { once: 1 })), "INVALID_TYPE_PATTERN");
  });

  test("a throwing once getter → INVALID_HOOK_OPTIONS", () => {
    const options = Object.defineProperty({}, "once", {
      get() {
        throw new Error("no");
      },
      enumerable: true,
    });
    const e = catchError(() => createHooks(true).hook.on("a:before", noop, options));
    assert.equal(e.code, "INVALID_HOOK_OPTIONS");
  });
});
