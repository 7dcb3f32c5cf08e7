//! Property tests for the core: the compiler never panics and stays within its
//! bounds, negation inverts, and plans built through the index equal a
//! brute-force scan of every hook.

use proptest::prelude::*;
use slothook_core::{Filter, HookId, HookType, Pattern, Registration, Registry};

/// Pattern-ish strings: the language's special characters, dots, letters and
/// some non-ASCII text, so generated patterns hit every branch of the compiler.
fn pattern_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("*".to_owned()),
            Just("**".to_owned()),
            Just("?".to_owned()),
            Just("{".to_owned()),
            Just("}".to_owned()),
            Just(",".to_owned()),
            Just("!".to_owned()),
            Just(".".to_owned()),
            Just("a".to_owned()),
            Just("b".to_owned()),
            Just("é".to_owned()),
            Just("😀".to_owned()),
            Just("\\".to_owned()),
            Just("[".to_owned()),
        ],
        0..14,
    )
    .prop_map(|parts| parts.concat())
}

fn path_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("a".to_owned()),
            Just("b".to_owned()),
            Just(".".to_owned()),
            Just("é".to_owned()),
            Just("😀".to_owned()),
            Just("{".to_owned()),
            Just("*".to_owned()),
            Just("!".to_owned()),
        ],
        0..8,
    )
    .prop_map(|parts| parts.concat())
}

/// A brute-force plan: test every hook's pattern (identical string or
/// compiled matcher) and sort by (subset, priority desc, registration order).
fn brute_force(hooks: &[(HookType, String, f64, usize)], path: &str) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); 4];
    for (i, (t, p, _, _)) in hooks.iter().enumerate() {
        let compiled = Pattern::compile(p).expect("registered patterns compile");
        if p == path || compiled.is_match(path) {
            out[t.index()].push(i);
        }
    }
    for list in &mut out {
        list.sort_by(|&a, &b| {
            let (_, _, pa, sa) = &hooks[a];
            let (_, _, pb, sb) = &hooks[b];
            sa.cmp(sb)
                .then(pb.partial_cmp(pa).unwrap_or(std::cmp::Ordering::Equal))
                .then(a.cmp(&b))
        });
    }
    out
}

const SUBSETS: [&str; 3] = ["before", "primary", "after"];

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn compile_never_panics(p in ".{0,40}", path in ".{0,20}") {
        if let Ok(c) = Pattern::compile(&p) {
            let _ = c.is_match(&path);
            let _ = c.first_segment_keys();
        }
    }

    #[test]
    fn compile_pattern_language_never_panics(p in pattern_text(), path in path_text()) {
        match Pattern::compile(&p) {
            Ok(c) => { let _ = c.is_match(&path); }
            Err(e) => prop_assert!(matches!(
                e.code(),
                "INVALID_HOOK_PATTERN" | "HOOK_BRACE_EXPANSION_MAX_DEPTH" | "HOOK_PATTERN_TOO_COMPLEX"
            )),
        }
    }

    #[test]
    fn negation_inverts(p in pattern_text(), path in path_text()) {
        prop_assume!(!p.starts_with('!'));
        if let (Ok(pos), Ok(neg)) = (Pattern::compile(&p), Pattern::compile(&format!("!{p}"))) {
            prop_assert_ne!(pos.is_match(&path), neg.is_match(&path));
        }
    }

    #[test]
    fn index_keys_never_exclude_a_match(p in pattern_text(), path in path_text()) {
        if let Ok(c) = Pattern::compile(&p) {
            if let Some(keys) = c.first_segment_keys() {
                if c.is_match(&path) {
                    let head = path.split('.').next().unwrap_or("");
                    prop_assert!(keys.iter().any(|k| k == head), "{p:?} matched {path:?} but keys {keys:?}");
                }
            }
        }
    }

    #[test]
    fn plans_equal_brute_force(
        specs in proptest::collection::vec((0usize..4, pattern_text(), -2i32..3, 0usize..3, any::<bool>()), 0..24),
        paths in proptest::collection::vec(path_text(), 1..8),
        remove_some in any::<bool>(),
    ) {
        let mut reg = Registry::new(true, None).unwrap();
        let mut kept: Vec<(HookType, String, f64, usize)> = Vec::new();
        let mut handles = Vec::new();
        for (i, (t, p, prio, subset, enabled)) in specs.iter().enumerate() {
            let t = HookType::ALL[*t];
            let r = reg.register(Registration {
                hook_type: t,
                pattern: Ok(p),
                id: Some(HookId::Str(format!("h{i}"))),
                subset: Some(SUBSETS[*subset]),
                priority: f64::from(*prio),
            });
            let Ok(r) = r else { continue };
            if remove_some && i % 3 == 0 {
                reg.remove(&Filter { id: Some(r.id), ..Filter::default() });
                continue;
            }
            if !enabled {
                reg.set_enabled(&Filter { id: Some(r.id), ..Filter::default() }, false);
                continue;
            }
            kept.push((t, p.clone(), f64::from(*prio), *subset));
            handles.push(r.handle);
        }
        for path in &paths {
            let plan = reg.plan(path);
            let expected = brute_force(&kept, path);
            for t in HookType::ALL {
                let got: Vec<u32> = plan.of(t).to_vec();
                let want: Vec<u32> = expected[t.index()].iter().map(|&i| handles[i]).collect();
                prop_assert_eq!(got, want, "type {:?} path {:?}", t, path);
            }
        }
    }
}
