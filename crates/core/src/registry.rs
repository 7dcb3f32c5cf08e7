//! The hook registry: records, ids, per-hook and global flags, management
//! filters and the global path filter (spec §3, §6, §7 with the standalone
//! rules of §11).
//!
//! Handlers are not stored here: a hook is addressed by its [`Handle`], an
//! index into a slab of records that is reused after the hook is removed (the
//! JS side drops its own entry for a removed handle). Hooks whose pattern
//! strings are identical share one *pattern group*: the pattern is compiled
//! once, filed once in the first-segment [`Index`], and dropped when the
//! group's last hook goes. An exact-string map from pattern text to group
//! serves both the identical-string shortcut of hook matching (§4.5) and the
//! exact-pattern filters of remove/enable/disable (§7.2, §7.3).
//!
//! Every change bumps [`Registry::generation`] (a wrapping `u32`), which is how
//! plans cached by the caller know they are stale: registration, a removal
//! that removed something, every enable/disable call, a change of the global
//! flag, every change of the global path filter and [`Registry::clear_all`].

use std::collections::HashMap;

use crate::error::Error;
use crate::index::Index;
use crate::kinds::{Handle, HookId, HookType, Subset};
use crate::pattern::{first_segment, Pattern};

/// The path-filter pattern that means "no filter" (§1, §6): the normalized
/// config's pattern when none is configured. `Registry::new` treats it, `""`
/// and `None` alike.
pub const NO_PATH_FILTER: &str = "**";

/// A registration request; [`Registry::register`] checks §3.2 steps 4–7.
#[derive(Clone, Debug)]
pub struct Registration<'a> {
    /// The parsed type.
    pub hook_type: HookType,
    /// The pattern, or why the caller found it invalid (a non-string, a lone
    /// surrogate): that becomes [`Error::InvalidHookPattern`] at step 7, with
    /// an empty `pattern` field (the caller knows the value).
    pub pattern: Result<&'a str, String>,
    /// The id, or `None` to generate one.
    pub id: Option<HookId>,
    /// The subset as given, or `None` for [`Subset::DEFAULT`].
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
///
/// `pattern: Some("")` counts as absent, as a falsy pattern does in §7.2–§7.4.
/// An id is looked up as given (an empty id names no hook: the JS layer
/// decides what a falsy id means).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    /// Only this hook (the other fields are then ignored).
    pub id: Option<HookId>,
    /// Only hooks of this type.
    pub hook_type: Option<HookType>,
    /// remove/enable/disable: the exact registration pattern string;
    /// list: a glob matched against pattern strings.
    pub pattern: Option<String>,
}

impl Filter {
    /// The hook type a filter names (§7.1): exactly one of the four, else
    /// [`Error::InvalidHookFilter`].
    pub fn parse_type(name: &str) -> Result<HookType, Error> {
        HookType::parse(name).ok_or_else(|| Error::InvalidHookFilter {
            hook_type: name.to_owned(),
        })
    }

    fn pattern(&self) -> Option<&str> {
        self.pattern.as_deref().filter(|p| !p.is_empty())
    }
}

/// `list()`'s `enabled` filter (§7.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EnabledFilter {
    /// No filter (`enabled` absent).
    Any,
    /// Only hooks whose flag equals this.
    Only(bool),
    /// A filter value that no flag equals strictly (e.g. `enabled: 1`).
    Nothing,
}

impl EnabledFilter {
    fn keeps(self, enabled: bool) -> bool {
        match self {
            EnabledFilter::Any => true,
            EnabledFilter::Only(on) => enabled == on,
            EnabledFilter::Nothing => false,
        }
    }
}

/// What the registry knows about one hook.
#[derive(Clone, Debug, PartialEq)]
pub struct HookInfo {
    /// The id.
    pub id: HookId,
    /// The type.
    pub hook_type: HookType,
    /// The subset.
    pub subset: Subset,
    /// The registration pattern string.
    pub pattern: String,
    /// The priority used for ordering (`NaN` and `-0` stored as `0`).
    pub priority: f64,
    /// The per-hook flag.
    pub enabled: bool,
    /// Global registration order (§11 (a)).
    seq: u64,
    /// The pattern group.
    group: usize,
}

impl HookInfo {
    /// The hook's position in the global registration order: larger means
    /// registered later.
    pub fn sequence(&self) -> u64 {
        self.seq
    }
}

/// The global path filter's state (§6).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilterState {
    /// Whether the filter restricts paths.
    pub active: bool,
    /// Its patterns, in insertion order.
    pub patterns: Vec<String>,
}

/// Hooks sharing one pattern string; its lifetime is its hooks' (ref count =
/// `hooks.len()`).
#[derive(Debug)]
struct Group {
    pattern: Pattern,
    /// Members in registration order.
    hooks: Vec<Handle>,
}

/// The registry. See the module docs.
#[derive(Debug)]
pub struct Registry {
    /// The slab: `None` = free slot (listed in `free`).
    hooks: Vec<Option<HookInfo>>,
    free: Vec<Handle>,
    ids: HashMap<HookId, Handle>,
    /// Group slab: `None` = free slot (listed in `free_groups`).
    groups: Vec<Option<Group>>,
    free_groups: Vec<usize>,
    /// Exact pattern string → group.
    group_by_text: HashMap<String, usize>,
    /// First segment → groups, plus the unindexed groups.
    index: Index,
    id_counter: u64,
    seq: u64,
    generation: u32,
    enabled: bool,
    /// The configured path filter pattern, compiled (`None`: no filter).
    default_filter: Option<Pattern>,
    filter_active: bool,
    /// The path filter set, in insertion order, without duplicates.
    filter: Vec<Pattern>,
    len: usize,
}

impl Registry {
    /// A registry with the global flag `enabled` and the configured global
    /// path filter `default_pattern` (the normalized config pattern; `None`,
    /// `""` and [`NO_PATH_FILTER`] mean no filter). The default pattern is compiled now
    /// (§11 (b)); its errors are returned ([`Error::InvalidHookPattern`],
    /// [`Error::BraceExpansionMaxDepth`], [`Error::PatternTooComplex`]).
    pub fn new(enabled: bool, default_pattern: Option<&str>) -> Result<Registry, Error> {
        let default_filter = match default_pattern {
            None | Some("") | Some(NO_PATH_FILTER) => None,
            Some(p) => Some(Pattern::compile(p)?),
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
            default_filter,
            filter_active: false,
            filter: Vec::new(),
            len: 0,
        };
        r.seed_filter();
        Ok(r)
    }

    /// The construction state of the path filter (§6).
    fn seed_filter(&mut self) {
        self.filter.clear();
        self.filter.extend(self.default_filter.iter().cloned());
        self.filter_active = !self.filter.is_empty();
    }

    fn bump(&mut self) {
        self.generation = self.generation.wrapping_add(1);
    }

    /// The generation counter: it changes (wrapping) on every change of the
    /// hooks, their flags, the global flag or the path filter, so a plan built
    /// at generation `g` is current exactly while this is still `g`.
    pub fn generation(&self) -> u32 {
        self.generation
    }

    /// Marks every plan built so far as stale (bumps the generation) without
    /// changing the registry: for a change of how the caller runs plans that
    /// the registry cannot see.
    pub fn invalidate(&mut self) {
        self.bump();
    }

    /// The global flag.
    pub fn enabled(&self) -> bool {
        self.enabled
    }

    /// Sets the global flag; bumps the generation when it changes.
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

    /// The hook in slot `h` (`None` for a free or unknown slot).
    pub fn info(&self, h: Handle) -> Option<&HookInfo> {
        self.hooks.get(h as usize).and_then(Option::as_ref)
    }

    /// The handle of the hook with id `id`.
    pub fn handle_of(&self, id: &HookId) -> Option<Handle> {
        self.ids.get(id).copied()
    }

    /// Every hook whose pattern matches `path` (§4.5), enabled or not, each
    /// once and in no particular order: the hooks of the group whose pattern
    /// string is identical to `path` (no compilation involved), then those of
    /// the candidate groups the first-segment index gives for `path` whose
    /// compiled pattern matches. The global flag and the path filter are the
    /// caller's business (see [`Registry::plan`]).
    pub fn matching_hooks<'a>(
        &'a self,
        path: &'a str,
    ) -> impl Iterator<Item = (Handle, &'a HookInfo)> + 'a {
        let exact = self.group_by_text.get(path).copied();
        let candidates = self
            .index
            .candidates(first_segment(path))
            .filter(move |&g| Some(g) != exact);
        exact
            .into_iter()
            .chain(candidates)
            .filter_map(move |g| {
                let group = self.groups.get(g)?.as_ref()?;
                (Some(g) == exact || group.pattern.is_match(path)).then_some(group)
            })
            .flat_map(|group| group.hooks.iter())
            .filter_map(move |&h| Some((h, self.info(h)?)))
    }

    /// Registers a hook: §3.2 steps 4–7 and 11, with §11 (h).
    ///
    /// 4. id: `r.id`, or a generated `"hook-N"`: the counter advances on every
    ///    generation (also when a later step fails) and skips ids already
    ///    taken (§11 (h));
    /// 5. an explicit id already registered → [`Error::DuplicateHookId`];
    /// 6. subset: `None` → `primary`; an unknown name → [`Error::InvalidHookSubset`];
    /// 7. pattern: `Err(reason)` → [`Error::InvalidHookPattern`]; otherwise
    ///    compiled (once per distinct pattern string) with its errors;
    /// 11. stored, enabled, last in the global registration order.
    pub fn register(&mut self, r: Registration) -> Result<Registered, Error> {
        let id = match r.id {
            Some(id) if self.ids.contains_key(&id) => return Err(Error::DuplicateHookId { id }),
            Some(id) => id,
            None => loop {
                self.id_counter = self.id_counter.wrapping_add(1);
                let candidate = HookId::Str(format!("hook-{}", self.id_counter));
                if !self.ids.contains_key(&candidate) {
                    break candidate;
                }
            },
        };
        let subset = match r.subset {
            None => Subset::DEFAULT,
            Some(s) => Subset::parse(s).ok_or_else(|| Error::InvalidHookSubset {
                subset: s.to_owned(),
            })?,
        };
        let text = r.pattern.map_err(|reason| Error::InvalidHookPattern {
            pattern: String::new(),
            reason,
        })?;
        let group = self.group_for(text)?;
        self.seq += 1;
        let info = HookInfo {
            id: id.clone(),
            hook_type: r.hook_type,
            subset,
            pattern: text.to_owned(),
            // NaN orders as 0 (§11.10); -0 == 0 anyway, stored as 0 for clarity.
            priority: if r.priority.is_nan() || r.priority == 0.0 {
                0.0
            } else {
                r.priority
            },
            enabled: true,
            seq: self.seq,
            group,
        };
        let handle = match self.free.pop() {
            Some(h) => {
                if let Some(slot) = self.hooks.get_mut(h as usize) {
                    *slot = Some(info);
                }
                h
            }
            None => {
                self.hooks.push(Some(info));
                (self.hooks.len() - 1) as Handle
            }
        };
        if let Some(g) = self.groups.get_mut(group).and_then(Option::as_mut) {
            g.hooks.push(handle);
        }
        self.ids.insert(id.clone(), handle);
        self.len += 1;
        self.bump();
        Ok(Registered { handle, id })
    }

    /// The group of pattern string `text`, compiling and filing it if new.
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
                if let Some(slot) = self.groups.get_mut(g) {
                    *slot = Some(group);
                }
                g
            }
            None => {
                self.groups.push(Some(group));
                self.groups.len() - 1
            }
        };
        self.index.insert(g, keys.as_deref());
        self.group_by_text.insert(text.to_owned(), g);
        Ok(g)
    }

    /// Removes the hooks in `handles` (each at most once), dropping groups
    /// that become empty. Linear in the hooks removed plus the sizes of the
    /// groups they were in.
    fn remove_handles(&mut self, handles: &[Handle]) {
        let mut touched = Vec::new();
        for &h in handles {
            let Some(info) = self.hooks.get_mut(h as usize).and_then(Option::take) else {
                continue;
            };
            self.ids.remove(&info.id);
            self.free.push(h);
            self.len -= 1;
            touched.push(info.group);
        }
        touched.sort_unstable();
        touched.dedup();
        for g in touched {
            let Some(group) = self.groups.get_mut(g).and_then(Option::as_mut) else {
                continue;
            };
            // No registration happens during a removal, so a member's slot is
            // still occupied exactly when the member was not removed.
            let hooks = &self.hooks;
            group
                .hooks
                .retain(|&h| hooks.get(h as usize).is_some_and(Option::is_some));
            if group.hooks.is_empty() {
                if let Some(group) = self.groups.get_mut(g).and_then(Option::take) {
                    let keys = group.pattern.first_segment_keys();
                    self.index.remove(g, keys.as_deref());
                    self.group_by_text.remove(group.pattern.as_str());
                    self.free_groups.push(g);
                }
            }
        }
    }

    /// Hooks passing `keep`, restricted by `f.hook_type`, sorted in list order
    /// (type → subset → registration order, §7.4 with §11 (a)).
    fn collect(&self, f: &Filter, keep: impl Fn(&HookInfo) -> bool) -> Vec<Handle> {
        let mut out: Vec<(HookType, Subset, u64, Handle)> = self
            .hooks
            .iter()
            .enumerate()
            .filter_map(|(h, info)| Some((h as Handle, info.as_ref()?)))
            .filter(|(_, i)| f.hook_type.is_none_or(|t| t == i.hook_type) && keep(i))
            .map(|(h, i)| (i.hook_type, i.subset, i.seq, h))
            .collect();
        out.sort_unstable();
        out.into_iter().map(|(.., h)| h).collect()
    }

    /// The hooks a remove/enable/disable filter selects (§7.2, §7.3): by id,
    /// else by type and exact pattern string, in list order.
    fn select(&self, f: &Filter) -> Vec<Handle> {
        if let Some(id) = &f.id {
            return self.handle_of(id).into_iter().collect();
        }
        let Some(p) = f.pattern() else {
            return self.collect(f, |_| true);
        };
        let Some(group) = self
            .group_by_text
            .get(p)
            .and_then(|&g| self.groups.get(g)?.as_ref())
        else {
            return Vec::new();
        };
        let mut out: Vec<(HookType, Subset, u64, Handle)> = group
            .hooks
            .iter()
            .filter_map(|&h| Some((h, self.info(h)?)))
            .filter(|(_, i)| f.hook_type.is_none_or(|t| t == i.hook_type))
            .map(|(h, i)| (i.hook_type, i.subset, i.seq, h))
            .collect();
        out.sort_unstable();
        out.into_iter().map(|(.., h)| h).collect()
    }

    /// Removes the hooks `f` selects (§7.3): with `f.id`, that hook if it
    /// exists; otherwise every hook of `f.hook_type` (or of every type) whose
    /// pattern string is exactly `f.pattern` (or any pattern). Returns the
    /// removed handles (the count is their number), in list order; they are
    /// free for reuse from now on. Never touches the global flag, the path
    /// filter or the id counter.
    pub fn remove(&mut self, f: &Filter) -> Vec<Handle> {
        let handles = self.select(f);
        if !handles.is_empty() {
            self.remove_handles(&handles);
            self.bump();
        }
        handles
    }

    /// Sets the per-hook flag of the hooks `f` selects (§7.2, same selection
    /// as [`Registry::remove`]); returns how many were visited — hooks already
    /// in that state count too. The global flag is
    /// [`Registry::set_global_enabled`]'s business.
    pub fn set_enabled(&mut self, f: &Filter, on: bool) -> u32 {
        let handles = self.select(f);
        for &h in &handles {
            if let Some(info) = self.hooks.get_mut(h as usize).and_then(Option::as_mut) {
                info.enabled = on;
            }
        }
        self.bump();
        u32::try_from(handles.len()).unwrap_or(u32::MAX)
    }

    /// Lists hooks (§7.4): with `f.id`, that hook if it exists and passes
    /// `enabled` (other fields ignored); otherwise in list order (type →
    /// subset → registration order) the hooks of `f.hook_type` (or every
    /// type) passing `enabled` and, when `f.pattern` is given, whose pattern
    /// **string** matches `f.pattern` compiled as a glob.
    ///
    /// # Errors
    ///
    /// `f.pattern`'s compile errors (only when it is used).
    pub fn list(&self, f: &Filter, enabled: EnabledFilter) -> Result<Vec<Handle>, Error> {
        if let Some(id) = &f.id {
            return Ok(self
                .handle_of(id)
                .filter(|&h| self.info(h).is_some_and(|i| enabled.keeps(i.enabled)))
                .into_iter()
                .collect());
        }
        let glob = f.pattern().map(Pattern::compile).transpose()?;
        Ok(self.collect(f, |i| {
            enabled.keeps(i.enabled) && glob.as_ref().is_none_or(|g| g.is_match(&i.pattern))
        }))
    }

    /// Removes every hook and resets the id counter to 0 (`shutdown`, §10.4);
    /// the global flag and the path filter stay. Handles restart at 0.
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

    /// Adds `p` to the global path filter and activates it (§6). `p` is
    /// compiled first: on error nothing changes. Adding a pattern already in
    /// the set keeps its place. Returns the set's size.
    pub fn enable_pattern(&mut self, p: &str) -> Result<usize, Error> {
        if !self.filter.iter().any(|x| x.as_str() == p) {
            self.filter.push(Pattern::compile(p)?);
        }
        self.filter_active = true;
        self.bump();
        Ok(self.filter.len())
    }

    /// Removes `p` from the path filter (an unknown `p` changes nothing); a
    /// filter left empty becomes inactive. Returns the set's size.
    pub fn disable_pattern(&mut self, p: &str) -> usize {
        let before = self.filter.len();
        self.filter.retain(|x| x.as_str() != p);
        if self.filter.len() != before {
            if self.filter.is_empty() {
                self.filter_active = false;
            }
            self.bump();
        }
        self.filter.len()
    }

    /// Restores the configured path filter (§6): active with exactly the
    /// default pattern, or inactive and empty.
    pub fn reset_pattern_filter(&mut self) {
        self.seed_filter();
        self.bump();
    }

    /// The path filter's state.
    pub fn filter_state(&self) -> FilterState {
        FilterState {
            active: self.filter_active,
            patterns: self.filter.iter().map(|p| p.as_str().to_owned()).collect(),
        }
    }

    /// Whether the path filter is active.
    pub fn filter_active(&self) -> bool {
        self.filter_active
    }

    /// Whether `path` passes the global path filter: always while inactive,
    /// else when one of its patterns matches (compiled matchers only, no
    /// identical-string shortcut, §4.5).
    pub fn path_passes_filter(&self, path: &str) -> bool {
        !self.filter_active || self.filter.iter().any(|p| p.is_match(path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registration(t: HookType, p: &str) -> Registration<'_> {
        Registration {
            hook_type: t,
            pattern: Ok(p),
            id: None,
            subset: None,
            priority: 0.0,
        }
    }

    fn reg(r: &mut Registry, t: HookType, p: &str) -> Registered {
        r.register(registration(t, p)).unwrap()
    }

    fn reg_id(r: &mut Registry, t: HookType, p: &str, id: &str) -> Handle {
        r.register(Registration {
            id: Some(sid(id)),
            ..registration(t, p)
        })
        .unwrap()
        .handle
    }

    fn sid(s: &str) -> HookId {
        HookId::Str(s.into())
    }

    fn ids(r: &Registry, hs: &[Handle]) -> Vec<String> {
        hs.iter()
            .map(|&h| r.info(h).unwrap().id.to_string())
            .collect()
    }

    fn by_id(id: &str) -> Filter {
        Filter {
            id: Some(sid(id)),
            ..Filter::default()
        }
    }

    fn by_type(t: HookType) -> Filter {
        Filter {
            hook_type: Some(t),
            ..Filter::default()
        }
    }

    fn by_pattern(p: &str) -> Filter {
        Filter {
            pattern: Some(p.into()),
            ..Filter::default()
        }
    }

    fn list_ids(r: &Registry, f: &Filter, e: EnabledFilter) -> Vec<String> {
        ids(r, &r.list(f, e).unwrap())
    }

    /// §11 (h): generated ids skip taken ones; explicit duplicates still fail.
    #[test]
    fn generated_ids_skip_taken_ones() {
        let mut r = Registry::new(true, None).unwrap();
        reg_id(&mut r, HookType::Before, "a", "hook-1");
        assert_eq!(reg(&mut r, HookType::Before, "b").id, sid("hook-2"));
        reg_id(&mut r, HookType::Before, "a", "hook-4");
        assert_eq!(reg(&mut r, HookType::Before, "b").id, sid("hook-3"));
        assert_eq!(reg(&mut r, HookType::Before, "b").id, sid("hook-5"));
        let dup = r.register(Registration {
            id: Some(sid("hook-2")),
            ..registration(HookType::After, "a")
        });
        assert_eq!(
            dup.unwrap_err(),
            Error::DuplicateHookId { id: sid("hook-2") }
        );
        // §3.4 example: user id "hook-20" first; the 20th generated id skips it
        let mut r = Registry::new(true, None).unwrap();
        reg_id(&mut r, HookType::Before, "x", "hook-20");
        let generated: Vec<_> = (0..20)
            .map(|_| reg(&mut r, HookType::Before, "x").id.to_string())
            .collect();
        assert_eq!(generated[18], "hook-19");
        assert_eq!(generated[19], "hook-21");
    }

    #[test]
    fn opaque_and_string_ids_are_distinct() {
        let mut r = Registry::new(true, None).unwrap();
        for id in [
            HookId::Opaque("number:7".into()),
            HookId::Str("7".into()),
            HookId::Str("number:7".into()),
            HookId::Opaque("hook-1".into()),
        ] {
            r.register(Registration {
                id: Some(id),
                ..registration(HookType::After, "x")
            })
            .unwrap();
        }
        assert_eq!(reg(&mut r, HookType::After, "x").id, sid("hook-1"));
        let f = Filter {
            id: Some(HookId::Opaque("number:7".into())),
            ..Filter::default()
        };
        assert_eq!(r.remove(&f).len(), 1);
        assert!(r.handle_of(&sid("7")).is_some());
        assert_eq!(r.len(), 4);
    }

    /// §3.2: steps run in order; the id counter advances even when a later step fails.
    #[test]
    fn validation_order_and_counter() {
        let mut r = Registry::new(true, None).unwrap();
        reg_id(&mut r, HookType::Before, "a", "taken");
        // duplicate id beats bad subset and bad pattern
        let e = r.register(Registration {
            id: Some(sid("taken")),
            subset: Some("middle"),
            pattern: Ok("{}"),
            ..registration(HookType::Before, "")
        });
        assert_eq!(e.unwrap_err().code(), "DUPLICATE_HOOK_ID");
        // bad subset beats bad pattern
        let e = r.register(Registration {
            subset: Some("Primary"),
            pattern: Ok("{}"),
            ..registration(HookType::Before, "")
        });
        assert_eq!(
            e.unwrap_err(),
            Error::InvalidHookSubset {
                subset: "Primary".into()
            }
        );
        let e = r.register(registration(HookType::Before, "{}"));
        assert_eq!(e.unwrap_err().code(), "INVALID_HOOK_PATTERN");
        let e = r.register(Registration {
            pattern: Err("expected a string, received number".into()),
            ..registration(HookType::Before, "")
        });
        assert_eq!(
            e.unwrap_err(),
            Error::InvalidHookPattern {
                pattern: String::new(),
                reason: "expected a string, received number".into()
            }
        );
        let e = r.register(registration(
            HookType::Before,
            "{a}{b}{c}{d}{e}{f}{g}{h}{i}{j}",
        ));
        assert_eq!(
            e.unwrap_err(),
            Error::BraceExpansionMaxDepth { max_depth: 10 }
        );
        // four failed generations: hook-1..hook-4 consumed
        assert_eq!(reg(&mut r, HookType::Before, "a").id, sid("hook-5"));
        assert_eq!(r.len(), 2);
        // failed registrations leave no group behind
        assert_eq!(r.group_by_text.len(), 1);
    }

    #[test]
    fn subsets_and_priorities_are_stored() {
        let mut r = Registry::new(true, None).unwrap();
        for (s, want) in [
            (Some("before"), Subset::Before),
            (Some("primary"), Subset::Primary),
            (Some("after"), Subset::After),
            (None, Subset::Primary),
        ] {
            let h = r
                .register(Registration {
                    subset: s,
                    ..registration(HookType::Always, "p")
                })
                .unwrap()
                .handle;
            assert_eq!(r.info(h).unwrap().subset, want);
        }
        for (p, want) in [
            (f64::NAN, 0.0),
            (-0.0, 0.0),
            (5.5, 5.5),
            (f64::NEG_INFINITY, f64::NEG_INFINITY),
        ] {
            let h = r
                .register(Registration {
                    priority: p,
                    ..registration(HookType::Always, "p")
                })
                .unwrap()
                .handle;
            let got = r.info(h).unwrap().priority;
            assert!(got == want && got.is_sign_positive() == want.is_sign_positive());
        }
        let info = r.info(0).unwrap();
        assert_eq!(
            (info.hook_type, info.pattern.as_str(), info.enabled),
            (HookType::Always, "p", true)
        );
        assert!(r.info(1).unwrap().sequence() > info.sequence());
        assert!(r.info(999).is_none());
    }

    /// The §7.2 count table: two before-hooks and one after-hook.
    #[test]
    fn enable_disable_counts_spec_7_2() {
        let mut r = Registry::new(true, None).unwrap();
        let h1 = reg_id(&mut r, HookType::Before, "math.add", "h1");
        let h2 = reg_id(&mut r, HookType::Before, "math.*", "h2");
        let h3 = reg_id(&mut r, HookType::After, "math.add", "h3");
        let flags = |r: &Registry| [h1, h2, h3].map(|h| r.info(h).unwrap().enabled);
        assert_eq!(r.set_enabled(&by_type(HookType::Before), false), 2);
        assert_eq!(flags(&r), [false, false, true]);
        assert_eq!(r.set_enabled(&by_id("nope"), false), 0);
        assert_eq!(r.set_enabled(&Filter::default(), false), 3);
        assert_eq!(flags(&r), [false, false, false]);
        assert_eq!(r.set_enabled(&by_id("h1"), true), 1);
        assert_eq!(flags(&r), [true, false, false]);
        assert_eq!(r.set_enabled(&Filter::default(), true), 3);
        // already-enabled hooks count too
        assert_eq!(r.set_enabled(&Filter::default(), true), 3);
        // exact pattern string, no glob
        assert_eq!(r.set_enabled(&by_pattern("math.add"), false), 2);
        assert_eq!(flags(&r), [false, true, false]);
        assert_eq!(r.set_enabled(&by_pattern("math.*"), false), 1);
        assert_eq!(r.set_enabled(&by_pattern("math.ad?"), false), 0);
        assert_eq!(r.set_enabled(&by_pattern("**"), false), 0);
        // "" behaves as absent: every hook
        assert_eq!(r.set_enabled(&by_pattern(""), true), 3);
        let typed = Filter {
            hook_type: Some(HookType::After),
            pattern: Some("math.add".into()),
            ..Filter::default()
        };
        assert_eq!(r.set_enabled(&typed, false), 1);
        assert_eq!(flags(&r), [true, true, false]);
        // id wins over the other fields
        let id_and_more = Filter {
            id: Some(sid("h3")),
            hook_type: Some(HookType::Before),
            pattern: Some("nope".into()),
        };
        assert_eq!(r.set_enabled(&id_and_more, true), 1);
        assert_eq!(flags(&r), [true, true, true]);
        assert_eq!(r.set_enabled(&by_type(HookType::Error), false), 0);
    }

    /// §7.3.
    #[test]
    fn remove_by_id_pattern_type_and_all() {
        let mut r = Registry::new(true, None).unwrap();
        let a = reg(&mut r, HookType::Before, "math.*");
        reg(&mut r, HookType::Before, "math.*");
        reg(&mut r, HookType::After, "math.*");
        reg(&mut r, HookType::Error, "**");
        let f = Filter {
            id: Some(a.id.clone()),
            ..Filter::default()
        };
        assert_eq!(r.remove(&f), vec![a.handle]);
        assert_eq!(r.remove(&f), Vec::<Handle>::new());
        let p = Filter {
            hook_type: Some(HookType::Before),
            pattern: Some("math.*".into()),
            ..Filter::default()
        };
        assert_eq!(ids(&r, &r.select(&p)), ["hook-2"]);
        assert_eq!(r.remove(&p).len(), 1);
        assert_eq!(r.remove(&by_pattern("math.?")).len(), 0);
        assert_eq!(r.remove(&by_type(HookType::Always)).len(), 0);
        assert_eq!(r.len(), 2);
        assert_eq!(r.remove(&Filter::default()).len(), 2);
        assert!(r.is_empty());
        assert!(r.group_by_text.is_empty() && r.index.is_empty());
        // removal never touches the id counter
        assert_eq!(reg(&mut r, HookType::Before, "x").id, sid("hook-5"));
    }

    #[test]
    fn removing_returns_handles_in_list_order() {
        let mut r = Registry::new(true, None).unwrap();
        let e = reg(&mut r, HookType::Error, "a").handle;
        let b2 = r
            .register(Registration {
                subset: Some("after"),
                ..registration(HookType::Before, "a")
            })
            .unwrap()
            .handle;
        let b1 = reg(&mut r, HookType::Before, "b").handle;
        assert_eq!(r.remove(&Filter::default()), vec![b1, b2, e]);
    }

    /// Slab handles are reused after removal; ids and groups follow.
    #[test]
    fn slab_handles_are_reused() {
        let mut r = Registry::new(true, None).unwrap();
        let hs: Vec<Handle> = (0..4)
            .map(|_| reg(&mut r, HookType::Before, "a.*").handle)
            .collect();
        assert_eq!(hs, [0, 1, 2, 3]);
        r.remove(&by_id("hook-2"));
        let again = reg(&mut r, HookType::After, "b");
        assert_eq!(again.handle, 1);
        assert_eq!(r.info(1).unwrap().id, sid("hook-5"));
        assert_eq!(r.info(1).unwrap().hook_type, HookType::After);
        assert_eq!(r.handle_of(&sid("hook-2")), None);
        assert_eq!(r.handle_of(&sid("hook-5")), Some(1));
        // the reused slot sorts by its new registration, not its slot number
        assert_eq!(
            list_ids(&r, &Filter::default(), EnabledFilter::Any),
            ["hook-1", "hook-3", "hook-4", "hook-5"]
        );
        assert_eq!(r.hooks.len(), 4);
        r.remove(&Filter::default());
        for i in 0..4 {
            assert!(reg(&mut r, HookType::Before, "z").handle < 4, "{i}");
        }
        assert_eq!(r.hooks.len(), 4);
        assert_eq!(reg(&mut r, HookType::Before, "z").handle, 4);
    }

    /// Groups are shared by identical pattern strings and dropped with their last hook.
    #[test]
    fn pattern_groups_are_refcounted() {
        let mut r = Registry::new(true, None).unwrap();
        let a = reg(&mut r, HookType::Before, "math.*");
        let b = reg(&mut r, HookType::After, "math.*");
        let g = r.info(a.handle).unwrap().group;
        assert_eq!(r.info(b.handle).unwrap().group, g);
        assert_eq!(r.group_by_text.len(), 1);
        r.remove(&Filter {
            id: Some(a.id),
            ..Filter::default()
        });
        assert_eq!(r.group_by_text.get("math.*"), Some(&g));
        r.remove(&Filter {
            id: Some(b.id),
            ..Filter::default()
        });
        assert!(r.group_by_text.is_empty());
        assert!(r.groups.iter().all(Option::is_none));
        assert_eq!(r.index.candidates("math").count(), 0);
        // the group slot is reused
        let c = reg(&mut r, HookType::Before, "**");
        assert_eq!(r.info(c.handle).unwrap().group, g);
    }

    /// §7.1: a filter's type is exactly one of the four.
    #[test]
    fn filter_types_parse_exactly() {
        for t in HookType::ALL {
            assert_eq!(Filter::parse_type(t.as_str()), Ok(t));
        }
        for bad in ["Before", "", "hook"] {
            let e = Filter::parse_type(bad).unwrap_err();
            assert_eq!(e.code(), "INVALID_HOOK_FILTER");
            assert_eq!(
                e,
                Error::InvalidHookFilter {
                    hook_type: bad.into()
                }
            );
        }
    }

    /// §7.4 with §11 (a): type → subset → registration order; glob over strings.
    #[test]
    fn list_order_and_filters() {
        let mut r = Registry::new(true, None).unwrap();
        reg(&mut r, HookType::After, "math.add"); // hook-1
        reg(&mut r, HookType::Before, "**"); // hook-2
        reg(&mut r, HookType::Before, "math.*"); // hook-3
        r.register(Registration {
            subset: Some("before"),
            ..registration(HookType::Before, "math.add")
        })
        .unwrap(); // hook-4
        reg(&mut r, HookType::Error, "1"); // hook-5
        reg(&mut r, HookType::Before, "1"); // hook-6: integer-like patterns get no precedence
        let any = EnabledFilter::Any;
        assert_eq!(
            list_ids(&r, &Filter::default(), any),
            ["hook-4", "hook-2", "hook-3", "hook-6", "hook-1", "hook-5"]
        );
        // the glob "math.*" matches the strings "math.add" and "math.*", not "**"
        assert_eq!(
            list_ids(&r, &by_pattern("math.*"), any),
            ["hook-4", "hook-3", "hook-1"]
        );
        assert_eq!(
            list_ids(&r, &by_pattern("*"), any),
            ["hook-2", "hook-6", "hook-5"]
        );
        assert_eq!(list_ids(&r, &by_pattern(""), any).len(), 6);
        assert_eq!(
            list_ids(&r, &by_pattern("{1,math.add}"), any),
            ["hook-4", "hook-6", "hook-1", "hook-5"]
        );
        assert_eq!(list_ids(&r, &by_type(HookType::Error), any), ["hook-5"]);
        let typed_glob = Filter {
            hook_type: Some(HookType::Before),
            pattern: Some("math.*".into()),
            ..Filter::default()
        };
        assert_eq!(list_ids(&r, &typed_glob, any), ["hook-4", "hook-3"]);
        // enabled filter
        r.set_enabled(&by_id("hook-3"), false);
        assert_eq!(
            list_ids(&r, &Filter::default(), EnabledFilter::Only(false)),
            ["hook-3"]
        );
        assert_eq!(
            list_ids(&r, &Filter::default(), EnabledFilter::Only(true)).len(),
            5
        );
        assert!(list_ids(&r, &Filter::default(), EnabledFilter::Nothing).is_empty());
        // id: only that hook, subject to the enabled filter; other keys ignored
        let id_glob = Filter {
            id: Some(sid("hook-3")),
            pattern: Some("{}".into()),
            hook_type: Some(HookType::Error),
        };
        assert_eq!(list_ids(&r, &id_glob, any), ["hook-3"]);
        assert_eq!(
            list_ids(&r, &id_glob, EnabledFilter::Only(false)),
            ["hook-3"]
        );
        assert!(list_ids(&r, &id_glob, EnabledFilter::Only(true)).is_empty());
        assert!(list_ids(&r, &id_glob, EnabledFilter::Nothing).is_empty());
        assert!(list_ids(&r, &by_id("nope"), any).is_empty());
        // compile errors of the glob
        for (p, code) in [
            ("{}", "INVALID_HOOK_PATTERN"),
            (
                "{a}{b}{c}{d}{e}{f}{g}{h}{i}{j}",
                "HOOK_BRACE_EXPANSION_MAX_DEPTH",
            ),
        ] {
            assert_eq!(r.list(&by_pattern(p), any).unwrap_err().code(), code);
        }
    }

    /// §6: construction, the sequence, errors changing nothing.
    #[test]
    fn path_filter_spec_6() {
        let mut r = Registry::new(true, None).unwrap();
        assert_eq!(
            r.filter_state(),
            FilterState {
                active: false,
                patterns: vec![]
            }
        );
        assert!(r.path_passes_filter("anything"));
        assert_eq!(r.enable_pattern("a.*").unwrap(), 1);
        assert_eq!(r.enable_pattern("a.*").unwrap(), 1);
        assert_eq!(r.disable_pattern("nope"), 1);
        assert!(r.path_passes_filter("a.x") && !r.path_passes_filter("b.x"));
        // compiled matcher only: no identical-string shortcut
        assert_eq!(r.enable_pattern("{b,c}.x").unwrap(), 2);
        assert!(r.path_passes_filter("b.x") && !r.path_passes_filter("{b,c}.x"));
        assert_eq!(r.filter_state().patterns, ["a.*", "{b,c}.x"]);
        assert_eq!(r.disable_pattern("a.*"), 1);
        assert_eq!(r.disable_pattern("{b,c}.x"), 0);
        assert!(!r.filter_active());
        assert!(r.path_passes_filter("z"));
        r.reset_pattern_filter();
        assert!(!r.filter_active());
        for (p, code) in [
            ("{}", "INVALID_HOOK_PATTERN"),
            (
                "{a}{b}{c}{d}{e}{f}{g}{h}{i}{j}",
                "HOOK_BRACE_EXPANSION_MAX_DEPTH",
            ),
        ] {
            let g = r.generation();
            assert_eq!(r.enable_pattern(p).unwrap_err().code(), code);
            assert_eq!(r.generation(), g);
        }
        assert!(!r.filter_active());
        // "**" while active widens the filter but keeps it active
        r.enable_pattern("x").unwrap();
        assert_eq!(r.enable_pattern("**").unwrap(), 2);
        assert!(r.filter_active() && r.path_passes_filter("q.r"));
        assert!(!r.path_passes_filter("a\nb"));
    }

    #[test]
    fn configured_path_filter() {
        let mut c = Registry::new(true, Some("db.*")).unwrap();
        assert_eq!(
            c.filter_state(),
            FilterState {
                active: true,
                patterns: vec!["db.*".into()]
            }
        );
        assert!(!c.path_passes_filter("x") && c.path_passes_filter("db.q"));
        assert_eq!(c.enable_pattern("x").unwrap(), 2);
        assert_eq!(c.disable_pattern("db.*"), 1);
        assert_eq!(c.disable_pattern("x"), 0);
        assert!(c.path_passes_filter("x"));
        c.reset_pattern_filter();
        assert_eq!(c.filter_state().patterns, ["db.*"]);
        assert!(!c.path_passes_filter("x") && c.path_passes_filter("db.q"));
        // "false" is an ordinary pattern
        let f = Registry::new(false, Some("false")).unwrap();
        assert!(f.path_passes_filter("false") && !f.path_passes_filter("true"));
        for none in [None, Some(""), Some("**")] {
            let r = Registry::new(true, none).unwrap();
            assert!(!r.filter_active(), "{none:?}");
            assert!(r.filter_state().patterns.is_empty());
        }
        for (p, code) in [
            ("{}", "INVALID_HOOK_PATTERN"),
            (
                "{a}{b}{c}{d}{e}{f}{g}{h}{i}{j}",
                "HOOK_BRACE_EXPANSION_MAX_DEPTH",
            ),
            (&*"a".repeat(70_000), "HOOK_PATTERN_TOO_COMPLEX"),
        ] {
            assert_eq!(
                Registry::new(true, Some(p)).err().map(|e| e.code()),
                Some(code)
            );
        }
        assert!(!Registry::new(false, None).unwrap().enabled());
    }

    #[test]
    fn generation_bumps_on_every_change() {
        let mut r = Registry::new(false, None).unwrap();
        let mut last = r.generation();
        let mut changed = |r: &Registry, what: &str| {
            assert_ne!(r.generation(), last, "{what}");
            last = r.generation();
        };
        let a = reg(&mut r, HookType::Before, "a");
        changed(&r, "register");
        r.set_global_enabled(true);
        changed(&r, "global flag");
        r.set_enabled(&Filter::default(), false);
        changed(&r, "disable");
        r.set_enabled(&by_id("nope"), true);
        changed(&r, "enable (visited nothing)");
        r.enable_pattern("x").unwrap();
        changed(&r, "enable_pattern");
        r.enable_pattern("x").unwrap();
        changed(&r, "enable_pattern again");
        r.disable_pattern("x");
        changed(&r, "disable_pattern");
        r.reset_pattern_filter();
        changed(&r, "reset_pattern_filter");
        r.remove(&Filter {
            id: Some(a.id),
            ..Filter::default()
        });
        changed(&r, "remove");
        r.clear_all();
        changed(&r, "clear_all");
        let len = r.len();
        r.invalidate();
        changed(&r, "invalidate");
        assert_eq!(r.len(), len, "invalidate changes nothing else");

        // no change, no bump
        let g = r.generation();
        r.set_global_enabled(true);
        r.remove(&by_id("nope"));
        r.disable_pattern("nope");
        let _ = r.register(registration(HookType::Before, "{}"));
        let _ = r.list(&Filter::default(), EnabledFilter::Any);
        assert_eq!(r.generation(), g);
    }

    #[test]
    fn generation_wraps() {
        let mut r = Registry::new(true, None).unwrap();
        r.generation = u32::MAX;
        reg(&mut r, HookType::Before, "a");
        assert_eq!(r.generation(), 0);
    }

    #[test]
    fn clear_all_resets_counter_and_keeps_flags() {
        let mut r = Registry::new(false, Some("x.*")).unwrap();
        reg(&mut r, HookType::Before, "a");
        reg(&mut r, HookType::Before, "b");
        r.enable_pattern("y").unwrap();
        r.clear_all();
        assert!(r.is_empty());
        assert_eq!(
            reg(&mut r, HookType::Before, "a"),
            Registered {
                handle: 0,
                id: sid("hook-1")
            }
        );
        assert_eq!(r.filter_state().patterns, ["x.*", "y"]);
        assert!(!r.enabled());
    }

    #[test]
    fn many_hooks_remove_in_linear_time() {
        let mut r = Registry::new(true, None).unwrap();
        for _ in 0..50_000 {
            reg(&mut r, HookType::Before, "**");
        }
        let start = std::time::Instant::now();
        assert_eq!(r.remove(&by_pattern("**")).len(), 50_000);
        assert!(start.elapsed() < std::time::Duration::from_secs(2));
        assert!(r.is_empty() && r.group_by_text.is_empty());
    }

    #[test]
    fn non_ascii_patterns_and_ids() {
        let mut r = Registry::new(true, None).unwrap();
        let h = reg_id(&mut r, HookType::Before, "数学.*", "ид");
        assert_eq!(r.handle_of(&sid("ид")), Some(h));
        assert_eq!(r.set_enabled(&by_pattern("数学.*"), false), 1);
        assert_eq!(
            list_ids(&r, &by_pattern("数?.*"), EnabledFilter::Any),
            ["ид"]
        );
    }
}
