//! Compiles arbitrary input as a pattern and matches it against the input's
//! own pieces: the compiler must never panic, hang or exhaust memory, and a
//! negation must invert its pattern.
#![no_main]

use libfuzzer_sys::fuzz_target;
use slothook_core::{Pattern, Registration, Registry, HookType};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (pattern, path) = text.split_once('\u{0}').unwrap_or((text, text));
    if let Ok(p) = Pattern::compile(pattern) {
        let matched = p.is_match(path);
        let _ = p.first_segment_keys();
        if !pattern.starts_with('!') {
            if let Ok(neg) = Pattern::compile(&format!("!{pattern}")) {
                assert_ne!(matched, neg.is_match(path));
            }
        }
        let mut reg = Registry::new(true, None).expect("registry");
        let registered = reg.register(Registration {
            hook_type: HookType::Before,
            pattern: Ok(pattern),
            id: None,
            subset: None,
            priority: 0.0,
        });
        if registered.is_ok() {
            let plan = reg.plan(path);
            assert_eq!(plan.of(HookType::Before).len(), usize::from(matched || pattern == path));
        }
    }
});
