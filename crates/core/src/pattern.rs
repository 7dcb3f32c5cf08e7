//! The pattern language (spec §4, standalone rules of §11).
//!
//! A pattern is matched against a whole dotted path, case-sensitively:
//!
//! | token | matches |
//! | --- | --- |
//! | `**` | any run of characters except LF, CR, U+2028, U+2029 — dots included |
//! | `*` | any run of characters except `.` |
//! | `?` | exactly one code point except LF, CR, U+2028, U+2029 — dots included (§11 (l)) |
//! | `{a,b}` | brace expansion: `a` or `b` (nesting allowed, 9 groups per expansion chain) |
//! | leading `!` | negation of the rest |
//! | anything else | itself: no character classes, no escapes; an unpartnered `{` and every residual brace are literal (§11.10), `__DOUBLESTAR__` is literal (§11 (c)) |
//!
//! # Compilation (§4.1)
//!
//! 1. Leading `!`s negate; `!!x` ≡ `x`. They are counted, not recursed into, so
//!    a pattern of 65,536 `!`s costs one pass and no stack.
//! 2. Brace expansion (§4.3 with §11 (b)(d)): the first `{` and its partner
//!    (found by counting), the content split on top-level commas keeping every
//!    piece (a trailing empty one too), each piece expanded again one level
//!    deeper; entering level 10 fails ([`Error::BraceExpansionMaxDepth`]); an
//!    empty group `{}` taking part in expansion is
//!    [`Error::InvalidHookPattern`]; a `{` without partner makes the whole
//!    string final and literal.
//! 3. Two or more expanded strings are compiled independently from step 1 (an
//!    expanded string starting with `!` is a negation) and OR-ed.
//! 4. Exactly one expanded string is a plain glob: no negation check, so
//!    `{!a}` is the literal `!a`.
//!
//! # Engine
//!
//! Globs are translated to the [`regex`] crate's syntax and compiled with it.
//! globset, the usual glob crate, runs on the same engine but implements a
//! *path* dialect: `*` stops at `/`, `**` must be a whole path component and
//! swallows its separator (so `a/**/b` matches `a/b`, whereas slothlet's
//! `a.**.b` must not match `a.b`), and it has character classes and escapes
//! that slothlet's dialect treats as literal text. slothlet's dialect
//! therefore needs its own translation. The `regex` crate guarantees matching
//! in time linear in the path (no backtracking, so no catastrophic patterns),
//! and it compiles all positive alternatives of one pattern into a single
//! automaton.
//!
//! A compiled pattern is, at most, one negation flag over
//!
//! * a literal (no wildcard: plain string equality, no regex at all), or
//! * one anchored regex, or
//! * for two or more alternatives: a sorted set of literal alternatives, one
//!   regex OR-ing the positive wildcard alternatives, the negated literal
//!   alternatives, and one [`RegexSet`] holding the negated wildcard
//!   alternatives (`!A ∨ !B ∨ …` holds unless the path matches *all* of them).
//!
//! # Bounds (§11 (m))
//!
//! * at most [`MAX_PATTERN_BYTES`] of pattern text (UTF-8 bytes);
//! * at most [`MAX_ALTERNATIVES`] expanded strings;
//! * at most [`MAX_EXPANDED_BYTES`] of text built during expansion, counting
//!   every intermediate and final string *before* it is built, so nine groups
//!   of ten alternatives (10⁹ strings) are refused after about ten thousand
//!   small strings, in milliseconds;
//! * a compiled regex larger than [`MAX_COMPILED_BYTES`] (the `regex` crate's
//!   size limit), or a translated regex source longer than
//!   [`MAX_REGEX_SOURCE_BYTES`]. The second is checked while translating,
//!   before anything is parsed: the regex parser sees the whole source before
//!   the size limit applies, and a `?` becomes a 20-byte class, so without it
//!   a 30 KB pattern expanding to 2 MB of `?`s would be parsed as ~40 MB of
//!   regex syntax (seconds, gigabytes). Measured compiled forms take well
//!   over 16 bytes per source byte (≈30 for plain literals, more for
//!   wildcards), so in practice this cap refuses nothing the size limit would
//!   have accepted; it only makes the refusal cheap (≤ ~0.2 s, ≤ ~100 MB).
//!
//! Any of them yields [`Error::PatternTooComplex`].

use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};

use crate::error::Error;

/// Entering this brace-expansion level fails (spec §4.3): at most
/// [`MAX_BRACE_GROUPS`] groups along one expansion chain.
pub const MAX_BRACE_DEPTH: u32 = 10;
/// Brace groups allowed along one expansion chain, in sequence and nested
/// alike (§11 (t)): every group enters one level deeper.
pub const MAX_BRACE_GROUPS: u32 = MAX_BRACE_DEPTH - 1;
/// Longest accepted pattern text, in UTF-8 bytes.
pub const MAX_PATTERN_BYTES: usize = 65_536;
/// Most strings one pattern's brace expansion may produce.
pub const MAX_ALTERNATIVES: usize = 10_000;
/// Most bytes of text brace expansion may build (all intermediate and final strings).
pub const MAX_EXPANDED_BYTES: usize = 4 << 20;
/// Size limit handed to the regex compiler for one pattern's regex (and one
/// for its negated-alternatives set). Bigger compiled forms are refused.
pub const MAX_COMPILED_BYTES: usize = 16 << 20;
/// Longest translated regex source for one pattern's positive alternatives
/// (and, separately, for its negated ones).
pub const MAX_REGEX_SOURCE_BYTES: usize = 1 << 20;
/// Capacity of the regex crate's lazy-DFA cache per regex. Exhausting it only
/// makes matching fall back to a slower (still linear) engine.
const DFA_CACHE_BYTES: usize = 2 << 20;

/// The reason given for an empty brace group (§11 (b)).
pub const EMPTY_GROUP_REASON: &str = "empty brace group '{}' has no alternatives";

/// The regex for `**`: anything but line terminators.
const DOUBLESTAR: &str = r"[^\n\r\x{2028}\x{2029}]*";
/// The regex for `*`: anything but a dot.
const STAR: &str = r"[^.]*";
/// The regex for `?`: one code point that is not a line terminator.
const SINGLE: &str = r"[^\n\r\x{2028}\x{2029}]";

/// A compiled pattern: immutable, cheap to clone (regexes are shared).
#[derive(Clone, Debug)]
pub struct Pattern {
    text: String,
    negated: bool,
    body: Body,
    keys: Option<Vec<String>>,
}

#[derive(Clone, Debug)]
enum Body {
    /// One plain glob without wildcards: string equality.
    Literal(String),
    /// `L*` (one trailing star): starts with `L`, no dot after it.
    PrefixSegment(String),
    /// `L**` (a trailing even run of stars): starts with `L`, no line
    /// terminator after it.
    PrefixAny(String),
    /// One plain glob with wildcards, as an anchored regex.
    Regex(Regex),
    /// Two or more alternatives (§4.1 step 3).
    Any(Box<Alternatives>),
}

/// The OR of a pattern's expanded strings.
#[derive(Clone, Debug, Default)]
struct Alternatives {
    /// Positive alternatives without wildcards, sorted and deduplicated.
    literals: Vec<String>,
    /// Positive alternatives with wildcards, OR-ed in one anchored regex.
    globs: Option<Regex>,
    /// Negated alternatives without wildcards, sorted and deduplicated.
    negated_literals: Vec<String>,
    /// Negated alternatives with wildcards, one anchored regex each.
    negated_globs: Option<RegexSet>,
}

impl Alternatives {
    fn is_match(&self, path: &str) -> bool {
        if self
            .literals
            .binary_search_by(|l| l.as_str().cmp(path))
            .is_ok()
        {
            return true;
        }
        if self.globs.as_ref().is_some_and(|r| r.is_match(path)) {
            return true;
        }
        // `!a ∨ !b` with a ≠ b holds for every path.
        match self.negated_literals.as_slice() {
            [] => {}
            [only] if only == path => {}
            _ => return true,
        }
        self.negated_globs
            .as_ref()
            .is_some_and(|set| !set.matches(path).matched_all())
    }
}

impl Body {
    #[cfg(test)]
    fn kind(&self) -> &'static str {
        match self {
            Body::Literal(_) => "literal",
            Body::PrefixSegment(_) | Body::PrefixAny(_) => "prefix",
            Body::Regex(_) => "regex",
            Body::Any(_) => "any",
        }
    }

    fn is_match(&self, path: &str) -> bool {
        match self {
            Body::Literal(s) => s == path,
            Body::PrefixSegment(l) => path
                .strip_prefix(l.as_str())
                .is_some_and(|rest| !rest.contains('.')),
            Body::PrefixAny(l) => path
                .strip_prefix(l.as_str())
                .is_some_and(|rest| !rest.contains(['\n', '\r', '\u{2028}', '\u{2029}'])),
            Body::Regex(r) => r.is_match(path),
            Body::Any(alts) => alts.is_match(path),
        }
    }
}

/// Work counters for one compilation (§11 (m)).
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

    /// Accounts for `bytes` of text about to be built.
    fn spend(&mut self, bytes: usize) -> Result<(), Error> {
        self.bytes = self.bytes.saturating_add(bytes);
        if self.bytes > MAX_EXPANDED_BYTES {
            return Err(self.too_complex(format!("{MAX_EXPANDED_BYTES} bytes of expanded text")));
        }
        Ok(())
    }
}

impl Pattern {
    #[cfg(test)]
    fn body_kind(&self) -> &'static str {
        self.body.kind()
    }

    /// Compiles `pattern` (spec §4.1–§4.4 with §11 (b)(c)(d)(l)(m) and the
    /// §11.10 treatment of residual braces).
    ///
    /// # Errors
    ///
    /// * [`Error::BraceExpansionMaxDepth`]: an expansion chain entered level 10;
    /// * [`Error::InvalidHookPattern`]: an empty brace group took part in expansion;
    /// * [`Error::PatternTooComplex`]: a size bound of the module docs was hit.
    ///
    /// When a pattern has several defects, the first one met by the
    /// depth-first, left-to-right expansion is reported.
    pub fn compile(pattern: &str) -> Result<Pattern, Error> {
        let mut budget = Budget {
            pattern,
            alternatives: 0,
            bytes: 0,
        };
        if pattern.len() > MAX_PATTERN_BYTES {
            return Err(budget.too_complex(format!("{MAX_PATTERN_BYTES} bytes of pattern text")));
        }
        let (negated, rest) = strip_negations(pattern);
        let mut finals = Vec::new();
        expand(rest, 0, &mut finals, &mut budget)?;
        let (body, keys) = match finals.as_slice() {
            [single] => single_glob(single, &budget)?,
            _ => alternatives(&finals, &budget)?,
        };
        Ok(Pattern {
            text: pattern.to_owned(),
            negated,
            body,
            keys: if negated { None } else { keys },
        })
    }

    /// Whether the compiled pattern matches the whole `path`. This is the
    /// compiled matcher only: the identical-string shortcut of hook matching
    /// (§4.5) is the registry's business.
    pub fn is_match(&self, path: &str) -> bool {
        self.body.is_match(path) != self.negated
    }

    /// The pattern text as given.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether the pattern is one plain literal (no wildcard, no expansion,
    /// no negation): it matches exactly the path equal to [`Pattern::as_str`].
    pub fn is_literal(&self) -> bool {
        !self.negated && matches!(&self.body, Body::Literal(s) if *s == self.text)
    }

    /// First-segment keys for the plan index.
    ///
    /// `Some(keys)` if every path this pattern matches has its first segment
    /// (the text before its first `.`, or the whole path, see
    /// [`first_segment`]) among `keys`; that holds when every alternative is
    /// positive and its own text before the first `.` has no `*` and no `?` —
    /// that text is then the key. `None` if the pattern cannot be indexed (a
    /// negation, a wildcard in an alternative's first segment).
    pub fn first_segment_keys(&self) -> Option<Vec<String>> {
        self.keys.clone()
    }
}

/// The first segment of a path: the text before its first `.`, or the whole path.
pub fn first_segment(path: &str) -> &str {
    path.split_once('.').map_or(path, |(head, _)| head)
}

/// Splits off the leading `!`s: (odd count, rest).
fn strip_negations(s: &str) -> (bool, &str) {
    let rest = s.trim_start_matches('!');
    // `!` is one byte, so the byte difference is the count.
    ((s.len() - rest.len()) % 2 == 1, rest)
}

fn has_wildcard(glob: &str) -> bool {
    glob.contains(['*', '?'])
}

/// The index key of a positive plain glob: its first segment, when literal.
fn glob_key(glob: &str) -> Option<String> {
    let head = first_segment(glob);
    (!has_wildcard(head)).then(|| head.to_owned())
}

/// §4.1 step 4: exactly one expanded string, a plain glob.
fn single_glob(glob: &str, budget: &Budget) -> Result<(Body, Option<Vec<String>>), Error> {
    let keys = glob_key(glob).map(|k| vec![k]);
    let body = if !has_wildcard(glob) {
        Body::Literal(glob.to_owned())
    } else if let Some(body) = trailing_star_body(glob) {
        body
    } else {
        Body::Regex(build_regex(std::iter::once(glob), budget)?)
    };
    Ok((body, keys))
}

/// The common shapes `L*` and `L**` (no other wildcard) without a regex:
/// compiling a regex costs tens of microseconds per pattern.
fn trailing_star_body(glob: &str) -> Option<Body> {
    let literal = glob.trim_end_matches('*');
    if has_wildcard(literal) {
        return None;
    }
    match glob.len() - literal.len() {
        1 => Some(Body::PrefixSegment(literal.to_owned())),
        // An even run is doublestars only; an odd run ends in a star that
        // may take a line terminator, so it keeps the regex.
        run if run % 2 == 0 => Some(Body::PrefixAny(literal.to_owned())),
        _ => None,
    }
}

/// §4.1 step 3: two or more expanded strings, each compiled from step 1.
///
/// An expanded string has no partnered brace left (its first `{`, if any,
/// has no partner), and stripping its leading `!`s keeps it that way, so
/// expanding it again would yield exactly itself: it is a plain glob.
fn alternatives(finals: &[String], budget: &Budget) -> Result<(Body, Option<Vec<String>>), Error> {
    let mut alts = Alternatives::default();
    let mut globs = Vec::new();
    let mut negated_globs = Vec::new();
    let mut keys = Some(Vec::new());
    for alt in finals {
        let (negated, glob) = strip_negations(alt);
        match (negated, has_wildcard(glob)) {
            (false, false) => alts.literals.push(glob.to_owned()),
            (false, true) => globs.push(glob),
            (true, false) => alts.negated_literals.push(glob.to_owned()),
            (true, true) => negated_globs.push(glob),
        }
        keys = match (negated, keys) {
            (false, Some(mut ks)) => glob_key(glob).map(|k| {
                ks.push(k);
                ks
            }),
            _ => None,
        };
    }
    for set in [&mut alts.literals, &mut alts.negated_literals] {
        set.sort_unstable();
        set.dedup();
    }
    if !globs.is_empty() {
        alts.globs = Some(build_regex(globs.into_iter(), budget)?);
    }
    if !negated_globs.is_empty() {
        let mut sources = Vec::with_capacity(negated_globs.len());
        let mut room = MAX_REGEX_SOURCE_BYTES;
        for g in negated_globs {
            let mut source = String::from(r"\A");
            glob_regex(g, &mut source, room, budget)?;
            source.push_str(r"\z");
            room = room.saturating_sub(source.len());
            sources.push(source);
        }
        let set = RegexSetBuilder::new(sources)
            .size_limit(MAX_COMPILED_BYTES)
            .dfa_size_limit(DFA_CACHE_BYTES)
            .build()
            .map_err(|_| compiled_too_big(budget))?;
        alts.negated_globs = Some(set);
    }
    if let Some(ks) = keys.as_mut() {
        ks.sort_unstable();
        ks.dedup();
    }
    Ok((Body::Any(Box::new(alts)), keys))
}

fn compiled_too_big(budget: &Budget) -> Error {
    budget.too_complex(format!("{MAX_COMPILED_BYTES} bytes of compiled matcher"))
}

/// One anchored regex accepting any of `globs`. Every glob character is
/// escaped or translated, so the only possible build errors are the size
/// limits (any other is reported the same way rather than panicking).
fn build_regex<'g>(globs: impl Iterator<Item = &'g str>, budget: &Budget) -> Result<Regex, Error> {
    let mut source = String::from(r"\A(?:");
    for (i, glob) in globs.enumerate() {
        if i > 0 {
            source.push('|');
        }
        glob_regex(glob, &mut source, MAX_REGEX_SOURCE_BYTES, budget)?;
    }
    source.push_str(r")\z");
    RegexBuilder::new(&source)
        .size_limit(MAX_COMPILED_BYTES)
        .dfa_size_limit(DFA_CACHE_BYTES)
        .build()
        .map_err(|_| compiled_too_big(budget))
}

/// Appends the regex for one plain glob (§4.1 step 5; no anchors): runs of
/// `*` become doublestars (non-overlapping, left to right) plus one star when
/// odd, `?` one code point, everything else an escaped literal. Fails as soon
/// as `out` grows past `max` bytes.
fn glob_regex(glob: &str, out: &mut String, max: usize, budget: &Budget) -> Result<(), Error> {
    let mut chars = glob.chars().peekable();
    let mut buf = [0u8; 4];
    while let Some(c) = chars.next() {
        if out.len() > max {
            return Err(budget.too_complex(format!(
                "{MAX_REGEX_SOURCE_BYTES} bytes of translated regex"
            )));
        }
        match c {
            '*' => {
                let mut run = 1usize;
                while chars.next_if_eq(&'*').is_some() {
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
    if out.len() > max {
        return Err(budget.too_complex(format!(
            "{MAX_REGEX_SOURCE_BYTES} bytes of translated regex"
        )));
    }
    Ok(())
}

/// Brace expansion of `s` at `depth` (§4.3 with §11 (b)(d)), appending the
/// final strings to `out`.
fn expand(s: &str, depth: u32, out: &mut Vec<String>, budget: &mut Budget) -> Result<(), Error> {
    if depth >= MAX_BRACE_DEPTH {
        return Err(Error::BraceExpansionMaxDepth {
            max_depth: MAX_BRACE_DEPTH,
        });
    }
    // No `{`, or the first `{` has no partner: the whole string is final.
    let Some((open, close)) = s.find('{').and_then(|open| Some((open, partner(s, open)?))) else {
        return push_final(s, out, budget);
    };
    // `{` and `}` are ASCII, so these are char boundaries.
    let prefix = &s[..open];
    let content = &s[open + 1..close];
    let suffix = &s[close + 1..];
    if content.is_empty() {
        return Err(Error::InvalidHookPattern {
            pattern: budget.pattern.to_owned(),
            reason: EMPTY_GROUP_REASON.to_owned(),
        });
    }
    for piece in TopLevelPieces::new(content) {
        let len = prefix.len() + piece.len() + suffix.len();
        budget.spend(len)?;
        let mut next = String::with_capacity(len);
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
        return Err(budget.too_complex(format!("{MAX_ALTERNATIVES} alternatives")));
    }
    budget.spend(s.len())?;
    out.push(s.to_owned());
    Ok(())
}

/// The byte index of the `}` that closes the `{` at `open`: counting `{` as
/// +1 and `}` as −1 from `open`, the `}` that brings the count to 0.
fn partner(s: &str, open: usize) -> Option<usize> {
    let mut level = 0usize;
    for (i, b) in s.bytes().enumerate().skip(open) {
        match b {
            b'{' => level += 1,
            b'}' => {
                level = level.saturating_sub(1);
                if level == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// A group's content split on commas at nesting level 0, keeping every piece
/// (leading, middle and trailing empty ones, §11 (d)).
struct TopLevelPieces<'a> {
    rest: Option<&'a str>,
}

impl<'a> TopLevelPieces<'a> {
    fn new(content: &'a str) -> Self {
        TopLevelPieces {
            rest: Some(content),
        }
    }
}

impl<'a> Iterator for TopLevelPieces<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = self.rest?;
        let mut level = 0usize;
        for (i, b) in rest.bytes().enumerate() {
            match b {
                b'{' => level += 1,
                b'}' => level = level.saturating_sub(1),
                // `,` is ASCII: `i` and `i + 1` are char boundaries.
                b',' if level == 0 => {
                    self.rest = Some(&rest[i + 1..]);
                    return Some(&rest[..i]);
                }
                _ => {}
            }
        }
        self.rest = None;
        Some(rest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    fn compiled(p: &str) -> Pattern {
        Pattern::compile(p).unwrap_or_else(|e| panic!("{p:?}: {e}"))
    }

    fn m(p: &str, path: &str) -> bool {
        compiled(p).is_match(path)
    }

    fn code(p: &str) -> &'static str {
        match Pattern::compile(p) {
            Ok(_) => "ok",
            Err(e) => e.code(),
        }
    }

    fn table(p: &str, yes: &[&str], no: &[&str]) {
        let c = compiled(p);
        for path in yes {
            assert!(c.is_match(path), "{p:?} should match {path:?}");
        }
        for path in no {
            assert!(!c.is_match(path), "{p:?} should not match {path:?}");
        }
    }

    /// Every row of §4.2, standalone column.
    #[test]
    fn spec_4_2_semantics_table() {
        table(
            "math.add",
            &["math.add"],
            &["math.ad", "math.addx", "x.math.add", "", "math_add"],
        );
        table(
            "math.*",
            &["math.add", "math."],
            &["math", "math.advanced.add"],
        );
        table("*", &["math", ""], &["math.add"]);
        table("*.add", &["math.add", "user.add"], &["math.sub", "add"]);
        table("*.*.*", &["a.b.c", "a.."], &["a.b", "a", "a.b.c.d"]);
        table("**", &["", "a", "a.b.c", "x.y", ".."], &["a\nb"]);
        table("a.**", &["a.", "a.b", "a.b.c"], &["a"]);
        table("**.b", &[".b", "a.b", "x.y.b"], &["b"]);
        table("a.**.b", &["a.x.b", "a.x.y.b"], &["a.b"]);
        table("a**", &["a", "ab", "a.b"], &["b"]);
        table("***", &["", "a", "a.b.c"], &[]);
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
        table("{!{a,b},c}", &["a", "b", "c", "zzz", ""], &[]);
        table("a{1,2}b", &["a1b", "a2b"], &["a12b"]);
        table("x{1}", &["x1"], &["x{1}"]);
        table("a{2}", &["a2"], &["aa"]);
        table("{a,}", &["a", ""], &["b"]); // §11 (d): trailing empty piece kept
        table("{,a}", &["a", ""], &["b"]);
        table("{a,,b}", &["a", "", "b"], &["c"]);
        table("{,}", &[""], &["x"]);
        table("x{,}", &["x"], &["", "xx"]);
        table("math.{unclosed", &["math.{unclosed"], &["math.unclosed"]);
        table("a}", &["a}"], &["a"]);
        table("}{a,b}", &["}a", "}b"], &["a"]);
        table("__DOUBLESTAR__", &["__DOUBLESTAR__"], &["a.b", "", "a"]); // §11 (c)
        table("{math,add,}", &["math", "add", ""], &["x"]);
        table("", &[""], &["a", "."]);
    }

    #[test]
    fn negation_details() {
        table("!", &["a", ".", "!"], &[""]);
        table("!!", &[""], &["a"]);
        table("!!!a", &["b"], &["a"]);
        table("{!a,!b}", &["a", "b", "c"], &[]); // ¬a ∨ ¬b
        table("{!a,!a}", &["b"], &["a"]);
        table("{!a*,!*b}", &["ax", "xb", "x", "a.b"], &["ab", "axb"]);
        table("{!a*,c}", &["c", "x"], &["ab"]);
        table("{!!a,b}", &["a", "b"], &["c", "!!a"]);
        table("!{!a,b}", &["a"], &["b", "c"]);
        table("{!,x}", &["a", "x"], &[""]);
        table("{!{a,b}}", &["a", "b", "c", "!a"], &[]); // `!a` ∨ `!b`
    }

    #[test]
    fn deep_negation_costs_no_stack() {
        let bangs = "!".repeat(MAX_PATTERN_BYTES);
        table(&bangs, &[""], &["a"]); // even count: `""`
        let odd = format!("{}a", "!".repeat(MAX_PATTERN_BYTES - 3));
        table(&odd, &["b", ""], &["a"]);
        let in_group = format!("{{{}a,b}}", "!".repeat(60_000));
        table(&in_group, &["a", "b"], &["c"]);
    }

    #[test]
    fn residual_braces_are_literal() {
        table("{{1}", &["{{1}"], &["{", "{1"]);
        table("{a{2}", &["{a{2}"], &["{aa"]);
        table("{*{2}", &["{x{2}", "{{2}"], &["{x.y{2}"]);
        table("{{a,b}", &["{{a,b}"], &["{a", "{b"]);
        table("{a,b", &["{a,b"], &["a"]);
        table("a{b", &["a{b"], &["ab"]);
        table("{{}", &["{{}"], &[""]);
        table("{a}{", &["a{"], &["a"]);
        table("x{a,b}{c", &["xa{c", "xb{c"], &["xac"]);
    }

    #[test]
    fn regex_metacharacters_are_literal() {
        for p in [
            "a.b", "^a$", "(a|b)", "a{1,3}", "\\d", "a\\.b", "$", "|", "[", "]", "(", ")", "#x",
            " a ", "a\tb", "ü.ß", "中.文",
        ] {
            let c = compiled(p);
            if !p.contains('{') {
                assert!(c.is_match(p), "{p:?} should match itself");
                assert!(c.is_literal(), "{p:?} needs no regex");
            }
        }
        table("(a|b).*", &["(a|b).x"], &["a.x"]);
        table("$.*", &["$.x"], &["x"]);
        table("\\d*", &["\\d", "\\dxx"], &["1"]);
        table("a\nb", &["a\nb"], &["ab"]);
    }

    #[test]
    fn question_mark_is_one_code_point() {
        table(
            "?",
            &["😀", "é", "中", ".", "a", "\t"],
            &["", "ab", "\n", "\r", "\u{2028}", "\u{2029}", "😀😀"],
        );
        table("??", &["ab", "😀😀", "a😀"], &["😀", "a"]);
        table("a?c", &["a😀c", "a中c"], &["a😀😀c"]);
        table("😀.*", &["😀.x", "😀."], &["😀", "x.x"]);
        table("{😀,中}?", &["😀é", "中😀"], &["😀", "é😀"]);
    }

    #[test]
    fn star_runs_and_line_terminators() {
        table("*", &["a\nb", "\u{2028}"], &["a.b"]);
        table("**", &["a.b"], &["a\rb", "a\u{2029}", "\n"]);
        table("****", &["a.b.c"], &["a\nb"]);
        table("a.***", &["a.b.c", "a."], &["a"]);
        // `***` = doublestar then star: only the star may take a line terminator
        table("***", &["x\n", ".\n"], &["\n.", "a\nb.c"]);
    }

    /// `L*` and `L**` take the regex-free bodies; they must agree with the
    /// regex translation.
    #[test]
    fn trailing_star_shapes_without_regex() {
        table(
            "math.*",
            &["math.", "math.add", "math.a\nb"],
            &["math", "math.a.b", "mat.x"],
        );
        table(
            "math.**",
            &["math.", "math.a.b"],
            &["math", "math.a\nb", "math.\u{2028}"],
        );
        table("a****", &["a", "a.b.c"], &["b", "a\r"]);
        table("é*", &["é", "éé"], &["é.x", "e"]);
        table("a***", &["a\n", "a.b"], &["b"]);
        for p in ["x.*", "x.**", "x****"] {
            assert!(
                matches!(Pattern::compile(p).unwrap().body_kind(), "prefix"),
                "{p}"
            );
        }
        assert_eq!(Pattern::compile("x.***").unwrap().body_kind(), "regex");
    }

    /// §4.3 depth table.
    #[test]
    fn brace_depth_table() {
        let depth = Error::BraceExpansionMaxDepth { max_depth: 10 };
        assert!(m("{a}{b}{c}{d}{e}{f}{g}{h}{i}", "abcdefghi"));
        assert_eq!(
            Pattern::compile("{a}{b}{c}{d}{e}{f}{g}{h}{i}{j}").unwrap_err(),
            depth
        );
        table(
            "{a,{b,{c,{d,{e,{f,{g,{h,{i,j}}}}}}}}}",
            &["a", "e", "i", "j"],
            &["k"],
        );
        for p in [
            "{a,{b,{c,{d,{e,{f,{g,{h,{i,{j,k}}}}}}}}}}",
            "{a,{b,{c,{d,{e,{f,{g,{h,{i,{j,{k,l}}}}}}}}}}}",
            "{{{{{{{{{{a}}}}}}}}}}",
            "{a}{b}{c}{d}{e}{{f,{g,{h,{i,{j,k}}}}}}",
        ] {
            assert_eq!(Pattern::compile(p).unwrap_err(), depth, "{p}");
        }
        // mixed sequential + nested, 9 along every chain
        table("{a}{b}{c}{d}{e,{f,{g,{h,{i,j}}}}}", &["abcdj"], &[]);
        // negation does not count
        assert!(m("!{a}{b}{c}{d}{e}{f}{g}{h}{i}", "x"));
        assert!(m("{!{a}{b}{c}{d}{e}{f}{g}{h},x}", "abcdefgh!"));
        // an unpartnered first brace stops expansion, so later groups never count
        table(
            "{{a}{b}{c}{d}{e}{f}{g}{h}{i}{j}{k}",
            &["{{a}{b}{c}{d}{e}{f}{g}{h}{i}{j}{k}"],
            &[],
        );
    }

    #[test]
    fn empty_groups_are_invalid() {
        for p in [
            "{}", "x{}", "{a,{}}", "{{}}", "math.{}", "!{}", "{a}{}", "}{}",
        ] {
            assert_eq!(
                Pattern::compile(p).unwrap_err(),
                Error::InvalidHookPattern {
                    pattern: p.into(),
                    reason: EMPTY_GROUP_REASON.into()
                },
                "{p}"
            );
        }
        // not taking part in expansion: literal
        table("{{}", &["{{}"], &[]);
        table("{{a}{}", &["{{a}{}"], &[]);
    }

    #[test]
    fn first_error_met_wins() {
        // the empty group is met before the tenth level
        assert_eq!(
            code("{}{a}{b}{c}{d}{e}{f}{g}{h}{i}{j}"),
            "INVALID_HOOK_PATTERN"
        );
        assert_eq!(
            code("{a}{b}{c}{d}{e}{f}{g}{h}{i}{j}{}"),
            "HOOK_BRACE_EXPANSION_MAX_DEPTH"
        );
    }

    #[test]
    fn size_limits() {
        let too_complex = |p: &str| {
            assert_eq!(code(p), "HOOK_PATTERN_TOO_COMPLEX", "{:.40}…", p);
        };
        // text length, in bytes
        assert!(m(
            &"a".repeat(MAX_PATTERN_BYTES),
            &"a".repeat(MAX_PATTERN_BYTES)
        ));
        too_complex(&"a".repeat(MAX_PATTERN_BYTES + 1));
        too_complex(&"é".repeat(MAX_PATTERN_BYTES / 2 + 1));
        let start = Instant::now();
        too_complex(&"x".repeat(1 << 20));
        too_complex(&"{a,b}".repeat(1 << 18));
        assert!(start.elapsed() < Duration::from_millis(500));
        // alternatives: 10,000 accepted, 10,001 refused
        let digits = "{0,1,2,3,4,5,6,7,8,9}";
        table(
            &digits.repeat(4),
            &["0000", "9999", "1234"],
            &["123", "12345"],
        );
        too_complex(&format!("{{{},x}}", digits.repeat(4)));
        too_complex(&digits.repeat(5));
        // expanded text: 60 copies of a 60 KB string
        let alts = (0..60).map(|i| i.to_string()).collect::<Vec<_>>().join(",");
        too_complex(&format!("{}{{{alts}}}", "a".repeat(60_000)));
        // compiled size
        too_complex(&"*?".repeat(30_000));
        let err = Pattern::compile(&"*?".repeat(30_000)).unwrap_err();
        assert_eq!(
            err,
            Error::PatternTooComplex {
                pattern: "*?".repeat(30_000),
                limit: format!("{MAX_COMPILED_BYTES} bytes of compiled matcher"),
            }
        );
    }

    /// A small pattern whose expansion is ~2 MB of `?` must not reach the regex
    /// parser (it used to take seconds and gigabytes).
    #[test]
    fn huge_regex_sources_are_refused_before_parsing() {
        let alts = (0..60).map(|i| i.to_string()).collect::<Vec<_>>().join(",");
        for p in [
            format!("{}{{{alts}}}", "?".repeat(30_000)),
            format!("{{!{}{{{alts}}},x}}", "?".repeat(30_000)),
            format!("{{{},x}}", "?".repeat(60_000)),
        ] {
            let start = Instant::now();
            let err = Pattern::compile(&p).unwrap_err();
            assert_eq!(err.code(), "HOOK_PATTERN_TOO_COMPLEX");
            assert!(
                start.elapsed() < Duration::from_millis(500),
                "{:?}",
                start.elapsed()
            );
        }
        // just under the cap is still compiled (or refused by the size limit) quickly
        let start = Instant::now();
        let _ = Pattern::compile(&"?".repeat(40_000));
        assert!(start.elapsed() < Duration::from_secs(3));
    }

    /// Nine groups of ten alternatives (10⁹ strings) fail fast.
    #[test]
    fn nine_groups_of_ten_fail_fast() {
        let p = "{0,1,2,3,4,5,6,7,8,9}".repeat(9);
        let start = Instant::now();
        let err = Pattern::compile(&p).unwrap_err();
        let took = start.elapsed();
        assert_eq!(
            err,
            Error::PatternTooComplex {
                pattern: p,
                limit: "10000 alternatives".into()
            }
        );
        assert!(took < Duration::from_millis(250), "took {took:?}");
        let wide = format!("{{{}}}", "a,".repeat(30_000));
        let start = Instant::now();
        assert_eq!(code(&wide), "HOOK_PATTERN_TOO_COMPLEX");
        assert!(start.elapsed() < Duration::from_millis(250));
    }

    #[test]
    fn big_alternations() {
        let ops = (0..5000)
            .map(|i| format!("op{i}"))
            .collect::<Vec<_>>()
            .join(",");
        table(
            &format!("svc.{{{ops}}}"),
            &["svc.op0", "svc.op4999"],
            &["svc.op5000", "svc.op", "svc.op1.x"],
        );
        table(
            &format!("{{a,b}}.{{{ops}}}*"),
            &["a.op0", "b.op4999x", "a.op12"],
            &["c.op1", "a.op1.x"],
        );
    }

    #[test]
    fn literal_patterns_need_no_regex() {
        for p in ["math.add", "", "a.b.c", "😀", "x{1", "}", "a!b"] {
            assert!(compiled(p).is_literal(), "{p:?}");
        }
        for p in ["*", "a?", "!a", "{a}", "{a,b}"] {
            assert!(!compiled(p).is_literal(), "{p:?}");
        }
        assert_eq!(compiled("a.b").as_str(), "a.b");
    }

    #[test]
    fn index_keys() {
        let keys = |p: &str| compiled(p).first_segment_keys();
        let ks = |v: &[&str]| Some(v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>());
        assert_eq!(keys("math.*"), ks(&["math"]));
        assert_eq!(keys("math"), ks(&["math"]));
        assert_eq!(keys("math.**.x"), ks(&["math"]));
        assert_eq!(keys("{math,string}.*"), ks(&["math", "string"]));
        assert_eq!(keys("{b,a,b}.x"), ks(&["a", "b"]));
        assert_eq!(keys("{a.*,b}"), ks(&["a", "b"]));
        assert_eq!(keys("{a,}"), ks(&["", "a"]));
        assert_eq!(keys("**"), None);
        assert_eq!(keys("*.add"), None);
        assert_eq!(keys("ma?h.add"), None);
        assert_eq!(keys("{a,*}.x"), None);
        assert_eq!(keys("!math.*"), None);
        assert_eq!(keys("{!a,b}"), None);
        assert_eq!(keys("{!a}"), ks(&["!a"]));
        assert_eq!(keys("!!math.*"), ks(&["math"]));
        assert_eq!(keys(""), ks(&[""]));
        assert_eq!(keys("math{.a,.b}"), ks(&["math"]));
        assert_eq!(keys("{a}b.c"), ks(&["ab"]));
        assert_eq!(keys("😀.x"), ks(&["😀"]));
    }

    #[test]
    fn first_segment_of_paths() {
        assert_eq!(first_segment("math.add"), "math");
        assert_eq!(first_segment("math"), "math");
        assert_eq!(first_segment(""), "");
        assert_eq!(first_segment(".x"), "");
        assert_eq!(first_segment("中.文.x"), "中");
    }

    #[test]
    fn pieces_keep_every_empty_one() {
        let split = |s| TopLevelPieces::new(s).collect::<Vec<_>>();
        assert_eq!(split("a,"), ["a", ""]);
        assert_eq!(split(","), ["", ""]);
        assert_eq!(split(",a"), ["", "a"]);
        assert_eq!(split("a,,b"), ["a", "", "b"]);
        assert_eq!(split("a,{b,c},d"), ["a", "{b,c}", "d"]);
        assert_eq!(split("é,ü"), ["é", "ü"]);
    }
}
