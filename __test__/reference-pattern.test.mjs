// Self-test of the independent reference pattern implementation (helpers/reference-pattern.mjs)
// against every row of spec §4.2 (standalone column), the §4.3 depth table, §4.4/§11.10 residual
// braces and the §11 (b) (c) (d) (l) (m) examples. No engine involved.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import {
  referenceCompile,
  referencePossibleErrors,
  expandBraces,
  SPEC_CASES,
} from "./helpers/reference-pattern.mjs";

const show = (v) => (typeof v === "string" && v.length > 60 ? JSON.stringify(v.slice(0, 60)) + `…(${v.length})` : JSON.stringify(v) ?? String(v));

describe("reference: spec fixed cases", () => {
  for (const row of SPEC_CASES) {
    test(`${row.ref}: ${show(row.pattern)}`, () => {
      if (row.error) {
        assert.throws(
          () => referenceCompile(row.pattern),
          (e) => e.code === row.error,
          `expected ${row.error}`,
        );
        const possible = referencePossibleErrors(row.pattern);
        assert.ok(possible === null || possible.has(row.error), `possible errors ${[...(possible ?? [])]}`);
        return;
      }
      const m = referenceCompile(row.pattern);
      for (const p of row.match) assert.equal(m(p), true, `${show(row.pattern)} should match ${show(p)}`);
      for (const p of row.noMatch) assert.equal(m(p), false, `${show(row.pattern)} should not match ${show(p)}`);
      assert.deepEqual(referencePossibleErrors(row.pattern), new Set());
    });
  }
});

describe("reference: brace expansion (§4.3) literal results", () => {
  const cases = [
    ["abc", ["abc"]],
    ["{a,b}", ["a", "b"]],
    ["{a,}", ["a", ""]], // §11 (d)
    ["{,}", ["", ""]],
    ["{a,,b}", ["a", "", "b"]],
    ["x{a,{b,c}}y", ["xay", "xby", "xcy"]],
    ["{a,b}{1,2}", ["a1", "a2", "b1", "b2"]],
    ["{{a,b}", ["{{a,b}"]],
    ["}{a,b}", ["}a", "}b"]],
    ["{a,b}{", ["a{", "b{"]],
    ["!{a,b}", ["!a", "!b"]],
    ["{!{a,b},c}", ["!a", "!b", "c"]],
  ];
  for (const [input, expected] of cases) {
    test(JSON.stringify(input), () => assert.deepEqual(expandBraces(input), expected));
  }
  test("depth context", () => {
    assert.throws(
      () => expandBraces("{a}{b}{c}{d}{e}{f}{g}{h}{i}{j}"),
      (e) => e.code === "HOOK_BRACE_EXPANSION_MAX_DEPTH" && e.context.maxDepth === 10,
    );
  });
});

describe("reference: matcher argument handling", () => {
  test("non-string paths are converted with String()", () => {
    assert.equal(referenceCompile("undefined")(undefined), true);
    assert.equal(referenceCompile("1")(1), true);
    assert.equal(referenceCompile("null")(null), true);
  });
  test("a path with a lone surrogate never matches (§11 (l))", () => {
    for (const pat of ["**", "?", "*", "\u{1F600}", "!x"]) {
      assert.equal(referenceCompile(pat)("\uD83D"), false, pat);
    }
  });
  test("possible-errors set for a pattern with two defects on different chains", () => {
    const deep = "{a}{b}{c}{d}{e}{f}{g}{h}{i}{j}";
    const codes = referencePossibleErrors(`{${deep},{}}`);
    assert.deepEqual(codes, new Set(["HOOK_BRACE_EXPANSION_MAX_DEPTH", "INVALID_HOOK_PATTERN"]));
  });
});
