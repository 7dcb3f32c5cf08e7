//! Per-path plans and `explain` (spec §5 with §11 (a), §11.11).
//!
//! A plan lists, for each hook type, the handles that fire for one path, in
//! firing order: subset (before → primary → after), then priority (highest
//! first, `NaN` as `0`), then global registration order. It is empty when the
//! global flag is off or the global path filter rejects the path. The JS side
//! caches plans and rebuilds one only when [`Registry::generation`] moved.

use std::cmp::Ordering;

use crate::kinds::HookType;
use crate::pattern::first_segment;
use crate::registry::{Handle, HookInfo, Registry};

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

    /// The handles of one type.
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
    /// Whether it fires: its flag, the global flag and the path filter all allow it.
    pub will_fire: bool,
}

/// Why hooks do or don't fire for a path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    /// The global flag.
    pub enabled: bool,
    /// Whether the global path filter is active.
    pub filter_active: bool,
    /// Whether the path passes it.
    pub filter_passes: bool,
    /// Every hook whose pattern matches the path (enabled or not), per type, in firing order.
    pub hooks: [Vec<ExplainedHook>; 4],
}

fn firing_order(a: &HookInfo, b: &HookInfo) -> Ordering {
    a.subset
        .cmp(&b.subset)
        .then_with(|| {
            b.priority
                .partial_cmp(&a.priority)
                .unwrap_or(Ordering::Equal)
        })
        .then_with(|| a.seq.cmp(&b.seq))
}

impl Registry {
    /// Every hook whose pattern matches `path` (identical string or compiled
    /// matcher, §4.5), enabled or not, per type and in firing order.
    fn matching(&self, path: &str) -> [Vec<Handle>; 4] {
        let mut out: [Vec<Handle>; 4] = Default::default();
        let exact = self.group_by_text.get(path).copied();
        let candidates = self
            .index
            .candidates(first_segment(path))
            .filter(|&g| Some(g) != exact);
        for g in exact.into_iter().chain(candidates) {
            let Some(group) = self.groups.get(g).and_then(Option::as_ref) else {
                continue;
            };
            if Some(g) != exact && !group.pattern.is_match(path) {
                continue;
            }
            for &h in &group.hooks {
                if let Some(info) = self.info(h) {
                    out[info.hook_type.index()].push(h);
                }
            }
        }
        for list in &mut out {
            list.sort_by(|&a, &b| match (self.info(a), self.info(b)) {
                (Some(a), Some(b)) => firing_order(a, b),
                _ => Ordering::Equal,
            });
        }
        out
    }

    /// The plan for `path` (see the module docs).
    pub fn plan(&self, path: &str) -> Plan {
        if !self.enabled() || !self.path_passes_filter(path) {
            return Plan::default();
        }
        let mut by_type = self.matching(path);
        for list in &mut by_type {
            list.retain(|&h| self.info(h).is_some_and(|i| i.enabled));
        }
        Plan { by_type }
    }

    /// Why hooks do or don't fire for `path`.
    pub fn explain(&self, path: &str) -> Explanation {
        let enabled = self.enabled();
        let filter_passes = self.path_passes_filter(path);
        let hooks = self.matching(path).map(|list| {
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
            filter_active: self.filter_state().active,
            filter_passes,
            hooks,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::{Filter, HookId, Registration};

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

    fn names(r: &Registry, hs: &[Handle]) -> Vec<String> {
        hs.iter()
            .map(|&h| r.info(h).unwrap().id.to_string())
            .collect()
    }

    #[test]
    fn order_is_subset_priority_registration() {
        let mut r = Registry::new(true, None).unwrap();
        add(&mut r, HookType::Before, "math.*", "A", None, 0.0);
        add(&mut r, HookType::Before, "math.add", "B", None, 0.0);
        add(&mut r, HookType::Before, "math.*", "C", None, 0.0);
        add(&mut r, HookType::Before, "**", "D", None, 0.0);
        add(&mut r, HookType::Before, "**", "E", Some("before"), -5.0);
        add(
            &mut r,
            HookType::Before,
            "math.add",
            "F",
            Some("after"),
            100.0,
        );
        add(&mut r, HookType::Before, "*.add", "G", None, 10.0);
        add(&mut r, HookType::Before, "math.add", "H", None, f64::NAN);
        add(&mut r, HookType::Before, "math.add", "I", None, -0.0);
        add(
            &mut r,
            HookType::Before,
            "math.add",
            "J",
            None,
            f64::INFINITY,
        );
        let p = r.plan("math.add");
        assert_eq!(
            names(&r, p.of(HookType::Before)),
            ["E", "J", "G", "A", "B", "C", "D", "H", "I", "F"]
        );
        assert!(p.of(HookType::After).is_empty());
    }

    #[test]
    fn identical_string_shortcut_and_filters() {
        let mut r = Registry::new(true, None).unwrap();
        add(&mut r, HookType::Before, "{a,b}", "X", None, 0.0);
        add(&mut r, HookType::After, "!!a", "Y", None, 0.0);
        assert_eq!(names(&r, r.plan("{a,b}").of(HookType::Before)), ["X"]);
        assert_eq!(names(&r, r.plan("a").of(HookType::Before)), ["X"]);
        assert_eq!(names(&r, r.plan("!!a").of(HookType::After)), ["Y"]);
        assert_eq!(names(&r, r.plan("a").of(HookType::After)), ["Y"]);
        assert!(r.plan("c").is_empty());
        r.set_enabled(
            &Filter {
                id: Some(HookId::Str("X".into())),
                ..Filter::default()
            },
            false,
        );
        assert!(r.plan("a").of(HookType::Before).is_empty());
        let x = r.explain("a");
        assert_eq!(
            x.hooks[0],
            vec![ExplainedHook {
                handle: 0,
                enabled: false,
                will_fire: false
            }]
        );
        assert!(x.hooks[1][0].will_fire);
        r.enable_pattern("zzz").unwrap();
        assert!(r.plan("a").is_empty());
        let x = r.explain("a");
        assert!(x.filter_active && !x.filter_passes && !x.hooks[1][0].will_fire);
        r.reset_pattern_filter();
        r.set_global_enabled(false);
        assert!(r.plan("a").is_empty());
        assert!(!r.explain("a").hooks[1][0].will_fire);
    }

    #[test]
    fn many_patterns_plan_uses_the_index() {
        let mut r = Registry::new(true, None).unwrap();
        for i in 0..10_000 {
            add(
                &mut r,
                HookType::Before,
                &format!("svc{i}.*"),
                &format!("h{i}"),
                None,
                0.0,
            );
        }
        add(&mut r, HookType::After, "**", "all", None, 0.0);
        let p = r.plan("svc4321.op");
        assert_eq!(names(&r, p.of(HookType::Before)), ["h4321"]);
        assert_eq!(names(&r, p.of(HookType::After)), ["all"]);
    }
}
