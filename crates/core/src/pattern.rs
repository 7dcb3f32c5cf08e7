//! The pattern language (spec §4, standalone rules of §11).
//!
//! A pattern is matched against a whole dotted path, case-sensitively:
//!
//! | token | matches |
//! | --- | --- |
//! | `**` | any run of characters except LF, CR, U+2028, U+2029 — dots included |
//! | `*` | any run of characters except `.` |
//! | `?` | exactly one code point except LF, CR, U+2028, U+2029 — dots included |
//! | `{a,b}` | brace expansion: `a` or `b` (nesting allowed, 9 groups per expansion chain) |
//! | leading `!` | negation of the rest |
//! | anything else | itself (no character classes, no escapes; an unpartnered `{` is literal) |
//!
//! Compilation follows §4.1: negation first (recursively), then brace
//! expansion; two or more expanded strings are compiled independently (so an
//! expanded string starting with `!` is a negation) and OR-ed, exactly one is
//! compiled as a plain glob (`{!a}` is the literal `!a`).
//!
//! Globs are compiled to the `regex` crate. globset, the usual glob crate, is
//! built on the same engine but implements a path dialect (separators, `**`
//! swallowing a separator, so `a.**.b` would match `a.b`); slothlet's dialect
//! needs its own translation. The `regex` crate gives linear-time matching
//! (no backtracking blow-up on hostile paths) and compiles the positive
//! alternatives of one pattern into a single automaton.
//!
//! Bounds (§11 (m)): at most [`MAX_PATTERN_BYTES`] of pattern text,
//! [`MAX_ALTERNATIVES`] expanded strings and [`MAX_EXPANDED_BYTES`] of text
//! built during expansion; the budget is checked while expanding, so nine
//! groups of ten alternatives are refused in microseconds instead of being
//! enumerated.

use regex::{Regex, RegexBuilder};

use crate::error::Error;

/// Entering this brace-expansion level fails (spec §4.3).
pub const MAX_BRACE_DEPTH: u32 = 10;
/// Longest accepted pattern text, in bytes.
pub const MAX_PATTERN_BYTES: usize = 65_536;
/// Most strings a pattern's brace expansion may produce.
pub const MAX_ALTERNATIVES: usize = 10_000;
/// Most bytes of text brace expansion may build (all intermediate strings).
pub const MAX_EXPANDED_BYTES: usize = 4 << 20;
/// Size limit handed to the regex compiler.
const REGEX_SIZE_LIMIT: usize = 64 << 20;

const EMPTY_GROUP: &str = "empty brace group '{}' has no alternatives";

/// The regex for `**`: anything but line terminators.
const DOUBLESTAR: &str = r"[^\n\r\x{2028}\x{2029}]*";
/// The regex for `*`: anything but a dot.
const STAR: &str = r"[^.]*";
/// The regex for `?`: one code point that is not a line terminator.
const SINGLE: &str = r"[^\n\r\x{2028}\x{2029}]";

/// A compiled pattern.
#[derive(Clone, Debug)]
pub struct Pattern {
    text: String,
    matcher: Matcher,
    keys: Option<Vec<String>>,
}

#[derive(Clone, Debug)]
enum Matcher {
    /// A glob without wildcards: string equality.
    Literal(String),
    /// One or more globs OR-ed in one anchored regex.
    Regex(Regex),
    /// Negation of the inner matcher.
    Not(Box<Matcher>),
    /// Any of several matchers (positive alternatives merged first).
    Any(Vec<Matcher>),
}

impl Matcher {
    fn is_match(&self, path: &str) -> bool {
        match self {
            Matcher::Literal(s) => s == path,
            Matcher::Regex(r) => r.is_match(path),
            Matcher::Not(m) => !m.is_match(path),
            Matcher::Any(ms) => ms.iter().any(|m| m.is_match(path)),
        }
    }
}

/// Work counters for one compilation.
struct Budget<'a> {
    pattern: &'a str,
    alternatives: usize,
    bytes: usize,
}

impl Budget<'_> {
    fn too_complex(&self, limit: String) -> Error {
        Error::PatternTooComplex {
            pattern: self.pattern.to_owned(),
            limit,
        }
    }

    fn spend(&mut self, bytes: usize) -> Result<(), Error> {
        self.bytes += bytes;
        if self.bytes > MAX_EXPANDED_BYTES {
            return Err(self.too_complex(format!("{MAX_EXPANDED_BYTES} bytes of expanded text")));
        }
        Ok(())
    }
}

impl Pattern {
    /// Compiles `pattern` (spec §4.1–§4.4 with §11 (b)(c)(d)(l)(m)).
    ///
    /// Errors: [`Error::BraceExpansionMaxDepth`], [`Error::InvalidHookPattern`]
    /// (an empty brace group taking part in expansion) and
    /// [`Error::PatternTooComplex`].
    pub fn compile(pattern: &str) -> Result<Pattern, Error> {
        let mut budget = Budget {
            pattern,
            alternatives: 0,
            bytes: 0,
        };
        if pattern.len() > MAX_PATTERN_BYTES {
            return Err(budget.too_complex(format!("{MAX_PATTERN_BYTES} bytes of pattern text")));
        }
        let (matcher, keys) = compile_full(pattern, &mut budget)?;
        Ok(Pattern {
            text: pattern.to_owned(),
            matcher,
            keys,
        })
    }

    /// Whether the compiled pattern matches the whole `path`.
    pub fn is_match(&self, path: &str) -> bool {
        self.matcher.is_match(path)
    }

    /// The pattern text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// First-segment keys for the plan index: `Some(keys)` when every path
    /// this pattern can match has its first segment (the text before the first
    /// `.`, or the whole path) among `keys`; `None` when no such promise can be
    /// made (negations, a wildcard in the first segment).
    pub fn first_segment_keys(&self) -> Option<Vec<String>> {
        self.keys.clone()
    }
}

/// The first segment of a path: the text before its first dot.
pub fn first_segment(path: &str) -> &str {
    path.split_once('.').map_or(path, |(head, _)| head)
}

/// Step 1–4 of §4.1 for one string; returns the matcher and its index keys.
fn compile_full(s: &str, budget: &mut Budget) -> Result<(Matcher, Option<Vec<String>>), Error> {
    if let Some(rest) = s.strip_prefix('!') {
        let (inner, _) = compile_full(rest, budget)?;
        return Ok((Matcher::Not(Box::new(inner)), None));
    }
    let mut expanded = Vec::new();
    expand(s, 0, &mut expanded, budget)?;
    if expanded.len() == 1 {
        let glob = expanded.pop().unwrap_or_default();
        let keys = glob_key(&glob).map(|k| vec![k]);
        return Ok((compile_globs(&[glob], budget)?, keys));
    }
    // Two or more strings: each from step 1, OR-ed. Positive globs are merged
    // into one regex; negations stay separate.
    let mut positives = Vec::new();
    let mut others = Vec::new();
    let mut keys: Option<Vec<String>> = Some(Vec::new());
    for alt in expanded {
        if alt.starts_with('!') {
            others.push(compile_full(&alt, budget)?.0);
            keys = None;
        } else {
            match (glob_key(&alt), keys.as_mut()) {
                (Some(k), Some(ks)) => ks.push(k),
                _ => keys = None,
            }
            positives.push(alt);
        }
    }
    if let Some(ks) = keys.as_mut() {
        ks.sort();
        ks.dedup();
    }
    if !positives.is_empty() {
        others.insert(0, compile_globs(&positives, budget)?);
    }
    let matcher = if others.len() == 1 {
        others.pop().unwrap_or(Matcher::Any(Vec::new()))
    } else {
        Matcher::Any(others)
    };
    Ok((matcher, keys))
}

/// The index key of a plain glob: its first segment, when that is literal.
fn glob_key(glob: &str) -> Option<String> {
    let head = first_segment(glob);
    if head.contains(['*', '?']) {
        None
    } else {
        Some(head.to_owned())
    }
}

fn has_wildcard(glob: &str) -> bool {
    glob.contains(['*', '?'])
}

/// Compiles plain globs (step 5) into one matcher that accepts any of them.
fn compile_globs(globs: &[String], budget: &mut Budget) -> Result<Matcher, Error> {
    if globs.len() == 1 && !has_wildcard(&globs[0]) {
        return Ok(Matcher::Literal(globs[0].clone()));
    }
    let mut source = String::from(r"\A(?:");
    for (i, glob) in globs.iter().enumerate() {
        if i > 0 {
            source.push('|');
        }
        glob_regex(glob, &mut source);
    }
    source.push_str(r")\z");
    RegexBuilder::new(&source)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map(Matcher::Regex)
        .map_err(|_| budget.too_complex(format!("{REGEX_SIZE_LIMIT} bytes of compiled matcher")))
}

/// Appends the regex for one plain glob (no anchors).
fn glob_regex(glob: &str, out: &mut String) {
    let mut chars = glob.chars().peekable();
    let mut buf = [0u8; 4];
    while let Some(c) = chars.next() {
        match c {
            '*' => {
                let mut run = 1;
                while chars.peek() == Some(&'*') {
                    chars.next();
                    run += 1;
                }
                for _ in 0..run / 2 {
                    out.push_str(DOUBLESTAR);
                }
                if run % 2 == 1 {
                    out.push_str(STAR);
                }
            }
            '?' => out.push_str(SINGLE),
            _ => out.push_str(&regex::escape(c.encode_utf8(&mut buf))),
        }
    }
}

/// Brace expansion (§4.3 with §11 (b)(d)), appending final strings to `out`.
fn expand(s: &str, depth: u32, out: &mut Vec<String>, budget: &mut Budget) -> Result<(), Error> {
    if depth >= MAX_BRACE_DEPTH {
        return Err(Error::BraceExpansionMaxDepth {
            max_depth: MAX_BRACE_DEPTH,
        });
    }
    let Some(open) = s.find('{') else {
        return push_final(s, out, budget);
    };
    let Some(close) = partner(s, open) else {
        // No partner: the whole string is final and literal.
        return push_final(s, out, budget);
    };
    let prefix = &s[..open];
    let content = &s[open + 1..close];
    let suffix = &s[close + 1..];
    if content.is_empty() {
        return Err(Error::InvalidHookPattern {
            pattern: budget.pattern.to_owned(),
            reason: EMPTY_GROUP.to_owned(),
        });
    }
    for piece in split_top_level(content) {
        let next_len = prefix.len() + piece.len() + suffix.len();
        budget.spend(next_len)?;
        let mut next = String::with_capacity(next_len);
        next.push_str(prefix);
        next.push_str(piece);
        next.push_str(suffix);
        expand(&next, depth + 1, out, budget)?;
    }
    Ok(())
}

fn push_final(s: &str, out: &mut Vec<String>, budget: &mut Budget) -> Result<(), Error> {
    budget.alternatives += 1;
    if budget.alternatives > MAX_ALTERNATIVES {
        return Err(budget.too_complex(format!("{MAX_ALTERNATIVES} brace alternatives")));
    }
    budget.spend(s.len())?;
    out.push(s.to_owned());
    Ok(())
}

/// The index of the `}` that closes the `{` at `open`, if any.
fn partner(s: &str, open: usize) -> Option<usize> {
    let mut level = 0usize;
    for (i, b) in s.bytes().enumerate().skip(open) {
        match b {
            b'{' => level += 1,
            b'}' => {
                level -= 1;
                if level == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// Splits a group's content on top-level commas, keeping every piece
/// (including a trailing empty one, §11 (d)).
fn split_top_level(content: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut level = 0usize;
    let mut start = 0;
    for (i, b) in content.bytes().enumerate() {
        match b {
            b'{' => level += 1,
            b'}' => level = level.saturating_sub(1),
            b',' if level == 0 => {
                pieces.push(&content[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    pieces.push(&content[start..]);
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    fn m(p: &str, path: &str) -> bool {
        Pattern::compile(p)
            .unwrap_or_else(|e| panic!("{p:?}: {e}"))
            .is_match(path)
    }

    fn table(p: &str, yes: &[&str], no: &[&str]) {
        for path in yes {
            assert!(m(p, path), "{p:?} should match {path:?}");
        }
        for path in no {
            assert!(!m(p, path), "{p:?} should not match {path:?}");
        }
    }

    #[test]
    fn spec_4_2_semantics_table() {
        table(
            "math.add",
            &["math.add"],
            &["math.ad", "math.addx", "x.math.add"],
        );
        table(
            "math.*",
            &["math.add", "math."],
            &["math", "math.advanced.add"],
        );
        table("*", &["math", ""], &["math.add"]);
        table("*.add", &["math.add", "user.add"], &["math.sub", "add"]);
        table("*.*.*", &["a.b.c", "a.."], &["a.b", "a", "a.b.c.d"]);
        table("**", &["", "a", "a.b.c", "x.y"], &["a\nb"]);
        table("a.**", &["a.", "a.b", "a.b.c"], &["a"]);
        table("**.b", &[".b", "a.b", "x.y.b"], &["b"]);
        table("a.**.b", &["a.x.b", "a.x.y.b"], &["a.b"]);
        table("a**", &["a", "ab", "a.b"], &["b"]);
        table("***", &["", "a.b.c"], &[]);
        table(
            "**.*.*",
            &["a.b.c", "advanced.selfObject.addViaSelf"],
            &["a.b", "a"],
        );
        table("a?c", &["abc", "a.c"], &["ac", "abbc"]);
        table("tes?", &["test"], &["tes"]);
        table("[ab]", &["[ab]"], &["a"]);
        table("a\\b", &["a\\b"], &["ab"]);
        table("a+", &["a+"], &["aa"]);
        table("MATH.*", &["MATH.add"], &["math.add"]);
        table(
            "!math.*",
            &["string.upper", "math.a.b", "math"],
            &["math.add"],
        );
        table("!!math.*", &["math.add"], &["x"]);
        table("!internal.*", &["math.add"], &["internal.x"]);
        table(
            "{math,string}.*",
            &["math.add", "string.upper"],
            &["util.x"],
        );
        table(
            "*.{add,update,delete}",
            &["db.add", "x.delete"],
            &["db.get"],
        );
        table(
            "{math,string}.{add,upper}",
            &["math.add", "math.upper", "string.add", "string.upper"],
            &["math.sub"],
        );
        table("{a,{b,c}}.x", &["a.x", "b.x", "c.x"], &["d.x"]);
        table("!{a,b}", &["c"], &["a", "b"]);
        table("!{a}", &["b"], &["a"]);
        table("{!a,b}", &["b", "c"], &["a"]);
        table("{!a}", &["!a"], &["a", "b"]);
        table("x{!a,b}", &["x!a", "xb"], &["xa"]);
        table("{!{a,b},c}", &["a", "b", "c", "zzz"], &[]);
        table("a{1,2}b", &["a1b", "a2b"], &["a12b"]);
        table("x{1}", &["x1"], &["x{1}"]);
        table("a{2}", &["a2"], &["aa"]);
        table("{a,}", &["a", ""], &["b"]); // §11 (d)
        table("{,a}", &["a", ""], &["b"]);
        table("{a,,b}", &["a", "", "b"], &["c"]);
        table("{,}", &[""], &["x"]);
        table("x{,}", &["x"], &[""]);
        table("math.{unclosed", &["math.{unclosed"], &["math.unclosed"]);
        table("a}", &["a}"], &["a"]);
        table("}{a,b}", &["}a", "}b"], &["a"]);
        table("__DOUBLESTAR__", &["__DOUBLESTAR__"], &["a.b", ""]); // §11 (c)
        table("{math,add,}", &["math", "add", ""], &["x"]);
        table("", &[""], &["a"]);
    }

    #[test]
    fn residual_braces_are_literal() {
        table("{{1}", &["{{1}"], &["{"]);
        table("{a{2}", &["{a{2}"], &["{aa"]);
        table("{*{2}", &["{x{2}", "{{2}"], &["{x.y{2}"]);
        table("{{a,b}", &["{{a,b}"], &["{a", "{b"]);
        table("{a,b", &["{a,b"], &["a"]);
    }

    #[test]
    fn question_mark_is_one_code_point() {
        table("?", &["😀", "é", "中", "."], &["", "ab", "\n", "\u{2028}"]);
        table("a?", &["a😀"], &["a😀😀"]);
    }

    #[test]
    fn star_and_doublestar_line_terminators() {
        table("*", &["a\nb"], &["a.b"]);
        table("**", &["a.b"], &["a\rb", "a\u{2029}"]);
    }

    #[test]
    fn brace_depth_table() {
        assert!(m("{a}{b}{c}{d}{e}{f}{g}{h}{i}", "abcdefghi"));
        let e = Pattern::compile("{a}{b}{c}{d}{e}{f}{g}{h}{i}{j}").unwrap_err();
        assert_eq!(e, Error::BraceExpansionMaxDepth { max_depth: 10 });
        assert!(m("{a,{b,{c,{d,{e,{f,{g,{h,{i,j}}}}}}}}}", "j"));
        for p in [
            "{a,{b,{c,{d,{e,{f,{g,{h,{i,{j,k}}}}}}}}}}",
            "{a,{b,{c,{d,{e,{f,{g,{h,{i,{j,{k,l}}}}}}}}}}}",
        ] {
            assert_eq!(
                Pattern::compile(p).unwrap_err().code(),
                "HOOK_BRACE_EXPANSION_MAX_DEPTH",
                "{p}"
            );
        }
        // negation does not count
        assert!(m("!{a}{b}{c}{d}{e}{f}{g}{h}{i}", "x"));
    }

    #[test]
    fn empty_groups_are_invalid() {
        for p in ["{}", "x{}", "{a,{}}", "{{}}", "math.{}"] {
            let e = Pattern::compile(p).unwrap_err();
            assert_eq!(e.code(), "INVALID_HOOK_PATTERN", "{p}");
        }
        // not taking part in expansion: literal
        assert!(m("{{}", "{{}"));
    }

    #[test]
    fn limits() {
        let huge = "a".repeat(MAX_PATTERN_BYTES + 1);
        assert_eq!(
            Pattern::compile(&huge).unwrap_err().code(),
            "HOOK_PATTERN_TOO_COMPLEX"
        );
        let mb = "x".repeat(1 << 20);
        assert_eq!(
            Pattern::compile(&mb).unwrap_err().code(),
            "HOOK_PATTERN_TOO_COMPLEX"
        );
        let group = "{0,1,2,3,4,5,6,7,8,9}";
        let nine = group.repeat(9);
        let start = Instant::now();
        assert_eq!(
            Pattern::compile(&nine).unwrap_err().code(),
            "HOOK_PATTERN_TOO_COMPLEX"
        );
        assert!(start.elapsed() < Duration::from_secs(2));
        // four groups of ten = 10,000 alternatives: accepted
        let four = group.repeat(4);
        assert!(m(&four, "0123"));
        // thousands of alternatives in one group
        let many = format!(
            "svc.{{{}}}",
            (0..5000)
                .map(|i| format!("op{i}"))
                .collect::<Vec<_>>()
                .join(",")
        );
        assert!(m(&many, "svc.op4999"));
        assert!(!m(&many, "svc.op5000"));
    }

    #[test]
    fn index_keys() {
        let keys = |p: &str| Pattern::compile(p).unwrap().first_segment_keys();
        assert_eq!(keys("math.*"), Some(vec!["math".into()]));
        assert_eq!(keys("math"), Some(vec!["math".into()]));
        assert_eq!(
            keys("{math,string}.*"),
            Some(vec!["math".into(), "string".into()])
        );
        assert_eq!(keys("**"), None);
        assert_eq!(keys("*.add"), None);
        assert_eq!(keys("ma?h.add"), None);
        assert_eq!(keys("!math.*"), None);
        assert_eq!(keys("{!a,b}"), None);
        assert_eq!(keys("{!a}"), Some(vec!["!a".into()]));
        assert_eq!(keys(""), Some(vec!["".into()]));
    }
}
