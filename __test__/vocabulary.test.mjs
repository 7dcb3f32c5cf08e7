// Issue 15: one owner per fact. The core owns the vocabulary (hook types, subsets, the default
// subset, the pattern meaning "no path filter", the pattern limits, the state layout) and the
// records; the binding exports them once, lib/ reads them, and every text that quotes them is
// checked against them here. A registration crosses into Rust once.
//
// The binding is loaded before lib/ so that its functions can be counted: lib/native.js loads the
// same module (same path) and gets these counting wrappers.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL("..", import.meta.url));
const { platformName } = require("../lib/platform.js");
const override = process.env.NAPI_RS_NATIVE_LIBRARY_PATH;
const binding = require(override ? resolve(override) : join(root, `slothook.${platformName()}.node`));

/** Native calls made so far, by name. */
const calls = [];
for (const name of ["parseTypePattern", "vocabulary"]) {
  const fn = binding[name];
  binding[name] = function (...args) {
    calls.push(name);
    return fn.apply(this, args);
  };
}
for (const cls of [binding.NativeEngine, binding.NativePattern]) {
  for (const name of Object.getOwnPropertyNames(cls.prototype)) {
    if (name === "constructor") continue;
    const fn = cls.prototype[name];
    cls.prototype[name] = function (...args) {
      calls.push(name);
      return fn.apply(this, args);
    };
  }
}
/** The native calls `fn` makes. */
function crossings(fn) {
  const from = calls.length;
  try {
    fn();
  } catch {
    // refusals count too
  }
  return calls.slice(from);
}

const { createHooks } = require("../index.js");
const { VOCABULARY } = require("../lib/native.js");
const engine = require("../lib/engine.js");
const { TEXTS } = require("../lib/errors.js");
const { HookManager } = await import("../lib/slothlet/hook-manager.mjs");

const noop = () => {};

// ------------------------------------------------------------------------------------------------
describe("a registration crosses into Rust once", () => {
  const hooks = createHooks({ silent: true });
  const hook = hooks.hook;
  hook.on("taken:before", noop, { id: "taken" });

  const cases = {
    "a generated id": () => hook.on("a.b:before", noop),
    "an explicit id": () => hook.on("a.b:after", noop, { id: "mine" }),
    "a non-string id": () => hook.on("a.b:after", noop, { id: 7 }),
    "every option": () => hook.on("a.b:always", noop, { id: "all", priority: 5, subset: "after", pattern: "x.*", lockCaller: false, once: true }),
    "the deprecated form": () => hook.on("before:a.b", noop),
    "a lone surrogate": () => hook.on("a\uD800:before", noop),
    "a duplicate id (refused by the core)": () => hook.on("a:before", noop, { id: "taken" }),
    "a bad subset (refused by the core)": () => hook.on("a:before", noop, { subset: "middle" }),
    "a bad type pattern (refused by the core)": () => hook.on("a:nope", noop),
    "a bad handler (refused in JS; the parse decides which error wins)": () => hook.on("a:before", "nope"),
  };
  for (const [name, fn] of Object.entries(cases)) {
    test(`${name}: one native call`, () => {
      const made = crossings(fn);
      assert.equal(made.length, 1, made.join(", "));
      assert.equal(made[0], name.startsWith("a bad handler") ? "parseTypePattern" : "register");
    });
  }

  test("a non-string type pattern crosses nothing", () => {
    assert.deepEqual(crossings(() => hook.on(5, noop)), []);
  });

  test("the seam registers with one native call too", () => {
    class SlothletError extends Error {}
    class SlothletWarning {}
    const manager = new HookManager({ config: { hook: true, silent: true }, SlothletError, SlothletWarning });
    assert.deepEqual(crossings(() => manager.on("a.b:before", noop)), ["register"]);
    assert.deepEqual(crossings(() => manager.on("a.b:before", noop, { id: "x", priority: 2 })), ["register"]);
  });

  test("the record comes back whole: id, type, pattern, subset, order (list() and exportHooks show them)", () => {
    const h = createHooks(true).hook;
    h.on("before:legacy.x", noop, { priority: "3" });
    h.on("m.*:after", noop, { id: 9, subset: "before", pattern: "over.ride" });
    h.on("数学.*:error", noop);
    h.on("a\uD83D\uDE00b:always", noop);
    assert.deepEqual(
      h.list().registeredHooks.map((r) => [r.id, r.type, r.pattern, r.subset, r.priority]),
      [
        ["hook-1", "before", "legacy.x", VOCABULARY.defaultSubset, "3"],
        [9, "after", "over.ride", "before", 0],
        ["hook-3", "always", "a\uD83D\uDE00b", VOCABULARY.defaultSubset, 0],
        ["hook-2", "error", "数学.*", VOCABULARY.defaultSubset, 0],
      ],
    );
  });
});

// ------------------------------------------------------------------------------------------------
describe("lib/ reads the core's vocabulary; it retypes none of it", () => {
  test("the lists are the binding's own arrays", () => {
    assert.equal(engine.TYPES, VOCABULARY.hookTypes);
    assert.equal(engine.SUBSETS, VOCABULARY.subsets);
    assert.ok(Object.isFrozen(VOCABULARY) && Object.isFrozen(VOCABULARY.hookTypes) && Object.isFrozen(VOCABULARY.limits));
    for (const t of VOCABULARY.hookTypes) assert.ok(engine.isHookType(t), t);
    for (const t of ["Before", "", "hook", "toString"]) assert.ok(!engine.isHookType(t), t);
    assert.deepEqual(Object.keys(engine.EMPTY_PLAN), ["key", "empty", ...VOCABULARY.hookTypes]);
    assert.deepEqual(Object.keys(createHooks(true).diag.hook.explain("x").hooks), VOCABULARY.hookTypes);
  });

  test("the default subset, the no-filter pattern and the valid subsets come from the core", () => {
    const hooks = createHooks(true);
    assert.equal(hooks.config.pattern, VOCABULARY.noPathFilter);
    assert.equal(createHooks({}).config.pattern, VOCABULARY.noPathFilter);
    hooks.hook.on("a:before", noop);
    assert.equal(hooks.hook.list().registeredHooks[0].subset, VOCABULARY.defaultSubset);
    assert.ok(VOCABULARY.subsets.includes(VOCABULARY.defaultSubset));
    let e;
    try {
      hooks.hook.on("a:before", noop, { subset: "middle" });
    } catch (err) {
      e = err;
    }
    assert.deepEqual(e.context.validSubsets, VOCABULARY.subsets);
    class SlothletError extends Error {}
    assert.equal(new HookManager({ config: {}, SlothletError }).defaultPattern, VOCABULARY.noPathFilter);
  });

  test("the state layout: distinct slots inside the array", () => {
    const { length, ...slots } = VOCABULARY.state;
    const indices = Object.values(slots);
    assert.equal(new Set(indices).size, indices.length);
    for (const i of indices) assert.ok(Number.isInteger(i) && i >= 0 && i < length, String(i));
    assert.equal(engine.GENERATION, VOCABULARY.state.generation);
    assert.equal(engine.ENABLED, VOCABULARY.state.enabled);
  });

  test("the brace limits: entering maxBraceDepth fails, so maxBraceGroups fit", () => {
    assert.equal(VOCABULARY.maxBraceGroups, VOCABULARY.maxBraceDepth - 1);
    assert.equal(engine.MAX_BRACE_GROUPS, VOCABULARY.maxBraceGroups);
  });
});

// ------------------------------------------------------------------------------------------------
describe("texts that quote the vocabulary agree with it", () => {
  const quoted = (text) => [...text.matchAll(/"([a-z]+)"/g)].map((m) => m[1]);

  test("INVALID_HOOK_SUBSET's text names the subsets, in order (slothlet's text, §3.3)", () => {
    const names = TEXTS.INVALID_HOOK_SUBSET.match(/Must be (.*)\. Valid/)[1];
    assert.deepEqual(quoted(names), VOCABULARY.subsets);
  });

  test("the filter texts and the core's 'no hook type found' name the types, in order", () => {
    const list = VOCABULARY.hookTypes.join(", ");
    assert.ok(TEXTS.HINT_INVALID_HOOK_FILTER.includes(`(type one of ${list})`), TEXTS.HINT_INVALID_HOOK_FILTER);
    assert.ok(engine.unknownTypeReason("x").endsWith(`(expected one of ${list})`));
    let e;
    try {
      createHooks(true).hook.on("foo:bar", noop);
    } catch (err) {
      e = err;
    }
    assert.equal(e.code, "INVALID_TYPE_PATTERN");
    assert.ok(e.context.expected.includes(`end with one of: ${list} `), e.context.expected);
  });

  test("INVALID_HOOK_OPTIONS' hint lists exactly the options on() knows (lib/hooks.js owns them)", () => {
    const { KNOWN_OPTIONS } = require("../lib/hooks.js");
    const listed = TEXTS.HINT_INVALID_HOOK_OPTIONS.match(/Options: ([\w, ]+)\./)[1].split(", ");
    assert.deepEqual(listed, [...KNOWN_OPTIONS]);
  });

  test("the expected text for a non-string type pattern is the core's", () => {
    let e;
    try {
      createHooks(true).hook.on(undefined, noop);
    } catch (err) {
      e = err;
    }
    assert.equal(e.context.expected, VOCABULARY.expectedString);
  });

  const L = VOCABULARY.limits;
  const MiB = 1 << 20;
  /** [what a text says, the value it must equal] — numbers as the README writes them. */
  const number = (s) => Number(s.replace(/,/g, ""));
  const LIMIT_QUOTES = [
    [/([\d,]+)\s+bytes\s+of\s+pattern\s+text/g, (m) => number(m[1]), L.patternBytes],
    [/(\d+)\s+KiB,/g, (m) => number(m[1]) * 1024, L.patternBytes],
    [/([\d,]+)\s+(?:brace\s+alternatives|strings\s+from\s+brace\s+expansion)/g, (m) => number(m[1]), L.alternatives],
    [/(\d+)\s+MiB\s+of\s+(?:text\s+built|expanded\s+text)/g, (m) => number(m[1]) * MiB, L.expandedBytes],
    [/(\d+)\s+MiB\s+of\s+translated\s+regex/g, (m) => number(m[1]) * MiB, L.regexSourceBytes],
    [/(\d+)\s+MiB\s+of\s+compiled\s+matcher/g, (m) => number(m[1]) * MiB, L.compiledBytes],
    [/(\d+)\s+brace\s+groups\s+along\s+(?:one|any)\s+expansion\s+chain/g, (m) => number(m[1]), VOCABULARY.maxBraceGroups],
  ];

  const prose = ["README.md", ...readdirSync(join(root, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];
  test(`README.md and docs/ quote the pattern limits as the core has them (${prose.length} files)`, () => {
    const perFile = {};
    for (const file of prose) {
      const text = readFileSync(join(root, file), "utf8");
      for (const [re, value, expected] of LIMIT_QUOTES) {
        for (const m of text.matchAll(re)) {
          perFile[file] = (perFile[file] ?? 0) + 1;
          assert.equal(value(m), expected, `${file}: "${m[0]}"`);
        }
      }
    }
    // where the limits are stated: the README (twice), §4.3 and §11 (m)
    assert.ok(perFile["README.md"] >= 10, JSON.stringify(perFile));
    assert.ok(perFile["docs/patterns.md"] >= 5, JSON.stringify(perFile));
    assert.ok(perFile["docs/differences.md"] >= 5, JSON.stringify(perFile));
  });

  test("HOOK_PATTERN_TOO_COMPLEX's hint states the core's limits", () => {
    const hint = TEXTS.HINT_HOOK_PATTERN_TOO_COMPLEX;
    let found = 0;
    for (const [re, value, expected] of LIMIT_QUOTES) {
      for (const m of hint.matchAll(re)) {
        found++;
        assert.equal(value(m), expected, m[0]);
      }
    }
    assert.ok(hint.includes(`${L.patternBytes} bytes of pattern text`), hint);
    assert.equal(found, 5, hint);
  });

  test("the limit the core reports is the one it names in the vocabulary", () => {
    let e;
    try {
      createHooks(true).diag.hook.compilePattern("a".repeat(L.patternBytes + 1));
    } catch (err) {
      e = err;
    }
    assert.equal(e.code, "HOOK_PATTERN_TOO_COMPLEX");
    assert.equal(e.context.limit, `${L.patternBytes} bytes of pattern text`);
    assert.equal(typeof createHooks(true).diag.hook.compilePattern("a".repeat(L.patternBytes)), "function");
  });
});
