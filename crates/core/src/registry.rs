//! The hook registry: records, ids, per-hook and global flags, filters and
//! the global path filter (spec §3, §6, §7, standalone rules of §11).
//!
//! Handlers are not stored here: a hook is addressed by its [`Handle`] (a slab
//! index, reused after removal) and the JS side keeps the handler. Hooks with
//! the same pattern string share one compiled [`Pattern`] (a *group*). Every
//! change bumps [`Registry::generation`], which is how cached plans know they
//! are stale.

use std::collections::HashMap;
use std::fmt;

use crate::error::Error;
use crate::index::Index;
use crate::kinds::{HookType, Subset};
use crate::pattern::Pattern;

/// A hook's slot number, handed to the JS side.
pub type Handle = u32;

/// A hook id: a string, or an opaque key the JS side made for a non-string
/// id (so the number `7` and the string `"7"` stay different ids).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum HookId {
    /// A string id, given or generated (`"hook-N"`).
    Str(String),
    /// A non-string id's key, e.g. `"number:7"`.
    Opaque(String),
}

impl fmt::Display for HookId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HookId::Str(s) | HookId::Opaque(s) => f.write_str(s),
        }
    }
}

/// A registration request: §3.2 steps 4–7 are checked by [`Registry::register`].
pub struct Registration<'a> {
    /// The parsed type.
    pub hook_type: HookType,
    /// The pattern, or why the caller found it invalid (a non-string, a lone
    /// surrogate): that becomes `INVALID_HOOK_PATTERN` at step 7.
    pub pattern: Result<&'a str, String>,
    /// The id, or `None` to generate one.
    pub id: Option<HookId>,
    /// The subset as given, or `None` for `primary`.
    pub subset: Option<&'a str>,
    /// The priority as a number (`NaN` orders as `0`).
    pub priority: f64,
}

/// A successful registration.
#[derive(Clone, Debug, PartialEq)]
pub struct Registered {
    /// The hook's handle.
    pub handle: Handle,
    /// Its id (given or generated).
    pub id: HookId,
}

/// Which hooks a management call touches (spec §7); `None` fields are absent.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// Only this hook (other fields ignored).
    pub id: Option<HookId>,
    /// Only this type.
    pub hook_type: Option<HookType>,
    /// remove/enable/disable: the exact registration pattern; list: a glob over pattern strings.
    pub pattern: Option<String>,
}

/// `list()`'s `enabled` filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EnabledFilter {
    /// No filter.
    Any,
    /// Only hooks whose flag equals this.
    Only(bool),
    /// A filter value that matches no hook (e.g. `enabled: 1`).
    Nothing,
}

/// What the registry knows about one hook.
#[derive(Clone, Debug)]
pub struct HookInfo {
    /// The id.
    pub id: HookId,
    /// The type.
    pub hook_type: HookType,
    /// The subset.
    pub subset: Subset,
    /// The registration pattern.
    pub pattern: String,
    /// The numeric priority (`NaN` stored as `0`).
    pub priority: f64,
    /// The per-hook flag.
    pub enabled: bool,
    /// Global registration order.
    pub(crate) seq: u64,
    /// The pattern group.
    pub(crate) group: usize,
}

/// The global path filter's state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilterState {
    /// Whether the filter restricts paths.
    pub active: bool,
    /// Its patterns, in insertion order.
    pub patterns: Vec<String>,
}

/// Hooks sharing one pattern string.
pub(crate) struct Group {
    pub(crate) pattern: Pattern,
    pub(crate) hooks: Vec<Handle>,
}

/// The registry. See the module docs.
pub struct Registry {
    pub(crate) hooks: Vec<Option<HookInfo>>,
    free: Vec<Handle>,
    ids: HashMap<HookId, Handle>,
    pub(crate) groups: Vec<Option<Group>>,
    free_groups: Vec<usize>,
    pub(crate) group_by_text: HashMap<String, usize>,
    pub(crate) index: Index,
    id_counter: u64,
    seq: u64,
    generation: u32,
    enabled: bool,
    default_pattern: Option<String>,
    filter_active: bool,
    filter: Vec<Pattern>,
    len: usize,
}

impl Registry {
    /// A registry with the global flag `enabled` and the configured global
    /// path filter `default_pattern` (`None`, `""` or `"**"`: no filter). The
    /// default pattern is compiled now; its errors are returned.
    pub fn new(enabled: bool, default_pattern: Option<&str>) -> Result<Registry, Error> {
        let default_pattern = match default_pattern {
            None | Some("") | Some("**") => None,
            Some(p) => {
                Pattern::compile(p)?;
                Some(p.to_owned())
            }
        };
        let mut r = Registry {
            hooks: Vec::new(),
            free: Vec::new(),
            ids: HashMap::new(),
            groups: Vec::new(),
            free_groups: Vec::new(),
            group_by_text: HashMap::new(),
            index: Index::default(),
            id_counter: 0,
            seq: 0,
            generation: 0,
            enabled,
            default_pattern,
            filter_active: false,
            filter: Vec::new(),
            len: 0,
        };
        r.seed_filter()?;
        Ok(r)
    }

    fn seed_filter(&mut self) -> Result<(), Error> {
        self.filter.clear();
        self.filter_active = false;
        if let Some(p) = self.default_pattern.clone() {
            self.filter.push(Pattern::compile(&p)?);
            self.filter_active = true;
        }
        Ok(())
    }

    fn bump(&mut self) {
        self.generation = self.generation.wrapping_add(1);
    }

    /// Changes on every change of the registry, the flags or the path filter.
    pub fn generation(&self) -> u32 {
        self.generation
    }

    /// The global flag.
    pub fn enabled(&self) -> bool {
        self.enabled
    }

    /// Sets the global flag.
    pub fn set_global_enabled(&mut self, on: bool) {
        if self.enabled != on {
            self.enabled = on;
            self.bump();
        }
    }

    /// Number of registered hooks.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether no hook is registered.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The hook in slot `h`.
    pub fn info(&self, h: Handle) -> Option<&HookInfo> {
        self.hooks.get(h as usize).and_then(Option::as_ref)
    }

    /// §3.2 steps 4–7 and 11, with generated ids skipping taken ones (§11 (h)).
    pub fn register(&mut self, r: Registration) -> Result<Registered, Error> {
        // step 4: id (the counter advances even if a later step fails)
        let id = match r.id {
            Some(id) => {
                // step 5
                if self.ids.contains_key(&id) {
                    return Err(Error::DuplicateHookId { id });
                }
                id
            }
            None => loop {
                self.id_counter += 1;
                let candidate = HookId::Str(format!("hook-{}", self.id_counter));
                if !self.ids.contains_key(&candidate) {
                    break candidate;
                }
            },
        };
        // step 6
        let subset = match r.subset {
            None => Subset::Primary,
            Some(s) => Subset::parse(s).ok_or_else(|| Error::InvalidHookSubset {
                subset: s.to_owned(),
            })?,
        };
        // step 7
        let text = match r.pattern {
            Ok(p) => p,
            Err(reason) => {
                return Err(Error::InvalidHookPattern {
                    pattern: String::new(),
                    reason,
                })
            }
        };
        let group = self.group_for(text)?;
        // step 11
        self.seq += 1;
        let info = HookInfo {
            id: id.clone(),
            hook_type: r.hook_type,
            subset,
            pattern: text.to_owned(),
            priority: if r.priority.is_nan() { 0.0 } else { r.priority },
            enabled: true,
            seq: self.seq,
            group,
        };
        let handle = match self.free.pop() {
            Some(h) => {
                self.hooks[h as usize] = Some(info);
                h
            }
            None => {
                self.hooks.push(Some(info));
                (self.hooks.len() - 1) as Handle
            }
        };
        if let Some(g) = self.groups[group].as_mut() {
            g.hooks.push(handle);
        }
        self.ids.insert(id.clone(), handle);
        self.len += 1;
        self.bump();
        Ok(Registered { handle, id })
    }

    /// The group of `text`, compiling it if it is new.
    fn group_for(&mut self, text: &str) -> Result<usize, Error> {
        if let Some(&g) = self.group_by_text.get(text) {
            return Ok(g);
        }
        let pattern = Pattern::compile(text)?;
        let keys = pattern.first_segment_keys();
        let group = Group {
            pattern,
            hooks: Vec::new(),
        };
        let g = match self.free_groups.pop() {
            Some(g) => {
                self.groups[g] = Some(group);
                g
            }
            None => {
                self.groups.push(Some(group));
                self.groups.len() - 1
            }
        };
        self.index.insert(g, keys);
        self.group_by_text.insert(text.to_owned(), g);
        Ok(g)
    }

    fn remove_handle(&mut self, h: Handle) {
        let Some(info) = self.hooks.get_mut(h as usize).and_then(Option::take) else {
            return;
        };
        self.ids.remove(&info.id);
        self.free.push(h);
        self.len -= 1;
        let g = info.group;
        let empty = match self.groups[g].as_mut() {
            Some(group) => {
                group.hooks.retain(|&x| x != h);
                group.hooks.is_empty()
            }
            None => false,
        };
        if empty {
            if let Some(group) = self.groups[g].take() {
                self.index.remove(g, group.pattern.first_segment_keys());
                self.group_by_text.remove(group.pattern.as_str());
            }
            self.free_groups.push(g);
        }
    }

    /// The handles a remove/enable/disable filter selects (§7.2, §7.3).
    fn select(&self, f: &Filter) -> Vec<Handle> {
        if let Some(id) = &f.id {
            return self.ids.get(id).copied().into_iter().collect();
        }
        let mut out: Vec<&HookInfo> = self
            .hooks
            .iter()
            .flatten()
            .filter(|i| f.hook_type.is_none_or(|t| t == i.hook_type))
            .filter(|i| f.pattern.as_deref().is_none_or(|p| p == i.pattern))
            .collect();
        out.sort_by_key(|i| (i.hook_type, i.subset, i.seq));
        out.iter().map(|i| self.ids[&i.id]).collect()
    }

    /// Removes the hooks `f` selects (§7.3); returns their handles.
    pub fn remove(&mut self, f: &Filter) -> Vec<Handle> {
        let handles = self.select(f);
        for &h in &handles {
            self.remove_handle(h);
        }
        if !handles.is_empty() {
            self.bump();
        }
        handles
    }

    /// Sets the per-hook flag of the hooks `f` selects (§7.2); returns how
    /// many were visited (hooks already in that state count too).
    pub fn set_enabled(&mut self, f: &Filter, on: bool) -> u32 {
        let handles = self.select(f);
        for &h in &handles {
            if let Some(info) = self.hooks[h as usize].as_mut() {
                info.enabled = on;
            }
        }
        self.bump();
        handles.len() as u32
    }

    /// §7.4: hooks in list order (type → subset → registration order);
    /// `f.pattern` is a glob matched against each hook's pattern string.
    pub fn list(&self, f: &Filter, enabled: EnabledFilter) -> Result<Vec<Handle>, Error> {
        let keep = |i: &HookInfo| match enabled {
            EnabledFilter::Any => true,
            EnabledFilter::Only(on) => i.enabled == on,
            EnabledFilter::Nothing => false,
        };
        if let Some(id) = &f.id {
            return Ok(self
                .ids
                .get(id)
                .copied()
                .filter(|&h| self.info(h).is_some_and(keep))
                .into_iter()
                .collect());
        }
        let glob = f.pattern.as_deref().map(Pattern::compile).transpose()?;
        let mut out: Vec<&HookInfo> = self
            .hooks
            .iter()
            .flatten()
            .filter(|i| f.hook_type.is_none_or(|t| t == i.hook_type))
            .filter(|i| keep(i))
            .filter(|i| glob.as_ref().is_none_or(|g| g.is_match(&i.pattern)))
            .collect();
        out.sort_by_key(|i| (i.hook_type, i.subset, i.seq));
        Ok(out.iter().map(|i| self.ids[&i.id]).collect())
    }

    /// Removes every hook and resets the id counter (`shutdown`); the flags
    /// and the path filter stay.
    pub fn clear_all(&mut self) {
        self.hooks.clear();
        self.free.clear();
        self.ids.clear();
        self.groups.clear();
        self.free_groups.clear();
        self.group_by_text.clear();
        self.index = Index::default();
        self.id_counter = 0;
        self.len = 0;
        self.bump();
    }

    /// Adds `p` to the global path filter and activates it (§6); an invalid
    /// pattern changes nothing. Returns the filter's size.
    pub fn enable_pattern(&mut self, p: &str) -> Result<usize, Error> {
        let compiled = Pattern::compile(p)?;
        if !self.filter.iter().any(|x| x.as_str() == p) {
            self.filter.push(compiled);
        }
        self.filter_active = true;
        self.bump();
        Ok(self.filter.len())
    }

    /// Removes `p` from the filter (unknown: no-op); an empty filter is inactive.
    pub fn disable_pattern(&mut self, p: &str) -> usize {
        let before = self.filter.len();
        self.filter.retain(|x| x.as_str() != p);
        if self.filter.is_empty() {
            self.filter_active = false;
        }
        if before != self.filter.len() {
            self.bump();
        }
        self.filter.len()
    }

    /// Restores the configured filter (§6).
    pub fn reset_pattern_filter(&mut self) {
        // The default pattern compiled in `new`, so seeding cannot fail.
        let _ = self.seed_filter();
        self.bump();
    }

    /// The filter's state.
    pub fn filter_state(&self) -> FilterState {
        FilterState {
            active: self.filter_active,
            patterns: self.filter.iter().map(|p| p.as_str().to_owned()).collect(),
        }
    }

    /// Whether `path` passes the global path filter (compiled matchers only).
    pub fn path_passes_filter(&self, path: &str) -> bool {
        !self.filter_active || self.filter.iter().any(|p| p.is_match(path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn reg(r: &mut Registry, t: HookType, p: &str) -> Registered {
        r.register(Registration {
            hook_type: t,
            pattern: Ok(p),
            id: None,
            subset: None,
            priority: 0.0,
        })
        .unwrap()
    }

    fn ids(r: &Registry, hs: &[Handle]) -> Vec<String> {
        hs.iter()
            .map(|&h| r.info(h).unwrap().id.to_string())
            .collect()
    }

    #[test]
    fn generated_ids_skip_taken_ones() {
        let mut r = Registry::new(true, None).unwrap();
        let given = r
            .register(Registration {
                hook_type: HookType::Before,
                pattern: Ok("a"),
                id: Some(HookId::Str("hook-1".into())),
                subset: None,
                priority: 0.0,
            })
            .unwrap();
        assert_eq!(given.id, HookId::Str("hook-1".into()));
        assert_eq!(
            reg(&mut r, HookType::Before, "b").id,
            HookId::Str("hook-2".into())
        );
        let dup = r.register(Registration {
            hook_type: HookType::Before,
            pattern: Ok("a"),
            id: Some(HookId::Str("hook-2".into())),
            subset: None,
            priority: 0.0,
        });
        assert_eq!(dup.unwrap_err().code(), "DUPLICATE_HOOK_ID");
        // number 7 and string "7" are different ids
        for id in [HookId::Opaque("number:7".into()), HookId::Str("7".into())] {
            r.register(Registration {
                hook_type: HookType::After,
                pattern: Ok("x"),
                id: Some(id),
                subset: None,
                priority: 0.0,
            })
            .unwrap();
        }
    }

    #[test]
    fn counter_advances_on_failed_registrations() {
        let mut r = Registry::new(true, None).unwrap();
        let bad = r.register(Registration {
            hook_type: HookType::Before,
            pattern: Ok("a"),
            id: None,
            subset: Some("middle"),
            priority: 0.0,
        });
        assert_eq!(
            bad.unwrap_err(),
            Error::InvalidHookSubset {
                subset: "middle".into()
            }
        );
        let bad = r.register(Registration {
            hook_type: HookType::Before,
            pattern: Ok("{}"),
            id: None,
            subset: None,
            priority: 0.0,
        });
        assert_eq!(bad.unwrap_err().code(), "INVALID_HOOK_PATTERN");
        assert_eq!(
            reg(&mut r, HookType::Before, "a").id,
            HookId::Str("hook-3".into())
        );
        assert_eq!(r.len(), 1);
    }

    #[test]
    fn enable_disable_counts_spec_7_2() {
        let mut r = Registry::new(true, None).unwrap();
        let h1 = r
            .register(Registration {
                hook_type: HookType::Before,
                pattern: Ok("math.add"),
                id: Some(HookId::Str("h1".into())),
                subset: None,
                priority: 0.0,
            })
            .unwrap()
            .handle;
        reg(&mut r, HookType::Before, "math.*");
        reg(&mut r, HookType::After, "math.add");
        let by_type = Filter {
            hook_type: Some(HookType::Before),
            ..Filter::default()
        };
        assert_eq!(r.set_enabled(&by_type, false), 2);
        assert_eq!(
            r.set_enabled(
                &Filter {
                    id: Some(HookId::Str("nope".into())),
                    ..Filter::default()
                },
                false
            ),
            0
        );
        assert_eq!(r.set_enabled(&Filter::default(), false), 3);
        assert_eq!(
            r.set_enabled(
                &Filter {
                    id: Some(HookId::Str("h1".into())),
                    ..Filter::default()
                },
                true
            ),
            1
        );
        assert!(r.info(h1).unwrap().enabled);
        assert_eq!(r.set_enabled(&Filter::default(), true), 3);
        let exact = Filter {
            pattern: Some("math.add".into()),
            ..Filter::default()
        };
        assert_eq!(r.set_enabled(&exact, false), 2);
        assert_eq!(
            r.list(&Filter::default(), EnabledFilter::Only(false))
                .unwrap()
                .len(),
            2
        );
        assert_eq!(
            r.list(&Filter::default(), EnabledFilter::Nothing)
                .unwrap()
                .len(),
            0
        );
    }

    #[test]
    fn remove_by_id_pattern_type_and_all() {
        let mut r = Registry::new(true, None).unwrap();
        let a = reg(&mut r, HookType::Before, "math.*");
        reg(&mut r, HookType::Before, "math.*");
        reg(&mut r, HookType::After, "math.*");
        reg(&mut r, HookType::Error, "**");
        let by_id = Filter {
            id: Some(a.id.clone()),
            ..Filter::default()
        };
        assert_eq!(r.remove(&by_id), vec![a.handle]);
        assert_eq!(r.remove(&by_id), Vec::<Handle>::new());
        let p = Filter {
            hook_type: Some(HookType::Before),
            pattern: Some("math.*".into()),
            ..Filter::default()
        };
        assert_eq!(r.remove(&p).len(), 1);
        assert_eq!(r.remove(&Filter::default()).len(), 2);
        assert!(r.is_empty());
        // handles are reused
        let again = reg(&mut r, HookType::Before, "x");
        assert!(again.handle <= 3);
    }

    #[test]
    fn list_order_and_glob_over_pattern_strings() {
        let mut r = Registry::new(true, None).unwrap();
        reg(&mut r, HookType::After, "math.add"); // hook-1
        reg(&mut r, HookType::Before, "**"); // hook-2
        reg(&mut r, HookType::Before, "math.*"); // hook-3
        r.register(Registration {
            hook_type: HookType::Before,
            pattern: Ok("math.add"),
            id: None,
            subset: Some("before"),
            priority: 0.0,
        })
        .unwrap(); // hook-4
        let all = r.list(&Filter::default(), EnabledFilter::Any).unwrap();
        assert_eq!(ids(&r, &all), ["hook-4", "hook-2", "hook-3", "hook-1"]);
        let glob = Filter {
            pattern: Some("math.*".into()),
            ..Filter::default()
        };
        assert_eq!(
            ids(&r, &r.list(&glob, EnabledFilter::Any).unwrap()),
            ["hook-4", "hook-3", "hook-1"]
        );
        let bad = Filter {
            pattern: Some("{}".into()),
            ..Filter::default()
        };
        assert_eq!(
            r.list(&bad, EnabledFilter::Any).unwrap_err().code(),
            "INVALID_HOOK_PATTERN"
        );
    }

    #[test]
    fn path_filter_sequence_spec_6() {
        let mut r = Registry::new(true, None).unwrap();
        assert!(!r.filter_state().active);
        assert_eq!(r.enable_pattern("a.*").unwrap(), 1);
        assert_eq!(r.enable_pattern("a.*").unwrap(), 1);
        assert_eq!(r.disable_pattern("nope"), 1);
        assert!(r.path_passes_filter("a.x") && !r.path_passes_filter("b.x"));
        assert_eq!(r.disable_pattern("a.*"), 0);
        assert!(!r.filter_state().active);
        r.reset_pattern_filter();
        assert!(!r.filter_state().active);
        assert_eq!(
            r.enable_pattern("{}").unwrap_err().code(),
            "INVALID_HOOK_PATTERN"
        );
        assert!(!r.filter_state().active);

        let mut c = Registry::new(true, Some("db.*")).unwrap();
        assert_eq!(
            c.filter_state(),
            FilterState {
                active: true,
                patterns: vec!["db.*".into()]
            }
        );
        assert_eq!(c.disable_pattern("db.*"), 0);
        assert!(c.path_passes_filter("x"));
        c.reset_pattern_filter();
        assert!(!c.path_passes_filter("x") && c.path_passes_filter("db.q"));
        assert_eq!(
            Registry::new(true, Some("{}")).err().map(|e| e.code()),
            Some("INVALID_HOOK_PATTERN")
        );
        assert!(
            !Registry::new(true, Some("**"))
                .unwrap()
                .filter_state()
                .active
        );
    }

    #[test]
    fn generation_bumps_on_changes() {
        let mut r = Registry::new(false, None).unwrap();
        let g0 = r.generation();
        let a = reg(&mut r, HookType::Before, "a");
        let g1 = r.generation();
        assert_ne!(g0, g1);
        r.set_global_enabled(true);
        let g2 = r.generation();
        assert_ne!(g1, g2);
        r.set_enabled(&Filter::default(), false);
        let g3 = r.generation();
        assert_ne!(g2, g3);
        r.remove(&Filter {
            id: Some(a.id),
            ..Filter::default()
        });
        assert_ne!(g3, r.generation());
    }

    #[test]
    fn clear_all_resets_counter() {
        let mut r = Registry::new(true, Some("x.*")).unwrap();
        reg(&mut r, HookType::Before, "a");
        reg(&mut r, HookType::Before, "b");
        r.clear_all();
        assert!(r.is_empty());
        assert_eq!(
            reg(&mut r, HookType::Before, "a").id,
            HookId::Str("hook-1".into())
        );
        assert!(r.filter_state().active);
    }
}
