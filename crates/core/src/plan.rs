//! Per-path plans and `explain` (spec §5 with §11 (a), §4.5).
//!
//! A plan lists, for each hook type, the handles of the hooks that fire for
//! one path, in firing order: subset (before → primary → after), then
//! priority (highest first; `NaN` counts as `0`, `-0` equals `0`), then
//! global registration order. It is empty when the global flag is off or the
//! global path filter rejects the path.
//!
//! A hook matches a path when its pattern string is identical to the path
//! (no compilation involved, so `{a,b}` fires for a path literally named
//! `{a,b}`) or its compiled pattern matches. Only candidate groups are tested:
//! the group whose string equals the path, the groups the first-segment
//! index files under the path's first segment, and the unindexed groups.
//!
//! The caller caches plans per path and rebuilds one only when
//! [`Registry::generation`] has moved.
//!
//! Which hooks match is the registry's answer
//! ([`Registry::matching_hooks`]); this module only ranks them.

use std::cmp::Ordering;

use crate::kinds::{Handle, HookType, Subset};
use crate::registry::Registry;

/// The handles that fire for one path, per type, in firing order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// Indexed by [`HookType::index`].
    pub by_type: [Vec<Handle>; 4],
}

impl Plan {
    /// Whether no hook fires.
    pub fn is_empty(&self) -> bool {
        self.by_type.iter().all(Vec::is_empty)
    }

    /// The handles of one type, in firing order.
    pub fn of(&self, t: HookType) -> &[Handle] {
        &self.by_type[t.index()]
    }
}

/// One hook in an [`Explanation`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExplainedHook {
    /// The hook.
    pub handle: Handle,
    /// Its own flag.
    pub enabled: bool,
    /// Whether it fires for the path: its own flag, the global flag and the
    /// path filter all allow it.
    pub will_fire: bool,
}

/// Why hooks do or don't fire for a path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    /// The global flag.
    pub enabled: bool,
    /// Whether the global path filter is active.
    pub filter_active: bool,
    /// Whether the path passes it (always `true` while it is inactive).
    pub filter_passes: bool,
    /// Every hook whose pattern matches the path, enabled or not, indexed by
    /// [`HookType::index`], each list in firing order. Non-matching hooks are
    /// not listed.
    pub hooks: [Vec<ExplainedHook>; 4],
}

/// A matched hook with its firing-order key.
struct Ranked {
    subset: Subset,
    priority: f64,
    seq: u64,
    handle: Handle,
}

fn firing_order(a: &Ranked, b: &Ranked) -> Ordering {
    a.subset
        .cmp(&b.subset)
        // NaN is stored as 0, so this never sees one; -0 == 0 here.
        .then_with(|| {
            b.priority
                .partial_cmp(&a.priority)
                .unwrap_or(Ordering::Equal)
        })
        .then_with(|| a.seq.cmp(&b.seq))
}

impl Registry {
    /// Every hook whose pattern matches `path` (enabled ones only, if
    /// `only_enabled`), per type and in firing order.
    fn matching(&self, path: &str, only_enabled: bool) -> [Vec<Handle>; 4] {
        let mut found: [Vec<Ranked>; 4] = Default::default();
        for (handle, info) in self.matching_hooks(path) {
            if only_enabled && !info.enabled {
                continue;
            }
            found[info.hook_type.index()].push(Ranked {
                subset: info.subset,
                priority: info.priority,
                seq: info.sequence(),
                handle,
            });
        }
        found.map(|mut list| {
            list.sort_unstable_by(firing_order);
            list.into_iter().map(|r| r.handle).collect()
        })
    }

    /// The plan for `path`: empty if the global flag is off or the path
    /// filter rejects `path`; otherwise, per type, the enabled hooks whose
    /// pattern matches (identical string or compiled matcher, §4.5), in firing
    /// order (subset → priority desc → registration order).
    pub fn plan(&self, path: &str) -> Plan {
        if !self.enabled() || !self.path_passes_filter(path) {
            return Plan::default();
        }
        Plan {
            by_type: self.matching(path, true),
        }
    }

    /// Why hooks do or don't fire for `path`: the global flag, the path
    /// filter's verdict, and every registered hook whose pattern matches
    /// `path` (enabled or not), per type in firing order, each with whether
    /// it will fire.
    pub fn explain(&self, path: &str) -> Explanation {
        let enabled = self.enabled();
        let filter_passes = self.path_passes_filter(path);
        let hooks = self.matching(path, false).map(|list| {
            list.into_iter()
                .map(|h| {
                    let own = self.info(h).is_some_and(|i| i.enabled);
                    ExplainedHook {
                        handle: h,
                        enabled: own,
                        will_fire: own && enabled && filter_passes,
                    }
                })
                .collect()
        });
        Explanation {
            enabled,
            filter_active: self.filter_active(),
            filter_passes,
            hooks,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinds::HookId;
    use crate::registry::{Filter, Registration};

    fn add(
        r: &mut Registry,
        t: HookType,
        p: &str,
        id: &str,
        subset: Option<&str>,
        priority: f64,
    ) -> Handle {
        r.register(Registration {
            hook_type: t,
            pattern: Ok(p),
            id: Some(HookId::Str(id.into())),
            subset,
            priority,
        })
        .unwrap()
        .handle
    }

    fn before(r: &mut Registry, p: &str, id: &str) -> Handle {
        add(r, HookType::Before, p, id, None, 0.0)
    }

    fn names(r: &Registry, hs: &[Handle]) -> Vec<String> {
        hs.iter()
            .map(|&h| r.info(h).unwrap().id.to_string())
            .collect()
    }

    fn fired(r: &Registry, t: HookType, path: &str) -> Vec<String> {
        names(r, r.plan(path).of(t))
    }

    fn by_id(id: &str) -> Filter {
        Filter {
            id: Some(HookId::Str(id.into())),
            ..Filter::default()
        }
    }

    /// §11 (a) and the §5 example: global registration order, not pattern groups.
    #[test]
    fn registration_order_not_group_order() {
        let mut r = Registry::new(true, None).unwrap();
        before(&mut r, "math.*", "A");
        before(&mut r, "math.add", "B");
        before(&mut r, "math.*", "C");
        before(&mut r, "**", "D");
        assert_eq!(
            fired(&r, HookType::Before, "math.add"),
            ["A", "B", "C", "D"]
        );
        // integer-like patterns get no precedence
        before(&mut r, "**", "X");
        before(&mut r, "1", "Y");
        assert_eq!(fired(&r, HookType::Before, "1"), ["D", "X", "Y"]);
        // removing A and re-registering math.* puts the new hook last
        r.remove(&by_id("A"));
        before(&mut r, "math.*", "A2");
        assert_eq!(
            fired(&r, HookType::Before, "math.add"),
            ["B", "C", "D", "X", "A2"]
        );
    }

    #[test]
    fn order_is_subset_priority_registration() {
        let mut r = Registry::new(true, None).unwrap();
        let t = HookType::Before;
        add(&mut r, t, "math.*", "A", None, 0.0);
        add(&mut r, t, "math.add", "B", None, 0.0);
        add(&mut r, t, "math.*", "C", None, 0.0);
        add(&mut r, t, "**", "D", None, 0.0);
        add(&mut r, t, "**", "E", Some("before"), -5.0);
        add(&mut r, t, "math.add", "F", Some("after"), 100.0);
        add(&mut r, t, "*.add", "G", None, 10.0);
        add(&mut r, t, "math.add", "H", None, f64::NAN);
        add(&mut r, t, "math.add", "I", None, -0.0);
        add(&mut r, t, "math.add", "J", None, f64::INFINITY);
        add(&mut r, t, "math.add", "K", None, f64::NEG_INFINITY);
        add(&mut r, t, "math.add", "L", None, -1.0);
        add(&mut r, t, "math.add", "M", None, 0.5);
        add(&mut r, t, "math.add", "N", Some("before"), f64::NAN);
        add(&mut r, t, "math.add", "O", Some("after"), f64::NEG_INFINITY);
        let p = r.plan("math.add");
        assert_eq!(
            names(&r, p.of(t)),
            ["N", "E", "J", "G", "M", "A", "B", "C", "D", "H", "I", "L", "K", "F", "O"]
        );
        assert!(p.of(HookType::After).is_empty());
        assert!(!p.is_empty());
    }

    #[test]
    fn types_are_independent_lists() {
        let mut r = Registry::new(true, None).unwrap();
        for (i, t) in HookType::ALL.into_iter().enumerate() {
            add(
                &mut r,
                t,
                "x.*",
                &format!("{}1", t.as_str()),
                None,
                i as f64,
            );
            add(&mut r, t, "**", &format!("{}2", t.as_str()), None, 10.0);
        }
        let p = r.plan("x.y");
        for t in HookType::ALL {
            assert_eq!(
                names(&r, p.of(t)),
                [format!("{}2", t.as_str()), format!("{}1", t.as_str())]
            );
        }
        assert_eq!(r.plan("y").by_type.map(|v| v.len()), [1, 1, 1, 1]);
    }

    /// §4.5: an identical pattern string matches without the compiled matcher.
    #[test]
    fn identical_string_shortcut() {
        let mut r = Registry::new(true, None).unwrap();
        before(&mut r, "{a,b}", "X");
        add(&mut r, HookType::After, "!!a", "Y", None, 0.0);
        add(&mut r, HookType::Error, "!x", "Z", None, 0.0);
        assert_eq!(fired(&r, HookType::Before, "{a,b}"), ["X"]);
        assert_eq!(fired(&r, HookType::Before, "a"), ["X"]);
        assert_eq!(fired(&r, HookType::After, "!!a"), ["Y"]);
        assert_eq!(fired(&r, HookType::After, "a"), ["Y"]);
        // identical string, although the compiled `!x` matches "!x" anyway
        assert_eq!(fired(&r, HookType::Error, "!x"), ["Z"]);
        assert!(fired(&r, HookType::Error, "x").is_empty());
        assert!(r.plan("c").of(HookType::Before).is_empty());
    }

    #[test]
    fn empty_group_patterns_never_register() {
        let mut r = Registry::new(true, None).unwrap();
        let e = r.register(Registration {
            hook_type: HookType::Before,
            pattern: Ok("{}"),
            id: None,
            subset: None,
            priority: 0.0,
        });
        assert_eq!(e.unwrap_err().code(), "INVALID_HOOK_PATTERN");
        assert!(r.plan("{}").is_empty());
    }

    #[test]
    fn disabled_hooks_global_flag_and_path_filter() {
        let mut r = Registry::new(true, None).unwrap();
        let x = before(&mut r, "a", "X");
        add(&mut r, HookType::After, "*", "Y", None, 0.0);
        r.set_enabled(&by_id("X"), false);
        assert!(r.plan("a").of(HookType::Before).is_empty());
        assert_eq!(fired(&r, HookType::After, "a"), ["Y"]);
        let x_explained = r.explain("a");
        assert_eq!(
            x_explained.hooks[0],
            [ExplainedHook {
                handle: x,
                enabled: false,
                will_fire: false
            }]
        );
        assert!(x_explained.hooks[1][0].will_fire);
        assert!(x_explained.enabled && !x_explained.filter_active && x_explained.filter_passes);

        r.enable_pattern("zzz").unwrap();
        assert!(r.plan("a").is_empty());
        let e = r.explain("a");
        assert!(e.filter_active && !e.filter_passes && !e.hooks[1][0].will_fire);
        assert_eq!(e.hooks[1].len(), 1, "filtered hooks are still explained");
        r.reset_pattern_filter();

        r.set_global_enabled(false);
        assert!(r.plan("a").is_empty());
        let e = r.explain("a");
        assert!(!e.enabled && !e.hooks[1][0].will_fire && e.hooks[1][0].enabled);
        r.set_global_enabled(true);
        assert_eq!(fired(&r, HookType::After, "a"), ["Y"]);
    }

    #[test]
    fn path_filter_has_no_identical_string_shortcut() {
        let mut r = Registry::new(true, Some("{a,b}")).unwrap();
        before(&mut r, "**", "X");
        before(&mut r, "{a,b}", "Y");
        assert!(r.plan("{a,b}").is_empty());
        assert_eq!(fired(&r, HookType::Before, "a"), ["X", "Y"]);
    }

    #[test]
    fn explain_lists_only_matching_hooks_in_firing_order() {
        let mut r = Registry::new(true, None).unwrap();
        add(&mut r, HookType::Before, "m.*", "low", None, -1.0);
        add(&mut r, HookType::Before, "m.x", "high", None, 1.0);
        add(&mut r, HookType::Before, "n.*", "other", None, 0.0);
        add(&mut r, HookType::Error, "**", "err", Some("after"), 0.0);
        r.set_enabled(&by_id("high"), false);
        let e = r.explain("m.x");
        let listed = |t: HookType| {
            e.hooks[t.index()]
                .iter()
                .map(|h| {
                    (
                        r.info(h.handle).unwrap().id.to_string(),
                        h.enabled,
                        h.will_fire,
                    )
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(
            listed(HookType::Before),
            [("high".into(), false, false), ("low".into(), true, true)]
        );
        assert_eq!(listed(HookType::Error), [("err".into(), true, true)]);
        assert!(listed(HookType::After).is_empty());
        assert!(r.explain("q").hooks.iter().take(3).all(Vec::is_empty));
    }

    /// The plan only tests candidate groups, yet misses nothing.
    #[test]
    fn index_candidates_cover_every_match() {
        let mut r = Registry::new(true, None).unwrap();
        let patterns = [
            "math.*",
            "math",
            "{math,str}.x",
            "*.x",
            "**",
            "!math.*",
            "m?th.x",
            "{!math,a}",
            "{a,}",
            "",
            ".x",
            "math.**",
            "{math.x,*}",
            "!!math.x",
            "{!a}",
        ];
        for (i, p) in patterns.iter().enumerate() {
            before(&mut r, p, &format!("{i}:{p}"));
        }
        for path in [
            "math",
            "math.x",
            "str.x",
            "a",
            "",
            ".x",
            "math.y.z",
            "!a",
            "m?th.x",
            "{math,str}.x",
            "x",
            "mxth.x",
            "数学.x",
        ] {
            let brute: Vec<String> = patterns
                .iter()
                .enumerate()
                .filter(|(_, p)| **p == path || crate::Pattern::compile(p).unwrap().is_match(path))
                .map(|(i, p)| format!("{i}:{p}"))
                .collect();
            assert_eq!(fired(&r, HookType::Before, path), brute, "{path:?}");
        }
    }

    #[test]
    fn many_patterns_plan_uses_the_index() {
        let mut r = Registry::new(true, None).unwrap();
        for i in 0..10_000 {
            before(&mut r, &format!("svc{i}.*"), &format!("h{i}"));
        }
        add(&mut r, HookType::After, "**", "all", None, 0.0);
        let start = std::time::Instant::now();
        for i in 0..1000 {
            let p = r.plan(&format!("svc{}.op", i * 7));
            assert_eq!(p.of(HookType::Before).len(), 1);
        }
        // 1000 plans over 10,000 patterns: each tests 2 groups, not 10,001
        assert!(start.elapsed() < std::time::Duration::from_secs(2));
        let p = r.plan("svc4321.op");
        assert_eq!(names(&r, p.of(HookType::Before)), ["h4321"]);
        assert_eq!(names(&r, p.of(HookType::After)), ["all"]);
        assert!(r.plan("svc4321").of(HookType::Before).is_empty());
    }
}
