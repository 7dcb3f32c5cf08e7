//! Property tests for the core:
//!
//! * the compiler never panics, only fails with pattern codes, and stays fast
//!   on brace bombs;
//! * it agrees with a naive reference written straight from spec §4 (string
//!   brace expansion + a backtracking glob matcher over code points);
//! * `!P` inverts `P`;
//! * first-segment keys never exclude a matching path;
//! * a registry driven by random operations agrees with a plain model: plans
//!   built through the index equal a brute-force scan of every hook, and
//!   explain, list, remove and enable/disable agree too.

use std::time::{Duration, Instant};

use proptest::prelude::*;
use slothook_core::{
    parse_type_pattern, EnabledFilter, Filter, HookId, HookType, Pattern, Registration, Registry,
    Subset,
};

// ------------------------------------------------------------------------------------------------
// Generators

/// Pattern-ish strings: the language's special characters, dots, letters,
/// non-ASCII text and line terminators, so patterns hit every branch.
fn pattern_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            8 => Just("*"),
            3 => Just("**"),
            4 => Just("?"),
            6 => Just("{"),
            6 => Just("}"),
            6 => Just(","),
            4 => Just("!"),
            6 => Just("."),
            8 => Just("a"),
            6 => Just("b"),
            1 => Just("é"),
            1 => Just("😀"),
            1 => Just("\\"),
            1 => Just("["),
            1 => Just("\n"),
            // brace depth: a few of these reach level 10 along one chain
            1 => Just("{a}{b}{a}"),
            1 => Just("{a,{b,{a,}}}"),
            1 => Just("{a,b}"),
        ],
        0..16,
    )
    .prop_map(|parts| parts.concat())
}

fn path_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            8 => Just("a"),
            6 => Just("b"),
            6 => Just("."),
            1 => Just("é"),
            1 => Just("😀"),
            1 => Just("{"),
            1 => Just("}"),
            1 => Just(","),
            1 => Just("*"),
            1 => Just("!"),
            1 => Just("\n"),
            1 => Just("\u{2028}"),
        ],
        0..9,
    )
    .prop_map(|parts| parts.concat())
}

/// Brace bombs: many groups, wide and nested, a few wildcards.
fn brace_bomb() -> impl Strategy<Value = String> {
    let alt = prop_oneof![
        6 => "[a-c]{0,3}",
        1 => Just("*".to_owned()),
        1 => Just("?x".to_owned()),
        1 => Just("!a".to_owned()),
    ];
    let group =
        proptest::collection::vec(alt, 1..14).prop_map(|alts| format!("{{{}}}", alts.join(",")));
    let nested = (group.clone(), group.clone(), "[a-c.]{0,2}").prop_map(|(outer, inner, text)| {
        // put a group inside the outer one's first alternative
        format!("{{{text}{inner},{}", &outer[1..])
    });
    proptest::collection::vec(
        prop_oneof![3 => group, 1 => nested, 1 => "[a-c.*]{1,3}"],
        1..14,
    )
    .prop_map(|parts| parts.concat())
}

// ------------------------------------------------------------------------------------------------
// The reference: spec §4 transcribed as naively as possible.

const PATTERN_CODES: [&str; 3] = [
    "INVALID_HOOK_PATTERN",
    "HOOK_BRACE_EXPANSION_MAX_DEPTH",
    "HOOK_PATTERN_TOO_COMPLEX",
];

/// §4.3 on `Vec<char>`, depth-first and left to right; errors as codes.
fn ref_expand(s: &[char], depth: u32, out: &mut Vec<Vec<char>>) -> Result<(), &'static str> {
    if depth >= 10 {
        return Err("HOOK_BRACE_EXPANSION_MAX_DEPTH");
    }
    let Some(open) = s.iter().position(|&c| c == '{') else {
        out.push(s.to_vec());
        return Ok(());
    };
    let mut count = 0i32;
    let mut close = None;
    for (i, &c) in s.iter().enumerate().skip(open) {
        if c == '{' {
            count += 1;
        } else if c == '}' {
            count -= 1;
            if count == 0 {
                close = Some(i);
                break;
            }
        }
    }
    let Some(close) = close else {
        out.push(s.to_vec());
        return Ok(());
    };
    let content = &s[open + 1..close];
    if content.is_empty() {
        return Err("INVALID_HOOK_PATTERN");
    }
    let mut pieces = vec![Vec::new()];
    let mut level = 0;
    for &c in content {
        match c {
            '{' => level += 1,
            '}' => level -= 1,
            ',' if level == 0 => {
                pieces.push(Vec::new());
                continue;
            }
            _ => {}
        }
        if let Some(last) = pieces.last_mut() {
            last.push(c);
        }
    }
    for piece in pieces {
        let mut next = s[..open].to_vec();
        next.extend(piece);
        next.extend_from_slice(&s[close + 1..]);
        ref_expand(&next, depth + 1, out)?;
        if out.len() > 10_000 {
            return Err("HOOK_PATTERN_TOO_COMPLEX");
        }
    }
    Ok(())
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Tok {
    DoubleStar,
    Star,
    Single,
    Lit(char),
}

fn is_line_terminator(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// §4.1 step 5: a backtracking matcher over code points.
fn ref_glob(glob: &[char], path: &[char]) -> bool {
    let mut toks = Vec::new();
    let mut i = 0;
    while i < glob.len() {
        if glob[i] == '*' {
            if glob.get(i + 1) == Some(&'*') {
                toks.push(Tok::DoubleStar);
                i += 2;
            } else {
                toks.push(Tok::Star);
                i += 1;
            }
        } else {
            toks.push(if glob[i] == '?' {
                Tok::Single
            } else {
                Tok::Lit(glob[i])
            });
            i += 1;
        }
    }
    fn go(t: &[Tok], p: &[char]) -> bool {
        match t.split_first() {
            None => p.is_empty(),
            Some((Tok::Lit(c), rest)) => p.first() == Some(c) && go(rest, &p[1..]),
            Some((Tok::Single, rest)) => {
                p.first().is_some_and(|&c| !is_line_terminator(c)) && go(rest, &p[1..])
            }
            Some((tok, rest)) => {
                let allowed = |c: char| match tok {
                    Tok::Star => c != '.',
                    _ => !is_line_terminator(c),
                };
                let mut n = 0;
                loop {
                    if go(rest, &p[n..]) {
                        return true;
                    }
                    if n < p.len() && allowed(p[n]) {
                        n += 1;
                    } else {
                        return false;
                    }
                }
            }
        }
    }
    go(&toks, path)
}

/// §4.1 steps 1–4, recursively, exactly as written.
fn ref_match(p: &[char], path: &[char]) -> Result<bool, &'static str> {
    if let Some(('!', rest)) = p.split_first() {
        return ref_match(rest, path).map(|m| !m);
    }
    let mut finals = Vec::new();
    ref_expand(p, 0, &mut finals)?;
    if finals.len() >= 2 {
        let mut any = false;
        for f in &finals {
            any |= ref_match(f, path)?;
        }
        return Ok(any);
    }
    Ok(finals.first().is_some_and(|g| ref_glob(g, path)))
}

fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

// ------------------------------------------------------------------------------------------------
// Pattern properties

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    /// Arbitrary Unicode text: never a panic, only pattern codes, quickly.
    #[test]
    fn compile_never_panics(p in "\\PC{0,60}|.{0,60}", path in ".{0,20}") {
        let start = Instant::now();
        match Pattern::compile(&p) {
            Ok(c) => {
                let _ = c.is_match(&path);
                let _ = c.is_match(&p);
                let _ = c.first_segment_keys();
            }
            Err(e) => prop_assert!(PATTERN_CODES.contains(&e.code()), "{e:?}"),
        }
        prop_assert!(start.elapsed() < Duration::from_secs(2));
    }

    /// The compiler agrees with the reference on every generated pattern and path.
    #[test]
    fn compile_agrees_with_reference(p in pattern_text(), paths in proptest::collection::vec(path_text(), 1..6)) {
        let compiled = Pattern::compile(&p);
        let pc = chars(&p);
        for path in paths.iter().chain([&p]) {
            let want = ref_match(&pc, &chars(path));
            match (&compiled, want) {
                (Ok(c), Ok(m)) => prop_assert_eq!(c.is_match(path), m, "{:?} on {:?}", p, path),
                (Err(e), Err(code)) => prop_assert_eq!(e.code(), code, "{:?}", p),
                (got, want) => prop_assert!(false, "{:?}: got {:?}, reference {:?}", p, got.as_ref().err(), want),
            }
        }
    }

    /// `!P` gives the opposite answer of `P` for every path.
    #[test]
    fn negation_inverts(p in pattern_text(), path in path_text()) {
        prop_assume!(!p.starts_with('!'));
        let pos = Pattern::compile(&p);
        let neg = Pattern::compile(&format!("!{p}"));
        prop_assert_eq!(pos.is_ok(), neg.is_ok());
        if let (Ok(pos), Ok(neg)) = (pos, neg) {
            prop_assert_ne!(pos.is_match(&path), neg.is_match(&path));
        }
    }

    /// A pattern with first-segment keys never matches a path outside them.
    #[test]
    fn index_keys_never_exclude_a_match(p in pattern_text(), path in path_text()) {
        if let Ok(c) = Pattern::compile(&p) {
            if let Some(keys) = c.first_segment_keys() {
                if c.is_match(&path) {
                    let head = slothook_core::first_segment(&path);
                    prop_assert!(keys.iter().any(|k| k == head), "{:?} matched {:?} but keys {:?}", p, path, keys);
                }
            }
        }
    }
}

// ------------------------------------------------------------------------------------------------
// "pattern:type" parsing

fn type_name() -> impl Strategy<Value = HookType> {
    proptest::sample::select(HookType::ALL.to_vec())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    /// Never panics; errors are INVALID_TYPE_PATTERN; a parse rebuilds its input.
    #[test]
    fn type_pattern_never_panics(s in "\\PC{0,30}|[a-z:]{0,12}|(before|after|:|x){0,5}|.{0,20}") {
        match parse_type_pattern(&s) {
            Ok(tp) => {
                prop_assert!(!tp.pattern.is_empty());
                let rebuilt = if tp.legacy {
                    format!("{}:{}", tp.hook_type.as_str(), tp.pattern)
                } else {
                    format!("{}:{}", tp.pattern, tp.hook_type.as_str())
                };
                prop_assert_eq!(rebuilt, s);
            }
            Err(e) => prop_assert_eq!(e.code(), "INVALID_TYPE_PATTERN"),
        }
    }

    /// The suffix form always wins, whatever colons the pattern holds.
    #[test]
    fn suffix_form_round_trips(p in "\\PC{1,20}|[a-z:]{1,12}", t in type_name()) {
        let tp = parse_type_pattern(&format!("{p}:{}", t.as_str())).unwrap();
        prop_assert_eq!((tp.hook_type, tp.pattern.as_str(), tp.legacy), (t, p.as_str(), false));
    }

    /// The legacy prefix form, when the text after the last colon is no type.
    #[test]
    fn prefix_form_is_flagged(p in "\\PC{1,20}|[a-z:]{1,12}", t in type_name()) {
        let tail = p.rsplit(':').next().unwrap_or("");
        prop_assume!(HookType::parse(tail).is_none());
        let tp = parse_type_pattern(&format!("{}:{p}", t.as_str())).unwrap();
        prop_assert_eq!((tp.hook_type, tp.pattern.as_str(), tp.legacy), (t, p.as_str(), true));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// Brace bombs are either compiled (≤ 10,000 alternatives) or refused, fast.
    #[test]
    fn brace_bombs_stay_within_bounds(p in brace_bomb(), path in path_text()) {
        let start = Instant::now();
        match Pattern::compile(&p) {
            Ok(c) => { let _ = c.is_match(&path); }
            Err(e) => prop_assert!(PATTERN_CODES.contains(&e.code()), "{e:?}"),
        }
        prop_assert!(start.elapsed() < Duration::from_secs(3), "{p:?} took {:?}", start.elapsed());
    }
}

// ------------------------------------------------------------------------------------------------
// The registry against a model

#[derive(Clone, Debug)]
enum Op {
    Register {
        t: usize,
        pattern: usize,
        subset: usize,
        priority: usize,
        id: Option<usize>,
    },
    RemoveId(usize),
    RemoveWhere {
        t: Option<usize>,
        pattern: Option<usize>,
    },
    SetEnabledId(usize, bool),
    SetEnabledWhere {
        t: Option<usize>,
        pattern: Option<usize>,
        on: bool,
    },
    Global(bool),
    EnablePattern(usize),
    DisablePattern(usize),
    ResetFilter,
    ClearAll,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        10 => (0usize..4, 0usize..64, 0usize..5, 0usize..8, proptest::option::of(0usize..12)).prop_map(
            |(t, pattern, subset, priority, id)| Op::Register { t, pattern, subset, priority, id }
        ),
        2 => (0usize..16).prop_map(Op::RemoveId),
        1 => (proptest::option::of(0usize..4), proptest::option::of(0usize..64))
            .prop_map(|(t, pattern)| Op::RemoveWhere { t, pattern }),
        2 => (0usize..16, any::<bool>()).prop_map(|(i, on)| Op::SetEnabledId(i, on)),
        1 => (proptest::option::of(0usize..4), proptest::option::of(0usize..64), any::<bool>())
            .prop_map(|(t, pattern, on)| Op::SetEnabledWhere { t, pattern, on }),
        1 => any::<bool>().prop_map(Op::Global),
        1 => (0usize..64).prop_map(Op::EnablePattern),
        1 => (0usize..64).prop_map(Op::DisablePattern),
        1 => Just(Op::ResetFilter),
        1 => Just(Op::ClearAll),
    ]
}

const SUBSETS: [Option<&str>; 5] = [
    Some("before"),
    Some("primary"),
    Some("after"),
    None,
    Some("middle"),
];
const PRIORITIES: [f64; 8] = [
    0.0,
    1.0,
    -1.0,
    f64::NAN,
    -0.0,
    f64::INFINITY,
    f64::NEG_INFINITY,
    2.5,
];

#[derive(Clone, Debug)]
struct ModelHook {
    handle: u32,
    id: HookId,
    t: HookType,
    subset: Subset,
    priority: f64,
    seq: u64,
    enabled: bool,
    pattern: String,
}

#[derive(Debug)]
struct Model {
    hooks: Vec<ModelHook>, // registration order
    compiled: std::cell::RefCell<std::collections::HashMap<String, Option<Pattern>>>,
    enabled: bool,
    default: Option<String>,
    filter: Vec<String>,
    active: bool,
    counter: u64,
    seq: u64,
}

impl Model {
    /// `Pattern::compile(p)?.is_match(path)`, compiled once per model.
    fn glob(&self, p: &str, path: &str) -> bool {
        let mut cache = self.compiled.borrow_mut();
        cache
            .entry(p.to_owned())
            .or_insert_with(|| Pattern::compile(p).ok())
            .as_ref()
            .is_some_and(|c| c.is_match(path))
    }

    fn matches(&self, h: &ModelHook, path: &str) -> bool {
        h.pattern == path || self.glob(&h.pattern, path)
    }

    fn passes(&self, path: &str) -> bool {
        !self.active || self.filter.iter().any(|p| self.glob(p, path))
    }

    /// Firing order of the hooks of `t` matching `path` (brute force).
    fn matching(&self, t: HookType, path: &str) -> Vec<&ModelHook> {
        let mut v: Vec<&ModelHook> = self
            .hooks
            .iter()
            .filter(|h| h.t == t && self.matches(h, path))
            .collect();
        v.sort_by(|a, b| {
            a.subset
                .cmp(&b.subset)
                .then(
                    b.priority
                        .partial_cmp(&a.priority)
                        .unwrap_or(std::cmp::Ordering::Equal),
                )
                .then(a.seq.cmp(&b.seq))
        });
        v
    }

    fn list_order(&self) -> Vec<u32> {
        let mut v: Vec<&ModelHook> = self.hooks.iter().collect();
        v.sort_by_key(|h| (h.t, h.subset, h.seq));
        v.into_iter().map(|h| h.handle).collect()
    }

    fn select(&self, t: Option<HookType>, pattern: Option<&str>) -> Vec<u32> {
        let mut v: Vec<&ModelHook> = self
            .hooks
            .iter()
            .filter(|h| t.is_none_or(|t| h.t == t) && pattern.is_none_or(|p| h.pattern == p))
            .collect();
        v.sort_by_key(|h| (h.t, h.subset, h.seq));
        v.into_iter().map(|h| h.handle).collect()
    }
}

fn check_against_model(
    reg: &Registry,
    model: &Model,
    paths: &[String],
) -> Result<(), TestCaseError> {
    prop_assert_eq!(reg.len(), model.hooks.len());
    prop_assert_eq!(reg.enabled(), model.enabled);
    let state = reg.filter_state();
    prop_assert_eq!(state.active, model.active);
    prop_assert_eq!(&state.patterns, &model.filter);
    for h in &model.hooks {
        let info = reg.info(h.handle);
        prop_assert!(info.is_some());
        let info = info.unwrap();
        prop_assert_eq!(&info.id, &h.id);
        prop_assert_eq!(info.enabled, h.enabled);
        prop_assert_eq!(info.hook_type, h.t);
        prop_assert_eq!(info.subset, h.subset);
        prop_assert_eq!(&info.pattern, &h.pattern);
        prop_assert_eq!(reg.handle_of(&h.id), Some(h.handle));
    }
    prop_assert_eq!(
        reg.list(&Filter::default(), EnabledFilter::Any).unwrap(),
        model.list_order()
    );
    let only_on: Vec<u32> = model
        .list_order()
        .into_iter()
        .filter(|&h| model.hooks.iter().any(|m| m.handle == h && m.enabled))
        .collect();
    prop_assert_eq!(
        reg.list(&Filter::default(), EnabledFilter::Only(true))
            .unwrap(),
        only_on
    );
    // every registered pattern string as a path too: the identical-string shortcut
    let all_paths = paths.iter().chain(model.hooks.iter().map(|h| &h.pattern));
    for path in all_paths {
        let plan = reg.plan(path);
        let explained = reg.explain(path);
        let passes = model.passes(path);
        prop_assert_eq!(explained.filter_passes, passes);
        prop_assert_eq!(explained.enabled, model.enabled);
        for t in HookType::ALL {
            let matching = model.matching(t, path);
            let want: Vec<u32> = if model.enabled && passes {
                matching
                    .iter()
                    .filter(|h| h.enabled)
                    .map(|h| h.handle)
                    .collect()
            } else {
                Vec::new()
            };
            prop_assert_eq!(plan.of(t), &want[..], "plan {:?} {:?}", t, path);
            let got: Vec<(u32, bool, bool)> = explained.hooks[t.index()]
                .iter()
                .map(|e| (e.handle, e.enabled, e.will_fire))
                .collect();
            let want: Vec<(u32, bool, bool)> = matching
                .iter()
                .map(|h| (h.handle, h.enabled, h.enabled && model.enabled && passes))
                .collect();
            prop_assert_eq!(got, want, "explain {:?} {:?}", t, path);
        }
    }
    Ok(())
}

fn run_op(
    reg: &mut Registry,
    model: &mut Model,
    op: &Op,
    patterns: &[String],
) -> Result<(), TestCaseError> {
    let pat = |i: usize| patterns[i % patterns.len()].as_str();
    let gen_before = reg.generation();
    let pick = |model: &Model, i: usize| -> HookId {
        if model.hooks.is_empty() || i >= 12 {
            HookId::Str(format!("missing{i}"))
        } else {
            model.hooks[i % model.hooks.len()].id.clone()
        }
    };
    let changed = match op {
        Op::Register {
            t,
            pattern,
            subset,
            priority,
            id,
        } => {
            let t = HookType::ALL[*t];
            let p = pat(*pattern);
            let id = id.map(|k| {
                if k % 3 == 0 {
                    HookId::Str(format!("hook-{k}"))
                } else {
                    HookId::Str(format!("id{k}"))
                }
            });
            let got = reg.register(Registration {
                hook_type: t,
                pattern: Ok(p),
                id: id.clone(),
                subset: SUBSETS[*subset],
                priority: PRIORITIES[*priority],
            });
            // the model's expectation, step by step (§3.2)
            let taken = |id: &HookId| model.hooks.iter().any(|h| &h.id == id);
            let expected_id = match &id {
                Some(id) if taken(id) => Err("DUPLICATE_HOOK_ID"),
                Some(id) => Ok(id.clone()),
                None => loop {
                    model.counter += 1;
                    let c = HookId::Str(format!("hook-{}", model.counter));
                    if !taken(&c) {
                        break Ok(c);
                    }
                },
            };
            let expected = expected_id.and_then(|id| {
                let subset = match SUBSETS[*subset] {
                    None => Subset::Primary,
                    Some(s) => Subset::parse(s).ok_or("INVALID_HOOK_SUBSET")?,
                };
                Pattern::compile(p).map_err(|e| e.code())?;
                Ok((id, subset))
            });
            match (got, expected) {
                (Ok(r), Ok((id, subset))) => {
                    prop_assert_eq!(&r.id, &id);
                    prop_assert!(model.hooks.iter().all(|h| h.handle != r.handle));
                    model.seq += 1;
                    let priority = PRIORITIES[*priority];
                    model.hooks.push(ModelHook {
                        handle: r.handle,
                        id,
                        t,
                        subset,
                        priority: if priority.is_nan() { 0.0 } else { priority },
                        seq: model.seq,
                        enabled: true,
                        pattern: p.to_owned(),
                    });
                    true
                }
                (Err(e), Err(code)) => {
                    prop_assert_eq!(e.code(), code);
                    false
                }
                (got, want) => {
                    prop_assert!(false, "register {:?}: got {:?}, model {:?}", p, got, want);
                    false
                }
            }
        }
        Op::RemoveId(i) => {
            let id = pick(model, *i);
            let removed = reg.remove(&Filter {
                id: Some(id.clone()),
                ..Filter::default()
            });
            let want: Vec<u32> = model
                .hooks
                .iter()
                .filter(|h| h.id == id)
                .map(|h| h.handle)
                .collect();
            prop_assert_eq!(&removed, &want);
            model.hooks.retain(|h| h.id != id);
            !removed.is_empty()
        }
        Op::RemoveWhere { t, pattern } => {
            let t = t.map(|t| HookType::ALL[t]);
            let p = pattern.map(pat);
            let removed = reg.remove(&Filter {
                id: None,
                hook_type: t,
                pattern: p.map(str::to_owned),
            });
            let p = p.filter(|p| !p.is_empty());
            prop_assert_eq!(&removed, &model.select(t, p));
            model.hooks.retain(|h| !removed.contains(&h.handle));
            !removed.is_empty()
        }
        Op::SetEnabledId(i, on) => {
            let id = pick(model, *i);
            let n = reg.set_enabled(
                &Filter {
                    id: Some(id.clone()),
                    ..Filter::default()
                },
                *on,
            );
            let mut want = 0;
            for h in model.hooks.iter_mut().filter(|h| h.id == id) {
                h.enabled = *on;
                want += 1;
            }
            prop_assert_eq!(n, want);
            true
        }
        Op::SetEnabledWhere { t, pattern, on } => {
            let t = t.map(|t| HookType::ALL[t]);
            let p = pattern.map(pat);
            let n = reg.set_enabled(
                &Filter {
                    id: None,
                    hook_type: t,
                    pattern: p.map(str::to_owned),
                },
                *on,
            );
            let selected = model.select(t, p.filter(|p| !p.is_empty()));
            prop_assert_eq!(n as usize, selected.len());
            for h in model
                .hooks
                .iter_mut()
                .filter(|h| selected.contains(&h.handle))
            {
                h.enabled = *on;
            }
            true
        }
        Op::Global(on) => {
            reg.set_global_enabled(*on);
            let changed = model.enabled != *on;
            model.enabled = *on;
            changed
        }
        Op::EnablePattern(i) => {
            let p = pat(*i);
            match (reg.enable_pattern(p), Pattern::compile(p)) {
                (Ok(n), Ok(_)) => {
                    if !model.filter.iter().any(|x| x == p) {
                        model.filter.push(p.to_owned());
                    }
                    model.active = true;
                    prop_assert_eq!(n, model.filter.len());
                    true
                }
                (Err(e), Err(want)) => {
                    prop_assert_eq!(e, want);
                    false
                }
                (got, want) => {
                    prop_assert!(
                        false,
                        "enable_pattern {:?}: {:?} vs {:?}",
                        p,
                        got,
                        want.err()
                    );
                    false
                }
            }
        }
        Op::DisablePattern(i) => {
            let p = pat(*i);
            let n = reg.disable_pattern(p);
            let before = model.filter.len();
            model.filter.retain(|x| x != p);
            if model.filter.is_empty() && before != 0 {
                model.active = false;
            }
            prop_assert_eq!(n, model.filter.len());
            before != model.filter.len()
        }
        Op::ResetFilter => {
            reg.reset_pattern_filter();
            model.filter = model.default.iter().cloned().collect();
            model.active = model.default.is_some();
            true
        }
        Op::ClearAll => {
            reg.clear_all();
            model.hooks.clear();
            model.counter = 0;
            true
        }
    };
    prop_assert_eq!(
        reg.generation() != gen_before,
        changed,
        "generation after {:?}",
        op
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Random operation sequences: the registry equals the model after every
    /// step, and plans built through the index equal a brute-force scan.
    #[test]
    fn registry_agrees_with_model(
        generated in proptest::collection::vec(pattern_text(), 8..16),
        ops in proptest::collection::vec(op(), 1..40),
        paths in proptest::collection::vec(path_text(), 1..6),
        default in proptest::option::of(prop_oneof![Just("a.*".to_owned()), Just("**".to_owned()), Just(String::new()), pattern_text()]),
        enabled in any::<bool>(),
    ) {
        let mut patterns: Vec<String> = [
            "a.*", "a", "**", "*", "a.b", "{a,b}.*", "!a.*", "*.b", "a?", "", "{a,}", "b.**", "{!a,b}",
            "{}", "{a}{a}{a}{a}{a}{a}{a}{a}{a}{a}",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        patterns.extend(generated);
        let mut paths = paths;
        paths.extend(["a.b", "a", "b", "", "a.b.c"].map(str::to_owned));

        let reg = Registry::new(enabled, default.as_deref());
        let model_default = default.filter(|d| !d.is_empty() && d != "**");
        let compiled_default = model_default.as_deref().map(Pattern::compile).transpose();
        prop_assert_eq!(reg.is_ok(), compiled_default.is_ok());
        let Ok(mut reg) = reg else { return Ok(()) };
        let mut model = Model {
            hooks: Vec::new(),
            compiled: Default::default(),
            enabled,
            filter: model_default.iter().cloned().collect(),
            active: model_default.is_some(),
            default: model_default,
            counter: 0,
            seq: 0,
        };
        check_against_model(&reg, &model, &paths)?;
        for op in &ops {
            run_op(&mut reg, &mut model, op, &patterns)?;
            check_against_model(&reg, &model, &paths)?;
        }
    }
}
