// Property test: the engine's pattern matcher (diag.hook.compilePattern) agrees with the independent
// reference implementation (helpers/reference-pattern.mjs) on thousands of generated patterns and
// paths — both on match results and on error codes for invalid patterns.
//
// Deterministic: seed printed at start; override with SLOTHOOK_PROP_SEED=<int>.
// Pattern count: SLOTHOOK_PROP_COUNT (default 6000).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHooks } from "../index.mjs";
import {
  referenceCompile,
  referenceParse,
  referencePossibleErrors,
  expandBraces,
} from "./helpers/reference-pattern.mjs";

const SEED = process.env.SLOTHOOK_PROP_SEED !== undefined ? Number(process.env.SLOTHOOK_PROP_SEED) >>> 0 : 0x51075eed;
const PATTERNS = Number(process.env.SLOTHOOK_PROP_COUNT ?? 6000);

// ---------------------------------------------------------------------------------------------
// PRNG (mulberry32)
// ---------------------------------------------------------------------------------------------
function mulberry32(a) {
  return function () {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
let rnd = mulberry32(SEED);
const int = (n) => Math.floor(rnd() * n); // 0..n-1
const chance = (p) => rnd() < p;
const pick = (arr) => arr[int(arr.length)];
const weighted = (entries) => {
  // entries: [[weight, value], ...]
  let total = 0;
  for (const [w] of entries) total += w;
  let r = rnd() * total;
  for (const [w, v] of entries) {
    if ((r -= w) < 0) return v;
  }
  return entries[entries.length - 1][1];
};

// ---------------------------------------------------------------------------------------------
// Pattern generator
// ---------------------------------------------------------------------------------------------
const ASCII_WORDS = ["a", "b", "c", "x", "y", "ab", "math", "add", "_", "0", "1", "A"];
const UNICODE = ["é", "中", "😀", "ß", "𝒳", "e\u0301"]; // 😀 and 𝒳 are astral (surrogate pairs)
const METAS = ["+", "^", "$", "(", ")", "|", "[", "]", "\\", "-", ":", " ", "/", "=", "#"];

function genLiteral() {
  return weighted([
    [6, () => pick(ASCII_WORDS)],
    [2, () => pick(UNICODE)],
    [2, () => pick(METAS)],
    [0.3, () => "__DOUBLESTAR__"],
    [0.4, () => ","], // a literal comma outside groups; inside a group it becomes a separator
    [0.3, () => "!"], // non-leading `!` is literal
  ])();
}

/** A sequence of atoms. `depth` = brace nesting of the position; `budget` limits stars. */
function genSeq(depth, maxLen, st) {
  const n = int(maxLen + 1);
  let s = "";
  for (let i = 0; i < n; i++) s += genAtom(depth, st);
  return s;
}

function genAtom(depth, st) {
  const groupWeight = depth < 3 ? 1.6 : 0.2;
  const kind = weighted([
    [5, "lit"],
    [2.5, "dot"],
    [st.stars < 4 ? 1.2 : 0, "star"],
    [st.stars < 4 ? 0.9 : 0, "dstar"],
    [st.stars < 3 ? 0.3 : 0, "tstar"],
    [1, "q"],
    [groupWeight, "group"],
    [0.08, "emptygroup"],
    [0.25, "residualOpen"],
    [0.25, "residualClose"],
  ]);
  switch (kind) {
    case "lit":
      return genLiteral();
    case "dot":
      return ".";
    case "star":
      st.stars += 1;
      return "*";
    case "dstar":
      st.stars += 1;
      return "**";
    case "tstar":
      st.stars += 2;
      return "***";
    case "q":
      return "?";
    case "emptygroup":
      return "{}";
    case "residualOpen":
      return "{";
    case "residualClose":
      return "}";
    case "group": {
      const k = 1 + int(depth === 0 ? 4 : 3);
      const alts = [];
      for (let i = 0; i < k; i++) {
        let alt = weighted([
          [1.2, () => ""], // empty alternative: {a,} {,a} {a,,b} {,}
          [6, () => genSeq(depth + 1, 2, st)],
        ])();
        if (chance(0.12)) alt = "!" + alt; // {!a,b}
        alts.push(alt);
      }
      return "{" + alts.join(",") + "}";
    }
  }
  throw new Error("unreachable");
}

/** Special shapes that random composition rarely produces. */
function genSpecial(st) {
  return weighted([
    // chains of sequential groups around the depth limit (9 ok / 10 error)
    [1, () => {
      const n = 7 + int(5);
      let s = "";
      for (let i = 0; i < n; i++) s += chance(0.85) ? `{${pick(ASCII_WORDS)}}` : `{${pick(ASCII_WORDS)},}`;
      return s;
    }],
    // nested chains around the depth limit
    [1, () => {
      const n = 7 + int(5);
      let s = pick(ASCII_WORDS);
      for (let i = 0; i < n; i++) s = `{${pick(ASCII_WORDS)},${s}}`;
      return chance(0.5) ? s : s + "." + genSeq(1, 2, st);
    }],
    // mixed nested + sequential
    [1, () => `{a,{b,{c}}}${"{x}".repeat(4 + int(5))}`],
    // doublestar positions
    [1, () => `**.${genSeq(1, 2, st)}`],
    [1, () => `${genSeq(1, 2, st)}.**.${genSeq(1, 2, st)}`],
    [1, () => `${genSeq(1, 2, st)}.**`],
    [0.5, () => `${genSeq(1, 1, st)}***${genSeq(1, 1, st)}`],
    // empty segments
    [1, () => `${pick(ASCII_WORDS)}..${pick(ASCII_WORDS)}`],
    [0.7, () => `.${genSeq(1, 3, st)}`],
    [0.7, () => `${genSeq(1, 3, st)}.`],
    // brace edge cases
    [0.6, () => pick(["{a,}", "{,a}", "{a,,b}", "{,}", "x{,}", "{!a,b}", "{!a}", "!{a,b}", "{!{a,b},c}", "{{a,b}", "}{a,b}", "{a,b", "a}", "{{}}", "{a,{}}", "x{}"]) + (chance(0.5) ? "" : genSeq(1, 2, st))],
  ])();
}

function genPattern() {
  const st = { stars: 0 };
  let p = chance(0.2) ? genSpecial(st) : genSeq(0, 6, st);
  if (chance(0.12)) p = "!" + p;
  else if (chance(0.05)) p = "!!" + p;
  return p;
}

// ---------------------------------------------------------------------------------------------
// Path generator
// ---------------------------------------------------------------------------------------------
const PATH_CHARS = ["a", "b", "c", "x", "y", "0", "math", "add", "é", "中", "😀", "𝒳", "ß", "+", "^", "$", "(", ")", "|", "[", "]", "\\", "-", "{", "}", ",", "!", "*", "?", "_", " ", ":"];
const RARE_CHARS = ["\n", "\r", "\u2028", "\u2029", "\t", "\u0000", "\uFFFD"];

function randomRun(allowDot, maxLen = 4) {
  const n = int(maxLen + 1);
  let s = "";
  for (let i = 0; i < n; i++) {
    if (allowDot && chance(0.2)) s += ".";
    else if (chance(0.04)) s += pick(RARE_CHARS);
    else s += pick(PATH_CHARS);
  }
  return s;
}

function randomPath() {
  const segs = int(5);
  const parts = [];
  for (let i = 0; i < segs; i++) parts.push(chance(0.1) ? "" : randomRun(false, 3));
  return parts.join(".");
}

/** Tokenize a final (brace-free) glob string into doublestar / star / single / literal code points. */
function globTokens(text) {
  const out = [];
  let i = 0;
  while (i < text.length) {
    if (text[i] === "*") {
      if (text[i + 1] === "*") {
        out.push({ t: "dstar" });
        i += 2;
      } else {
        out.push({ t: "star" });
        i += 1;
      }
    } else if (text[i] === "?") {
      out.push({ t: "q" });
      i += 1;
    } else {
      const ch = String.fromCodePoint(text.codePointAt(i));
      out.push({ t: "lit", v: ch });
      i += ch.length;
    }
  }
  return out;
}

/** A path built from the pattern's structure, so that matches are frequent. */
function instantiate(node) {
  switch (node.kind) {
    case "not":
      return instantiate(node.inner);
    case "any":
      return instantiate(pick(node.items));
    case "glob": {
      let s = "";
      for (const tok of globTokens(node.text)) {
        if (tok.t === "lit") s += tok.v;
        else if (tok.t === "dstar") s += chance(0.3) ? "" : randomRun(true, 5);
        else if (tok.t === "star") s += chance(0.3) ? "" : randomRun(chance(0.05), 3);
        else s += chance(0.9) ? pick(["a", ".", "😀", "中", "é", "?", "*", "{"]) : pick(["", "ab", "\n", "\u2028"]);
      }
      return s;
    }
  }
  throw new Error("unreachable");
}

function mutate(path) {
  const cps = [...path];
  const op = int(5);
  if (op === 0 && cps.length) cps.splice(int(cps.length), 1); // delete
  else if (op === 1) cps.splice(int(cps.length + 1), 0, pick(["a", ".", "😀", "x", "\n"])); // insert
  else if (op === 2 && cps.length) cps[int(cps.length)] = pick(["b", ".", "中", "A"]); // replace
  else if (op === 3) return path + ".";
  else return "." + path;
  return cps.join("");
}

// ---------------------------------------------------------------------------------------------
// Coverage
// ---------------------------------------------------------------------------------------------
const FEATURES = {
  "brace group": (p) => /\{[^{}]*\}/.test(p),
  "nested braces": (p) => /\{[^{}]*\{[^{}]*\}[^{}]*\}/.test(p),
  "trailing empty alt {a,}": (p) => /[^{,],\}/.test(p),
  "leading empty alt {,a}": (p) => /\{,[^}]/.test(p),
  "middle empty alt {a,,b}": (p) => /\{[^{}]*[^{,],,[^,}][^{}]*\}/.test(p),
  "{,}": (p) => p.includes("{,}"),
  "empty group {}": (p) => p.includes("{}"),
  "leading !": (p) => /^![^!]/.test(p) || p === "!",
  "leading !!": (p) => /^!!/.test(p),
  "{!a,b} form": (p) => /\{!/.test(p),
  "non-leading literal !": (p) => /[^!{,]!/.test(p.replace(/^!+/, "")),
  "single *": (p) => /(^|[^*])\*([^*]|$)/.test(p),
  "** at start": (p) => /^!*\*\*/.test(p),
  "** in middle": (p) => /[^*!]\*\*[^*]/.test(p),
  "** at end": (p) => /[^*]\*\*$/.test(p),
  "***": (p) => p.includes("***"),
  "?": (p) => p.includes("?"),
  "empty segment a..b": (p) => p.includes(".."),
  "leading dot": (p) => /^!*\./.test(p),
  "trailing dot": (p) => p.endsWith("."),
  "é": (p) => p.includes("é"),
  "中": (p) => p.includes("中"),
  "😀 (astral)": (p) => p.includes("😀"),
  "__DOUBLESTAR__": (p) => p.includes("__DOUBLESTAR__"),
  ...Object.fromEntries(["+", "^", "$", "(", ")", "|", "[", "]", "\\", "-"].map((c) => [`meta ${c}`, (p) => p.includes(c)])),
};

/** Features that need the reference's view of the pattern. */
function semanticFeatures(pattern, codes, finals) {
  const f = [];
  if (codes.size === 0) f.push("valid");
  for (const c of codes) f.push(`error ${c}`);
  if (codes.size > 1) f.push("several possible errors");
  if (finals) {
    if (finals.some((s) => s.includes("{"))) f.push("residual unmatched {");
    if (finals.some((s) => s.includes("}"))) f.push("residual stray }");
    if (finals.length >= 2) f.push("expands to >= 2 alternatives");
    if (finals.some((s) => s.startsWith("!")) && finals.length >= 2) f.push("negated alternative");
  }
  return f;
}

// ---------------------------------------------------------------------------------------------
// The test
// ---------------------------------------------------------------------------------------------
const show = (s) => (s.length > 120 ? JSON.stringify(s.slice(0, 120)) + "…" : JSON.stringify(s));

test(`pattern matcher agrees with the reference (seed ${SEED}, ${PATTERNS} patterns)`, () => {
  console.log(`pattern-property seed=${SEED} (override with SLOTHOOK_PROP_SEED), patterns=${PATTERNS}`);
  rnd = mulberry32(SEED);
  const hooks = createHooks(true);
  const compileEngine = hooks.diag.hook.compilePattern;

  const coverage = Object.fromEntries(Object.keys(FEATURES).map((k) => [k, 0]));
  const bump = (k) => (coverage[k] = (coverage[k] ?? 0) + 1);
  const disagreements = [];
  let comparisons = 0;
  let trueCount = 0;
  let falseCount = 0;
  let invalidPatterns = 0;
  let derivedTrue = 0;
  const t0 = Date.now();

  for (let n = 0; n < PATTERNS; n++) {
    let pattern = genPattern();
    // keep generated patterns far below the §11 (m) limits
    let codes = referencePossibleErrors(pattern, 20000);
    let finals = null;
    try {
      finals = expandBraces(pattern.replace(/^!+/, ""));
    } catch {
      /* invalid; codes says why */
    }
    if (codes === null || codes.has("HOOK_PATTERN_TOO_COMPLEX") || (finals && finals.length > 300)) {
      n--;
      continue;
    }

    for (const [k, fn] of Object.entries(FEATURES)) if (fn(pattern)) bump(k);
    for (const k of semanticFeatures(pattern, codes, finals)) bump(k);

    // --- engine
    let engine;
    let engineErr = null;
    try {
      engine = compileEngine(pattern);
    } catch (e) {
      engineErr = e;
    }
    // --- reference
    let ref;
    let refErr = null;
    try {
      ref = referenceCompile(pattern);
    } catch (e) {
      refErr = e;
    }

    if (refErr || engineErr) {
      invalidPatterns++;
      comparisons++;
      const ok = refErr && engineErr && typeof engineErr.code === "string" && codes.has(engineErr.code);
      if (!ok) {
        disagreements.push({
          pattern,
          path: "(compile)",
          engine: engineErr ? `throws ${engineErr.code ?? engineErr.name}: ${engineErr.message}` : "compiles",
          reference: refErr ? `throws ${[...codes].join(" or ")}` : "compiles",
        });
      }
      continue;
    }

    // --- paths
    const tree = referenceParse(pattern);
    const paths = new Set([pattern]);
    for (let i = 0; i < 3; i++) paths.add(randomPath());
    for (let i = 0; i < 5; i++) {
      const p = instantiate(tree);
      paths.add(p);
      if (chance(0.35)) paths.add(mutate(p));
    }
    for (const path of paths) {
      comparisons++;
      let e;
      try {
        e = engine(path);
      } catch (err) {
        e = `throws ${err?.code ?? err?.name}: ${err?.message}`;
      }
      const r = ref(path);
      if (r) trueCount++;
      else falseCount++;
      if (e !== r) disagreements.push({ pattern, path, engine: e, reference: r });
    }
    // how often do structure-derived paths match?
    if (ref(instantiate(tree))) derivedTrue++;
  }

  const ms = Date.now() - t0;
  console.log(
    `${PATTERNS} patterns, ${comparisons} comparisons (${trueCount} match, ${falseCount} no match, ` +
      `${invalidPatterns} invalid patterns), ${ms} ms`,
  );
  console.log("coverage (patterns having the feature):");
  for (const [k, v] of Object.entries(coverage)) console.log(`  ${k.padEnd(32)} ${v}`);

  if (disagreements.length) {
    console.log(`${disagreements.length} disagreement(s); first 20:`);
    for (const d of disagreements.slice(0, 20)) {
      console.log(`  pattern=${show(d.pattern)} path=${show(d.path)} engine=${d.engine} reference=${d.reference}`);
    }
  }

  // the generator demonstrably covers every feature
  for (const [k, v] of Object.entries(coverage)) assert.ok(v > 0, `generator never produced: ${k}`);
  for (const k of [
    "valid",
    "error INVALID_HOOK_PATTERN",
    "error HOOK_BRACE_EXPANSION_MAX_DEPTH",
    "residual unmatched {",
    "residual stray }",
    "expands to >= 2 alternatives",
    "negated alternative",
  ]) {
    assert.ok((coverage[k] ?? 0) > 0, `generator never produced: ${k}`);
  }
  assert.ok(PATTERNS < 5000 || comparisons >= 5000 * 5, `too few comparisons: ${comparisons}`);
  // matches must be frequent, not only mismatches
  assert.ok(trueCount > comparisons * 0.2, `too few matching paths: ${trueCount}/${comparisons}`);
  assert.ok(falseCount > comparisons * 0.2, `too few non-matching paths: ${falseCount}/${comparisons}`);
  assert.ok(derivedTrue > 0);

  assert.equal(
    disagreements.length,
    0,
    `${disagreements.length} disagreement(s) between engine and reference; first: ` +
      JSON.stringify(disagreements.slice(0, 20), null, 1),
  );
});
