// Fixed pattern cases from the spec (§4.2 standalone column, §4.3 depth table, §4.4/§11.10 residual
// braces, §11 (b) (c) (d) (l) (m)) run against the ENGINE, twice:
//   1. through diag.hook.compilePattern (no identical-string shortcut), and
//   2. through real hook firing: wrapFunction(path) + hook.on(pattern + ":before") — here §4.5 applies:
//      a pattern string identical to the path always fires.
// The rows live in helpers/reference-pattern.mjs (SPEC_CASES) and are also checked against the
// independent reference by reference-pattern.test.mjs.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { createHooks, HookError } from "../index.mjs";
import { SPEC_CASES } from "./helpers/reference-pattern.mjs";

const short = (v) => {
  if (typeof v !== "string") return typeof v === "object" && v !== null ? JSON.stringify(v) : String(v);
  return v.length > 60 ? JSON.stringify(v.slice(0, 60)) + `…(${v.length})` : JSON.stringify(v);
};

const expectCode = (fn, code, what) => {
  let threw = false;
  try {
    fn();
  } catch (e) {
    threw = true;
    assert.equal(e?.code, code, `${what}: expected ${code}, got ${e?.code} (${String(e?.message).slice(0, 200)})`);
    assert.ok(e instanceof HookError, `${what}: expected a HookError`);
    return e;
  }
  assert.ok(threw, `${what}: expected ${code}, nothing thrown`);
};

/** Register `pattern` as a before hook; `pattern + ":before"` unless it cannot be written that way. */
const register = (hooks, pattern, handler) =>
  typeof pattern === "string" && pattern !== ""
    ? hooks.hook.on(pattern + ":before", handler)
    : hooks.hook.on("placeholder:before", handler, { pattern });

describe("engine compilePattern: spec fixed cases", () => {
  const hooks = createHooks(true);
  for (const row of SPEC_CASES) {
    test(`${row.ref}: ${short(row.pattern)}`, () => {
      if (row.error) {
        expectCode(() => hooks.diag.hook.compilePattern(row.pattern), row.error, `compilePattern(${short(row.pattern)})`);
        return;
      }
      const m = hooks.diag.hook.compilePattern(row.pattern);
      for (const p of row.match) assert.equal(m(p), true, `${short(row.pattern)} should match ${short(p)}`);
      for (const p of row.noMatch) assert.equal(m(p), false, `${short(row.pattern)} should not match ${short(p)}`);
    });
  }
});

describe("engine hook firing: spec fixed cases (with the §4.5 identical-string shortcut)", () => {
  for (const row of SPEC_CASES.filter((r) => r.firing !== false)) {
    test(`${row.ref}: ${short(row.pattern)}`, () => {
      const hooks = createHooks(true);
      if (row.error) {
        expectCode(() => register(hooks, row.pattern, () => "hit"), row.error, `on(${short(row.pattern)})`);
        assert.equal(hooks.hook.list().registeredHooks.length, 0, "a failed registration stores nothing");
        return;
      }
      register(hooks, row.pattern, () => "hit");
      const fire = (path) => hooks.wrapFunction(path, () => "r")();
      for (const p of row.match) assert.equal(fire(p), "hit", `${short(row.pattern)} should fire for ${short(p)}`);
      for (const p of row.noMatch) {
        const expected = p === row.pattern ? "hit" : "r";
        assert.equal(fire(p), expected, `${short(row.pattern)} on ${short(p)}: expected ${expected}`);
      }
    });
  }

  test("§4.5: an identical pattern string fires even where the compiled matcher would not", () => {
    for (const pattern of ["{a,b}", "!!a", "x{1}", "{a}{b}", "!a", "a?c"]) {
      const hooks = createHooks(true);
      hooks.hook.on(pattern + ":before", () => "hit");
      assert.equal(hooks.wrapFunction(pattern, () => "r")(), "hit", pattern);
    }
    // contrast: compilePattern has no shortcut
    const hooks = createHooks(true);
    assert.equal(hooks.diag.hook.compilePattern("{a,b}")("{a,b}"), false);
    assert.equal(hooks.diag.hook.compilePattern("!a")("!a"), true);
    assert.equal(hooks.diag.hook.compilePattern("!!a")("!!a"), false);
  });
});

describe("engine: error objects for pattern errors", () => {
  const hooks = createHooks(true);
  test("HOOK_BRACE_EXPANSION_MAX_DEPTH carries { pattern, maxGroups: 9 } and names the enforced limit (§11 (t))", () => {
    const e = expectCode(
      () => hooks.diag.hook.compilePattern("{a}{b}{c}{d}{e}{f}{g}{h}{i}{j}"),
      "HOOK_BRACE_EXPANSION_MAX_DEPTH",
      "brace groups",
    );
    assert.deepEqual(e.context, { pattern: "{a}{b}{c}{d}{e}{f}{g}{h}{i}{j}", maxGroups: 9 });
    assert.match(e.message, /exceeds the limit of 9 brace groups along one expansion chain/);
  });
  test("INVALID_HOOK_PATTERN carries { pattern, reason }", () => {
    const e = expectCode(() => hooks.diag.hook.compilePattern("x{}"), "INVALID_HOOK_PATTERN", "x{}");
    assert.equal(e.context.pattern, "x{}");
    assert.equal(typeof e.context.reason, "string");
    const e2 = expectCode(() => hooks.diag.hook.compilePattern(5), "INVALID_HOOK_PATTERN", "5");
    assert.equal(typeof e2.context.reason, "string");
  });
  test("HOOK_PATTERN_TOO_COMPLEX carries { pattern, limit }", () => {
    const e = expectCode(() => hooks.diag.hook.compilePattern("a".repeat(65537)), "HOOK_PATTERN_TOO_COMPLEX", "size");
    assert.ok("pattern" in e.context && "limit" in e.context, JSON.stringify(Object.keys(e.context)));
  });
  test("the config pattern is compiled at createHooks (§11.11)", () => {
    expectCode(() => createHooks("{}"), "INVALID_HOOK_PATTERN", 'createHooks("{}")');
    expectCode(() => createHooks({ pattern: "x{}" }), "INVALID_HOOK_PATTERN", "createHooks({pattern:'x{}'})");
    expectCode(
      () => createHooks("{a}{b}{c}{d}{e}{f}{g}{h}{i}{j}"),
      "HOOK_BRACE_EXPANSION_MAX_DEPTH",
      "createHooks(deep)",
    );
  });
  test("enablePattern and list({ pattern }) compile with the same errors (§4.3, §11 (b))", () => {
    expectCode(() => hooks.hook.enablePattern("{}"), "INVALID_HOOK_PATTERN", "enablePattern");
    expectCode(() => hooks.hook.list({ pattern: "{a,{}}" }), "INVALID_HOOK_PATTERN", "list");
    expectCode(
      () => hooks.hook.enablePattern("{a}{b}{c}{d}{e}{f}{g}{h}{i}{j}"),
      "HOOK_BRACE_EXPANSION_MAX_DEPTH",
      "enablePattern deep",
    );
  });
});

describe("engine: matcher argument handling", () => {
  const hooks = createHooks(true);
  test("non-string paths are converted with String() (§2)", () => {
    assert.equal(hooks.diag.hook.compilePattern("undefined")(undefined), true);
    assert.equal(hooks.diag.hook.compilePattern("1")(1), true);
    assert.equal(hooks.diag.hook.compilePattern("null")(null), true);
  });
  test("a path with a lone surrogate is ignored by matching (§11 (l)) — never matches a positive pattern", () => {
    for (const pat of ["**", "?", "*", "\u{1F600}", "\uFFFD"]) {
      assert.equal(hooks.diag.hook.compilePattern(pat)("\uD83D"), false, short(pat));
    }
  });
});
