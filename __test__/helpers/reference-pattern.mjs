// Independent reference implementation of slothook's pattern language (STANDALONE behaviour),
// written from /work/shared/spec/hook-semantics.md §4 and §11 (b), (c), (d), (l), (m), §11.10 only.
// It shares no code with the engine and is deliberately simple rather than fast:
//   * brace expansion is the literal recursive algorithm of §4.3 (expand the first group, recurse);
//   * negation / alternatives follow §4.1 steps 1–4;
//   * each final string becomes an anchored JavaScript RegExp with the `u` flag (§4.1 step 5), so
//     `?` and the negated classes work on Unicode code points (§11 (l)).
//
// Standalone differences from slothlet 3.12 implemented here:
//   (b) an empty brace group `{}` taking part in expansion → INVALID_HOOK_PATTERN; non-string → same
//   (c) `__DOUBLESTAR__` is literal text (only `*` forms stars)
//   (d) a trailing empty alternative is kept (`{a,}` → ["a", ""])
//   (l) `?` = one code point other than LF, CR, U+2028, U+2029; lone surrogates in a pattern →
//       INVALID_HOOK_PATTERN; a path with a lone surrogate never matches ("ignored by matching")
//   (m) pattern text > 65536 UTF-8 bytes, or > 10000 expanded alternatives → HOOK_PATTERN_TOO_COMPLEX
//   §11.10 residual braces (a `{` without partner, and anything after it) are literal characters.

export const MAX_BRACE_DEPTH = 10; // entering this level fails
export const MAX_PATTERN_BYTES = 65536;
export const MAX_ALTERNATIVES = 10000;

export class ReferencePatternError extends Error {
  constructor(code, message, context) {
    super(`[${code}] ${message}`);
    this.name = "ReferencePatternError";
    this.code = code;
    this.context = context;
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function isWellFormed(s) {
  return !LONE_SURROGATE.test(s);
}

function utf8Bytes(s) {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0);
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

/** §4.3 step 2: index of the partner `}` of the `{` at `open`, or -1. */
function findPartner(s, open) {
  let count = 1;
  for (let i = open + 1; i < s.length; i++) {
    const c = s[i];
    if (c === "{") count++;
    else if (c === "}") {
      count--;
      if (count === 0) return i;
    }
  }
  return -1;
}

/** §4.3 step 3 (standalone §11 (d)): split on top-level commas, keep every piece; "" → []. */
function splitAlternatives(content) {
  if (content === "") return [];
  const pieces = [];
  let level = 0;
  let start = 0;
  for (let i = 0; i < content.length; i++) {
    const c = content[i];
    if (c === "{") level++;
    else if (c === "}") level--;
    else if (c === "," && level === 0) {
      pieces.push(content.slice(start, i));
      start = i + 1;
    }
  }
  pieces.push(content.slice(start));
  return pieces;
}

/**
 * §4.3 brace expansion of one string. Throws on depth (HOOK_BRACE_EXPANSION_MAX_DEPTH), on an empty
 * group (INVALID_HOOK_PATTERN) and on too many alternatives (HOOK_PATTERN_TOO_COMPLEX), whichever the
 * depth-first walk meets first.
 */
export function expandBraces(pattern) {
  const out = [];
  const walk = (s, depth) => {
    if (depth >= MAX_BRACE_DEPTH) {
      throw new ReferencePatternError(
        "HOOK_BRACE_EXPANSION_MAX_DEPTH",
        `Brace expansion in hook pattern exceeds the maximum nesting depth of ${MAX_BRACE_DEPTH}.`,
        { maxDepth: MAX_BRACE_DEPTH },
      );
    }
    const open = s.indexOf("{");
    const close = open < 0 ? -1 : findPartner(s, open);
    if (close < 0) {
      // no `{`, or the first `{` has no partner: the whole string is final (and literal)
      out.push(s);
      if (out.length > MAX_ALTERNATIVES) {
        throw new ReferencePatternError("HOOK_PATTERN_TOO_COMPLEX", "too many alternatives", {
          pattern,
          limit: MAX_ALTERNATIVES,
        });
      }
      return;
    }
    const prefix = s.slice(0, open);
    const suffix = s.slice(close + 1);
    const pieces = splitAlternatives(s.slice(open + 1, close));
    if (pieces.length === 0) {
      throw new ReferencePatternError(
        "INVALID_HOOK_PATTERN",
        `Invalid hook pattern "${pattern}": empty brace group '{}' has no alternatives`,
        { pattern, reason: "empty brace group '{}' has no alternatives" },
      );
    }
    for (const piece of pieces) walk(prefix + piece + suffix, depth + 1);
  };
  walk(pattern, 0);
  return out;
}

const SYNTAX = new Set(["^", "$", "\\", ".", "*", "+", "?", "(", ")", "[", "]", "{", "}", "|", "/"]);
const NOT_LINE_TERMINATOR = "[^\\n\\r\\u2028\\u2029]";

/** §4.1 step 5: a final string → regex source (anchoring added by the caller). */
export function globToRegexSource(glob) {
  let re = "";
  let i = 0;
  while (i < glob.length) {
    if (glob[i] === "*") {
      if (glob[i + 1] === "*") {
        re += NOT_LINE_TERMINATOR + "*"; // doublestar
        i += 2;
      } else {
        re += "[^.]*"; // star
        i += 1;
      }
      continue;
    }
    if (glob[i] === "?") {
      re += NOT_LINE_TERMINATOR; // one code point (u flag)
      i += 1;
      continue;
    }
    const cp = glob.codePointAt(i);
    const ch = String.fromCodePoint(cp);
    re += SYNTAX.has(ch) ? "\\" + ch : ch;
    i += ch.length;
  }
  return re;
}

/**
 * §4.1 as a tree: { kind: "not", inner } | { kind: "any", items } | { kind: "glob", text }.
 * Recompilation of an expanded string starts from step 1 with a fresh depth (the strings are final).
 */
export function referenceParse(pattern) {
  if (pattern.startsWith("!")) return { kind: "not", inner: referenceParse(pattern.slice(1)) };
  const list = expandBraces(pattern);
  if (list.length >= 2) return { kind: "any", items: list.map(referenceParse) };
  return { kind: "glob", text: list[0] };
}

function treeToMatcher(node) {
  switch (node.kind) {
    case "not": {
      const inner = treeToMatcher(node.inner);
      return (p) => !inner(p);
    }
    case "any": {
      const items = node.items.map(treeToMatcher);
      return (p) => items.some((m) => m(p));
    }
    case "glob": {
      // A wildcard-free glob is a plain literal; compare strings directly (V8 rejects regexes built
      // from very long literals, e.g. the 65536-byte §11 (m) boundary case).
      if (!/[*?]/.test(node.text)) {
        const text = node.text;
        return (p) => p === text;
      }
      const re = new RegExp("^(?:" + globToRegexSource(node.text) + ")$", "u");
      return (p) => re.test(p);
    }
  }
  throw new Error("unreachable");
}

function validate(pattern) {
  if (typeof pattern !== "string") {
    throw new ReferencePatternError(
      "INVALID_HOOK_PATTERN",
      `Invalid hook pattern "${String(pattern)}": expected a string, received ${typeof pattern}`,
      { pattern, reason: `expected a string, received ${typeof pattern}` },
    );
  }
  if (!isWellFormed(pattern)) {
    throw new ReferencePatternError("INVALID_HOOK_PATTERN", "pattern contains a lone surrogate", {
      pattern,
      reason: "lone surrogate",
    });
  }
  if (utf8Bytes(pattern) > MAX_PATTERN_BYTES) {
    throw new ReferencePatternError("HOOK_PATTERN_TOO_COMPLEX", "pattern text too long", {
      pattern,
      limit: MAX_PATTERN_BYTES,
    });
  }
}

/** Compile `pattern` (standalone semantics). Returns `(path) => boolean`; throws errors with `.code`. */
export function referenceCompile(pattern) {
  validate(pattern);
  const match = treeToMatcher(referenceParse(pattern));
  return (path) => {
    const s = String(path);
    if (!isWellFormed(s)) return false; // §11 (l): such a path is ignored by matching
    return match(s);
  };
}

/**
 * Every error code a conforming engine could legitimately raise for `pattern`. The spec does not
 * order the checks when a pattern has several defects (e.g. an empty group on one expansion chain
 * and a too-deep chain elsewhere), so this explores every chain instead of stopping at the first
 * error. Returns a Set (empty when the pattern is valid). `budget` bounds the exploration; when it
 * is exhausted, `null` is returned (caller should then only compare "throws or not").
 */
export function referencePossibleErrors(pattern, budget = 200000) {
  const codes = new Set();
  if (typeof pattern !== "string" || !isWellFormed(pattern)) codes.add("INVALID_HOOK_PATTERN");
  if (typeof pattern !== "string") return codes;
  if (utf8Bytes(pattern) > MAX_PATTERN_BYTES) codes.add("HOOK_PATTERN_TOO_COMPLEX");
  let finals = 0;
  let steps = 0;
  const walk = (s, depth) => {
    if (++steps > budget) throw new RangeError("budget");
    if (depth >= MAX_BRACE_DEPTH) {
      codes.add("HOOK_BRACE_EXPANSION_MAX_DEPTH");
      return;
    }
    const open = s.indexOf("{");
    const close = open < 0 ? -1 : findPartner(s, open);
    if (close < 0) {
      finals++;
      return;
    }
    const pieces = splitAlternatives(s.slice(open + 1, close));
    if (pieces.length === 0) {
      codes.add("INVALID_HOOK_PATTERN");
      return;
    }
    for (const piece of pieces) walk(s.slice(0, open) + piece + s.slice(close + 1), depth + 1);
  };
  const strip = pattern.replace(/^!+/, ""); // negation does not count towards anything
  try {
    walk(strip, 0);
  } catch (e) {
    if (e instanceof RangeError && e.message === "budget") return null;
    throw e;
  }
  if (finals > MAX_ALTERNATIVES) codes.add("HOOK_PATTERN_TOO_COMPLEX");
  return codes;
}

// ------------------------------------------------------------------------------------------------
// Fixed cases transcribed from the spec (standalone column). Used by reference-pattern.test.mjs
// (reference self-test) and pattern-table.test.mjs (engine, via compilePattern and via hook firing).
// Each row: { ref, pattern, match: [...paths], noMatch: [...paths], error?: code, firing?: false }
// (`firing: false` = row not applicable to the hook-firing variant).
// `ref` names the spec location; rows marked "(derived)" follow from the §4.1 token definitions
// rather than being printed verbatim in a table.
// ------------------------------------------------------------------------------------------------

const rep = (s, n) => s.repeat(n);
const digits = "{0,1,2,3,4,5,6,7,8,9}";
const nested = (letters) => {
  // {a,{b,{c,...{x,y}}}} with letters.length - 1 levels
  let s = letters[letters.length - 1];
  for (let i = letters.length - 2; i >= 0; i--) s = `{${letters[i]},${s}}`;
  return s;
};

export const SPEC_CASES = [
  // §4.2 semantics table
  { ref: "§4.2", pattern: "math.add", match: ["math.add"], noMatch: ["math.ad", "math.addx", "Math.add", "math", "", "math.add.x", "xmath.add"] },
  { ref: "§4.2", pattern: "math.*", match: ["math.add", "math."], noMatch: ["math", "math.advanced.add"] },
  { ref: "§4.2", pattern: "*", match: ["math", ""], noMatch: ["math.add"] },
  { ref: "§4.2", pattern: "*.add", match: ["math.add", "user.add"], noMatch: ["math.sub", "add"] },
  { ref: "§4.2", pattern: "*.*.*", match: ["a.b.c", "a.."], noMatch: ["a.b", "a", "a.b.c.d"] },
  { ref: "§4.2", pattern: "**", match: ["", "a", "a.b.c", "..", "😀.中.é"], noMatch: ["a\nb", "a\rb", "a\u2028b", "a\u2029b"] },
  { ref: "§4.2", pattern: "a.**", match: ["a.", "a.b", "a.b.c"], noMatch: ["a"] },
  { ref: "§4.2", pattern: "**.b", match: [".b", "a.b", "x.y.b"], noMatch: ["b"] },
  { ref: "§4.2", pattern: "a.**.b", match: ["a.x.b", "a.x.y.b"], noMatch: ["a.b"] },
  { ref: "§4.2", pattern: "a**", match: ["a", "ab", "a.b"], noMatch: ["b"] },
  { ref: "§4.2", pattern: "***", match: ["", "a", "a.b.c", "..x.."], noMatch: [] },
  { ref: "§4.2", pattern: "**.*.*", match: ["a.b.c", "advanced.selfObject.addViaSelf"], noMatch: ["a.b", "a"] },
  { ref: "§4.2", pattern: "a?c", match: ["abc", "a.c"], noMatch: ["ac", "abbc"] },
  { ref: "§4.2", pattern: "tes?", match: ["test"], noMatch: ["tes"] },
  { ref: "§4.2", pattern: "[ab]", match: ["[ab]"], noMatch: ["a", "b", "[a]"] },
  { ref: "§4.2", pattern: "a\\b", match: ["a\\b"], noMatch: ["ab", "a\b"] },
  { ref: "§4.2", pattern: "a+", match: ["a+"], noMatch: ["aa", "a"] },
  { ref: "§4.2", pattern: "MATH.*", match: ["MATH.add"], noMatch: ["math.add"] },
  { ref: "§4.2", pattern: "!math.*", match: ["string.upper", "math.a.b", "math"], noMatch: ["math.add"] },
  { ref: "§4.2", pattern: "!!math.*", match: ["math.add"], noMatch: ["x"] },
  { ref: "§4.2", pattern: "!internal.*", match: ["math.add"], noMatch: ["internal.x"] },
  { ref: "§4.2", pattern: "{math,string}.*", match: ["math.add", "string.upper"], noMatch: ["util.x"] },
  { ref: "§4.2", pattern: "*.{add,update,delete}", match: ["db.add", "x.delete"], noMatch: ["db.get"] },
  { ref: "§4.2", pattern: "{math,string}.{add,upper}", match: ["math.add", "math.upper", "string.add", "string.upper"], noMatch: ["math.sub"] },
  { ref: "§4.2", pattern: "{a,{b,c}}.x", match: ["a.x", "b.x", "c.x"], noMatch: ["d.x"] },
  { ref: "§4.2", pattern: "!{a,b}", match: ["c"], noMatch: ["a", "b"] },
  { ref: "§4.2", pattern: "!{a}", match: ["b"], noMatch: ["a"] },
  { ref: "§4.2", pattern: "{!a,b}", match: ["b", "c"], noMatch: ["a"] },
  { ref: "§4.2", pattern: "{!a}", match: ["!a"], noMatch: ["a", "b"] },
  { ref: "§4.2", pattern: "x{!a,b}", match: ["x!a", "xb"], noMatch: ["xa"] },
  { ref: "§4.2", pattern: "{!{a,b},c}", match: ["a", "b", "c", "", "zz"], noMatch: [] },
  { ref: "§4.2", pattern: "a{1,2}b", match: ["a1b", "a2b"], noMatch: ["a12b"] },
  { ref: "§4.2", pattern: "x{1}", match: ["x1"], noMatch: ["x{1}"] },
  { ref: "§4.2", pattern: "a{2}", match: ["a2"], noMatch: ["aa"] },
  { ref: "§4.2 + §11 (d)", pattern: "{a,}", match: ["a", ""], noMatch: ["b", "a,"] },
  { ref: "§4.2", pattern: "{,a}", match: ["a", ""], noMatch: ["b"] },
  { ref: "§4.2", pattern: "{a,,b}", match: ["a", "", "b"], noMatch: ["ab"] },
  { ref: "§4.2", pattern: "{,}", match: [""], noMatch: ["x", ","] },
  { ref: "§4.2", pattern: "x{,}", match: ["x"], noMatch: [""] },
  { ref: "§4.2", pattern: "math.{unclosed", match: ["math.{unclosed"], noMatch: ["math.unclosed"] },
  { ref: "§4.2", pattern: "a}", match: ["a}"], noMatch: ["a"] },
  { ref: "§4.2", pattern: "}{a,b}", match: ["}a", "}b"], noMatch: ["}{a,b}", "a"] },
  { ref: "§4.2 + §11 (c)", pattern: "__DOUBLESTAR__", match: ["__DOUBLESTAR__"], noMatch: ["a.b", "", "x"] },
  { ref: "§4.2 + §11 (d)", pattern: "{math,add,}", match: ["math", "add", ""], noMatch: ["x"] },
  { ref: "§4.2", pattern: "", match: [""], noMatch: ["a", " "] },

  // §4.1 runs of stars, tokens (derived)
  { ref: "§4.1 (derived)", pattern: "***", match: ["a\nb"], noMatch: ["a\n.b"] },
  { ref: "§4.1 (derived)", pattern: "****", match: ["", "a.b.c"], noMatch: ["a\nb"] },
  { ref: "§4.1 (derived)", pattern: "*", match: ["a\nb", "\u2028"], noMatch: ["."] },
  { ref: "§4.1 (derived)", pattern: "!", match: ["a", "!", "."], noMatch: [""] },
  { ref: "§4.1 (derived)", pattern: "a!b", match: ["a!b"], noMatch: ["ab"] },
  { ref: "§4.1 (derived)", pattern: "^$()|-,", match: ["^$()|-,"], noMatch: ["", "^$()|-"] },

  // §4.3 brace expansion and the depth table
  { ref: "§4.3", pattern: "{{a,b}", match: ["{{a,b}"], noMatch: ["{a", "{b", "a", "{a,b}"] },
  { ref: "§4.3", pattern: "{a}{b}{c}{d}{e}{f}{g}{h}{i}", match: ["abcdefghi"], noMatch: ["abcdefgh"] },
  { ref: "§4.3", pattern: "{a}{b}{c}{d}{e}{f}{g}{h}{i}{j}", error: "HOOK_BRACE_EXPANSION_MAX_DEPTH" },
  { ref: "§4.3", pattern: nested("abcdefghij"), match: [..."abcdefghij"], noMatch: ["k", ""] },
  { ref: "§4.3", pattern: nested("abcdefghijk"), error: "HOOK_BRACE_EXPANSION_MAX_DEPTH" },
  { ref: "§4.3", pattern: nested("abcdefghijkl"), error: "HOOK_BRACE_EXPANSION_MAX_DEPTH" },
  { ref: "§4.3 (negation does not count)", pattern: "!{a}{b}{c}{d}{e}{f}{g}{h}{i}", match: ["x"], noMatch: ["abcdefghi"] },
  { ref: "§4.3 (negation does not count)", pattern: "!!{a}{b}{c}{d}{e}{f}{g}{h}{i}", match: ["abcdefghi"], noMatch: ["x"] },
  { ref: "§4.3 + §11 (b) (derived: the 10th group is empty, so level 10 is never entered)", pattern: "{a}{b}{c}{d}{e}{f}{g}{h}{i}{}", error: "INVALID_HOOK_PATTERN" },
  { ref: "§4.3 (derived)", pattern: "{a,b}{c}{d}{e}{f}{g}{h}{i}{j}", match: ["acdefghij", "bcdefghij"], noMatch: ["abcdefghij"] },

  // §4.4 residual braces — standalone §11.10: literal characters
  { ref: "§4.4/§11.10", pattern: "{{1}", match: ["{{1}"], noMatch: ["{", "{1"] },
  { ref: "§4.4/§11.10", pattern: "{a{2}", match: ["{a{2}"], noMatch: ["{aa"] },
  { ref: "§4.4/§11.10", pattern: "{*{2}", match: ["{x{2}", "{{2}", "{{2}{2}"], noMatch: ["{x.y{2}", "{"] },
  { ref: "§4.4", pattern: "a{b", match: ["a{b"], noMatch: ["ab"] },
  { ref: "§4.4", pattern: "{a,b", match: ["{a,b"], noMatch: ["a", "b"] },
  { ref: "§4.3 (derived: looks like a regex quantifier, is a group)", pattern: "x.{1,3}", match: ["x.1", "x.3"], noMatch: ["x.", "x.{1,3}"] },
  { ref: "§4.3/§4.4 + §11 (d) (derived)", pattern: "a{2,}{", match: ["a2{", "a{"], noMatch: ["aa", "a{2,}{", "a2"] },

  // §4.6 / §11 (b): empty groups and non-strings
  { ref: "§11 (b)", pattern: "{}", error: "INVALID_HOOK_PATTERN" },
  { ref: "§11 (b)", pattern: "x{}", error: "INVALID_HOOK_PATTERN" },
  { ref: "§11 (b)", pattern: "math.{}", error: "INVALID_HOOK_PATTERN" },
  { ref: "§11 (b)", pattern: "{{}}", error: "INVALID_HOOK_PATTERN" },
  { ref: "§11 (b)", pattern: "{a,{}}", error: "INVALID_HOOK_PATTERN" },
  { ref: "§11 (b)", pattern: "!{}", error: "INVALID_HOOK_PATTERN" },
  { ref: "§11 (b)", pattern: "{a,b}{}", error: "INVALID_HOOK_PATTERN" },
  { ref: "§11 (b) (derived: residual, not expanded)", pattern: "{x{}", match: ["{x{}"], noMatch: ["{x"] },
  { ref: "§11 (b) (derived: residual, not expanded)", pattern: "}{", match: ["}{"], noMatch: [""] },
  { ref: "§11 (b)", pattern: 123, error: "INVALID_HOOK_PATTERN" },
  { ref: "§11 (b)", pattern: null, error: "INVALID_HOOK_PATTERN" },
  { ref: "§11 (b)", pattern: undefined, error: "INVALID_HOOK_PATTERN", firing: false }, // options.pattern undefined = no override (§3.2 step 2)
  { ref: "§11 (b)", pattern: {}, error: "INVALID_HOOK_PATTERN" },
  { ref: "§11 (b)", pattern: ["a"], error: "INVALID_HOOK_PATTERN" },

  // §11 (l): `?` = one code point; lone surrogates in patterns are invalid
  { ref: "§11 (l)", pattern: "?", match: ["😀", "é", "中", ".", "a", "\t"], noMatch: ["", "\n", "\r", "\u2028", "\u2029", "😀😀", "ab"] },
  { ref: "§11 (l)", pattern: "??", match: ["ab", "😀😀", "a😀"], noMatch: ["😀", "a"] },
  { ref: "§11 (l)", pattern: "a?c", match: ["a😀c", "a中c"], noMatch: ["a😀😀c"] },
  { ref: "§11 (l)", pattern: "😀.*", match: ["😀.x", "😀."], noMatch: ["😀", "x.x"] },
  { ref: "§11 (l)", pattern: "{😀,中}?", match: ["😀é", "中😀"], noMatch: ["😀", "é😀"] },
  { ref: "§11 (l)", pattern: "\uD83D", error: "INVALID_HOOK_PATTERN" },
  { ref: "§11 (l)", pattern: "a.\uDE00", error: "INVALID_HOOK_PATTERN" },
  { ref: "§11 (l)", pattern: "{a,\uD83D}", error: "INVALID_HOOK_PATTERN" },

  // §11 (m): size limits (limits from the README: 65,536 bytes, 10,000 alternatives)
  { ref: "§11 (m)", pattern: rep("a", 65536), match: [rep("a", 65536)], noMatch: [rep("a", 65535)] },
  { ref: "§11 (m)", pattern: rep("a", 65537), error: "HOOK_PATTERN_TOO_COMPLEX" },
  { ref: "§11 (m) (bytes, not code units)", pattern: rep("é", 32769), error: "HOOK_PATTERN_TOO_COMPLEX" },
  { ref: "§11 (m)", pattern: rep(digits, 4), match: ["0000", "9999", "1234"], noMatch: ["123", "12345"] },
  { ref: "§11 (m)", pattern: `{${rep(digits, 4)},x}`, error: "HOOK_PATTERN_TOO_COMPLEX" },
  { ref: "§11 (m)", pattern: rep(digits, 5), error: "HOOK_PATTERN_TOO_COMPLEX" },
  { ref: "§11 (m)", pattern: rep(digits, 9), error: "HOOK_PATTERN_TOO_COMPLEX" },
];
