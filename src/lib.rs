//! napi bindings for slothook: a thin layer over `slothook-core`.
//!
//! Everything that *decides* lives in the core crate; this file converts
//! arguments and results, publishes the generation counter and the global
//! `enabled` flag into a shared `Uint32Array` (so the JS call path reads them
//! without crossing into Rust), and turns panics into `INTERNAL_ERROR`
//! instead of aborting the process: every exported function and method runs
//! its work under [`guard`].
//!
//! What crosses, and how:
//!
//! * [`vocabulary`]: the core's closed vocabularies and limits, read once by
//!   `lib/native.js`; the JS layer never retypes them.
//! * `NativeEngine.register(typePattern, pattern, patternProblem, id,
//!   opaqueId, subset, priority)`: one registration, one crossing, with the
//!   type pattern unparsed (the core parses it, once). The stored record
//!   comes back whole from the same call without allocating: its numbers
//!   (handle, type, subset, legacy form, where the pattern sits in the type
//!   pattern, registration order) in the engine's shared state array
//!   ([`StateSlots`]), its one string, a generated id, as the return value.
//! * Filters: one object `{ id, opaqueId, type, pattern }`; `list` adds its
//!   `enabled` choice ([`Listed`]).
//! * Refusals: a thrown `Error` whose `code` is the core's code and whose own
//!   properties are the variant's fields (see [`Failure`]); a refused
//!   registration also carries `parsed`, what its type pattern parsed to.
//!   The JS layer builds the user-facing error from those fields.
//! * Plans, `list` and `explain`: flat `u32` arrays (documented per method),
//!   the cheapest shape to hand over on the path that builds plans.
//!
//! Why the registration crosses as arguments and its record through the
//! state array, not as `#[napi(object)]`s: an N-API object costs about a
//! whole call's price per property (each is a property lookup or definition
//! through the engine API). Measured on Node 20 (the native calls alone,
//! interleaved, CPU time, min / median of 40 rounds): the old parse +
//! register + id lookup 2.3 / 2.9 µs; one register taking one request object
//! 2.4 / 2.9 µs (with an explicit id 2.4 / 3.1, against 1.9 / 2.3 before);
//! one register taking arguments 1.4 / 1.7 µs (1.4 / 1.7 with an id).
//! Returning the record as an 8-field object would cost another ~2.4 µs.
//! Registration is the one management call that runs thousands of times at
//! start-up; filters and refusals are rare and cross as objects.
//! `bench/registration.mjs` measures whole `on()` calls.
#![deny(clippy::all)]
#![deny(unsafe_op_in_unsafe_fn)]

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicU32, Ordering};

use napi::bindgen_prelude::Uint32Array;
use napi::{Env, Status};
use napi_derive::napi;
use slothook_core::{
    EnabledFilter, Error as CoreError, Filter, HookId, HookType, Pattern, PatternSource, Registry,
    Request, Subset,
};

// The shared state array: slots written here, read by JS between calls.
/// The generation counter.
const STATE_GENERATION: usize = 0;
/// The global `enabled` flag (0/1).
const STATE_ENABLED: usize = 1;
/// The last registration's handle.
const RECORD_HANDLE: usize = 2;
/// Its type, as an index into the vocabulary's `hookTypes`.
const RECORD_TYPE: usize = 3;
/// Its subset, as an index into the vocabulary's `subsets`.
const RECORD_SUBSET: usize = 4;
/// 1 when its type pattern used the deprecated `"type:pattern"` form.
const RECORD_LEGACY: usize = 5;
/// Where the parsed pattern starts in the type pattern (UTF-16 code units).
const RECORD_PATTERN_START: usize = 6;
/// Where it ends.
const RECORD_PATTERN_END: usize = 7;
/// Its registration order, low 32 bits.
const RECORD_ORDER_LOW: usize = 8;
/// High 32 bits.
const RECORD_ORDER_HIGH: usize = 9;
/// The array's length.
const STATE_LEN: usize = 10;

/// Number of native engines alive in this thread's (isolate's) addon instance.
static LIVE_ENGINES: AtomicU32 = AtomicU32::new(0);

// ------------------------------------------------------------------ vocabulary

/// The pattern compiler's size limits (§11 (m)), in bytes or strings.
#[napi(object)]
pub struct Limits {
    pub pattern_bytes: u32,
    pub alternatives: u32,
    pub expanded_bytes: u32,
    pub regex_source_bytes: u32,
    pub compiled_bytes: u32,
}

/// The shared state array's layout: its length and the index of each slot.
#[napi(object)]
pub struct StateSlots {
    pub length: u32,
    pub generation: u32,
    pub enabled: u32,
    pub handle: u32,
    #[napi(js_name = "type")]
    pub hook_type: u32,
    pub subset: u32,
    pub legacy: u32,
    pub pattern_start: u32,
    pub pattern_end: u32,
    pub order_low: u32,
    pub order_high: u32,
}

/// The core's vocabulary: every closed list and limit the JS layer uses,
/// and the layout of the state the engine shares with it.
#[napi(object)]
pub struct Vocabulary {
    /// The hook types, in plan order (a plan's flat layout follows it).
    pub hook_types: Vec<String>,
    /// The subsets, in firing order.
    pub subsets: Vec<String>,
    /// The subset of a hook registered without one.
    pub default_subset: String,
    /// The path-filter pattern that means "no filter" (the normalized config's default).
    pub no_path_filter: String,
    /// Entering this brace-expansion level fails.
    pub max_brace_depth: u32,
    /// Brace groups allowed along one expansion chain.
    pub max_brace_groups: u32,
    pub limits: Limits,
    /// INVALID_TYPE_PATTERN's `expected` for a type pattern that is not a string.
    pub expected_string: String,
    pub state: StateSlots,
}

fn limit(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[napi]
pub fn vocabulary(env: Env) -> napi::Result<Vocabulary> {
    guard(&env, || {
        Ok(Vocabulary {
            hook_types: HookType::ALL
                .iter()
                .map(|t| t.as_str().to_owned())
                .collect(),
            subsets: Subset::ALL.iter().map(|s| s.as_str().to_owned()).collect(),
            default_subset: Subset::DEFAULT.as_str().to_owned(),
            no_path_filter: slothook_core::NO_PATH_FILTER.to_owned(),
            max_brace_depth: slothook_core::MAX_BRACE_DEPTH,
            max_brace_groups: slothook_core::MAX_BRACE_GROUPS,
            limits: Limits {
                pattern_bytes: limit(slothook_core::MAX_PATTERN_BYTES),
                alternatives: limit(slothook_core::MAX_ALTERNATIVES),
                expanded_bytes: limit(slothook_core::MAX_EXPANDED_BYTES),
                regex_source_bytes: limit(slothook_core::MAX_REGEX_SOURCE_BYTES),
                compiled_bytes: limit(slothook_core::MAX_COMPILED_BYTES),
            },
            expected_string: slothook_core::EXPECTED_STRING.to_owned(),
            state: StateSlots {
                length: STATE_LEN as u32,
                generation: STATE_GENERATION as u32,
                enabled: STATE_ENABLED as u32,
                handle: RECORD_HANDLE as u32,
                hook_type: RECORD_TYPE as u32,
                subset: RECORD_SUBSET as u32,
                legacy: RECORD_LEGACY as u32,
                pattern_start: RECORD_PATTERN_START as u32,
                pattern_end: RECORD_PATTERN_END as u32,
                order_low: RECORD_ORDER_LOW as u32,
                order_high: RECORD_ORDER_HIGH as u32,
            },
        })
    })
}

// ------------------------------------------------------------------ refusals

/// Why a call failed, on its way to JS.
enum Failure {
    /// A core refusal: `code` plus the variant's fields.
    Core(CoreError),
    /// A refused registration: the core's refusal and, unless parsing
    /// failed, what the type pattern parsed to.
    Registration(CoreError, Option<ParsedTypePattern>),
    /// An argument the binding cannot use (`INVALID_ARGUMENT`).
    Argument(&'static str, &'static str),
    /// A panic (`INTERNAL_ERROR`).
    Internal(String),
}

impl From<CoreError> for Failure {
    fn from(e: CoreError) -> Self {
        Failure::Core(e)
    }
}

type Outcome<T> = std::result::Result<T, Failure>;

/// The thrown value: an `Error` with `code`, a diagnostic `message` and the
/// fields of the refusal (named as in the core, camelCase).
fn error_object(env: &Env, failure: Failure) -> napi::Result<napi::bindgen_prelude::Object<'_>> {
    let (code, message) = match &failure {
        Failure::Core(e) | Failure::Registration(e, _) => (e.code(), e.to_string()),
        Failure::Argument(_, reason) => ("INVALID_ARGUMENT", (*reason).to_owned()),
        Failure::Internal(what) => ("INTERNAL_ERROR", what.clone()),
    };
    let mut obj = env.create_error(napi::Error::new(Status::GenericFailure, message))?;
    obj.set("code", code)?;
    let core = match failure {
        Failure::Core(e) => e,
        Failure::Registration(e, parsed) => {
            if let Some(parsed) = parsed {
                obj.set("parsed", parsed)?;
            }
            e
        }
        Failure::Argument(argument, reason) => {
            obj.set("argument", argument)?;
            obj.set("reason", reason)?;
            return Ok(obj);
        }
        Failure::Internal(detail) => {
            obj.set("detail", detail)?;
            return Ok(obj);
        }
    };
    match core {
        CoreError::InvalidTypePattern { expected } => obj.set("expected", expected)?,
        CoreError::InvalidHookPattern { pattern, reason } => {
            obj.set("pattern", pattern)?;
            obj.set("reason", reason)?;
        }
        CoreError::BraceExpansionMaxDepth { max_depth } => obj.set("maxDepth", max_depth)?,
        CoreError::PatternTooComplex { pattern, limit } => {
            obj.set("pattern", pattern)?;
            obj.set("limit", limit)?;
        }
        CoreError::DuplicateHookId { id } => obj.set("id", id.as_str())?,
        CoreError::InvalidHookSubset { subset } => obj.set("subset", subset)?,
        CoreError::InvalidHookFilter { hook_type } => obj.set("type", hook_type)?,
    }
    Ok(obj)
}

/// Throws `failure` as its error object; the returned error tells napi-rs
/// that an exception is pending.
fn throw(env: &Env, failure: Failure) -> napi::Error {
    let thrown = catch_unwind(AssertUnwindSafe(|| {
        error_object(env, failure).and_then(|obj| env.throw(obj))
    }));
    match thrown {
        Ok(Ok(())) => napi::Error::new(Status::PendingException, String::new()),
        Ok(Err(e)) => e,
        Err(_) => napi::Error::new(Status::GenericFailure, "INTERNAL_ERROR".to_owned()),
    }
}

/// Runs `f`, turning a Rust panic into an `INTERNAL_ERROR` and a failure
/// into its thrown error object.
fn guard<T>(env: &Env, f: impl FnOnce() -> Outcome<T>) -> napi::Result<T> {
    let outcome = catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_owned());
        Err(Failure::Internal(what))
    });
    outcome.map_err(|failure| throw(env, failure))
}

// ------------------------------------------------------------------ type patterns

/// A parsed `"pattern:type"` (§3.1): the type, the form, and where the
/// pattern sits in the given string, in UTF-16 code units. The JS side takes
/// the pattern from its own string, exact even where this side could not
/// represent it (a lone surrogate arrives here as U+FFFD, one code unit too).
#[napi(object)]
pub struct ParsedTypePattern {
    #[napi(js_name = "type")]
    pub hook_type: String,
    pub legacy: bool,
    pub start: u32,
    pub end: u32,
}

fn utf16_len(s: &str) -> u32 {
    u32::try_from(s.encode_utf16().count()).unwrap_or(u32::MAX)
}

/// Where `p.pattern` sits in `source` (which `p` was parsed from), in UTF-16 code units.
fn utf16_span(source: &str, p: &slothook_core::TypePattern) -> (u32, u32) {
    let start = source.get(..p.start).map_or(0, utf16_len);
    (start, start.saturating_add(utf16_len(&p.pattern)))
}

fn parsed_type_pattern(source: &str, p: slothook_core::TypePattern) -> ParsedTypePattern {
    let (start, end) = utf16_span(source, &p);
    ParsedTypePattern {
        hook_type: p.hook_type.as_str().to_owned(),
        legacy: p.legacy,
        start,
        end,
    }
}

/// Parses `"pattern:type"` alone (a registration parses its own: this is
/// for the caller's error paths and for strings it cannot send exactly).
#[napi]
pub fn parse_type_pattern(env: Env, type_pattern: String) -> napi::Result<ParsedTypePattern> {
    guard(&env, || {
        let p = slothook_core::parse_type_pattern(&type_pattern)?;
        Ok(parsed_type_pattern(&type_pattern, p))
    })
}

// ------------------------------------------------------------------ patterns

/// One compiled pattern, for `diag.hook.compilePattern`.
#[napi]
pub struct NativePattern {
    pattern: Pattern,
}

#[napi]
impl NativePattern {
    #[napi(constructor)]
    pub fn new(env: Env, pattern: String) -> napi::Result<Self> {
        guard(&env, || {
            Ok(NativePattern {
                pattern: Pattern::compile(&pattern)?,
            })
        })
    }

    #[napi]
    pub fn is_match(&self, env: Env, path: String) -> napi::Result<bool> {
        guard(&env, || Ok(self.pattern.is_match(&path)))
    }
}

// ------------------------------------------------------------------ engine objects

/// Which hooks a management call touches (§7); absent fields don't filter.
#[napi(object)]
pub struct HookFilter {
    pub id: Option<String>,
    pub opaque_id: Option<String>,
    #[napi(js_name = "type")]
    pub hook_type: Option<String>,
    pub pattern: Option<String>,
}

/// `list()`'s `enabled` filter (§7.4).
#[napi(string_enum = "lowercase")]
pub enum Listed {
    /// No filter (`enabled` absent).
    Any,
    /// Only enabled hooks (`enabled: true`).
    Enabled,
    /// Only disabled hooks (`enabled: false`).
    Disabled,
    /// A value no flag equals strictly (`enabled: 1`): nothing.
    Neither,
}

fn hook_id(id: Option<String>, opaque_id: Option<String>) -> Option<HookId> {
    match (id, opaque_id) {
        (Some(s), _) => Some(HookId::Str(s)),
        (None, Some(o)) => Some(HookId::Opaque(o)),
        (None, None) => None,
    }
}

fn filter(f: HookFilter) -> Outcome<Filter> {
    Ok(Filter {
        id: hook_id(f.id, f.opaque_id),
        hook_type: f.hook_type.as_deref().map(Filter::parse_type).transpose()?,
        pattern: f.pattern,
    })
}

/// What `explain` knows about a path; hooks are flattened as
/// `[nBefore, nAfter, nAlways, nError, (handle, enabled, willFire)...]`.
#[napi(object)]
pub struct Explained {
    pub enabled: bool,
    pub filter_active: bool,
    pub filter_passes: bool,
    pub hooks: Vec<u32>,
}

/// The global path filter's state.
#[napi(object)]
pub struct FilterState {
    pub active: bool,
    pub patterns: Vec<String>,
}

/// A hook registry with its plans, owned by one JS engine object.
#[napi]
pub struct NativeEngine {
    registry: Registry,
    state: Uint32Array,
}

impl Drop for NativeEngine {
    fn drop(&mut self) {
        LIVE_ENGINES.fetch_sub(1, Ordering::Relaxed);
    }
}

impl NativeEngine {
    fn publish(&mut self) {
        let generation = self.registry.generation();
        let enabled = u32::from(self.registry.enabled());
        // SAFETY: the typed array is kept alive by `self.state`'s reference;
        // JS only reads it between calls, on this same thread.
        let state: &mut [u32] = unsafe { self.state.as_mut() };
        if state.len() > STATE_ENABLED {
            state[STATE_GENERATION] = generation;
            state[STATE_ENABLED] = enabled;
        }
    }

    /// Writes a registration's record into the state array's record slots.
    fn publish_record(&mut self, slots: [(usize, u32); 8]) {
        // SAFETY: as in `publish`.
        let state: &mut [u32] = unsafe { self.state.as_mut() };
        for (slot, value) in slots {
            if let Some(s) = state.get_mut(slot) {
                *s = value;
            }
        }
    }

    /// Runs a mutation under the panic guard and publishes the new state.
    fn mutate<T>(
        &mut self,
        env: &Env,
        f: impl FnOnce(&mut Registry) -> Outcome<T>,
    ) -> napi::Result<T> {
        let r = guard(env, || f(&mut self.registry));
        self.publish();
        r
    }
}

#[napi]
impl NativeEngine {
    /// `state` must be a `Uint32Array` of the vocabulary's `state.length`;
    /// the engine keeps its slots updated (see [`StateSlots`]). `default_pattern` is the
    /// configured path filter (`None`, `""` and the vocabulary's
    /// `noPathFilter` mean none).
    #[napi(constructor)]
    pub fn new(
        env: Env,
        state: Uint32Array,
        enabled: bool,
        default_pattern: Option<String>,
    ) -> napi::Result<Self> {
        let registry = guard(&env, || {
            if state.len() < STATE_LEN {
                return Err(Failure::Argument(
                    "state",
                    "state must have the vocabulary's state.length slots",
                ));
            }
            Ok(Registry::new(enabled, default_pattern.as_deref())?)
        })?;
        LIVE_ENGINES.fetch_add(1, Ordering::Relaxed);
        let mut engine = NativeEngine { registry, state };
        engine.publish();
        Ok(engine)
    }

    /// Native engines alive in this thread's addon instance (worker threads
    /// each have their own).
    #[napi]
    pub fn live_engines() -> u32 {
        LIVE_ENGINES.load(Ordering::Relaxed)
    }

    /// Registers a hook (§3.2 steps 1, 2's override, 4–7 and 11) and
    /// writes its stored record into the state array's record slots.
    ///
    /// | argument | what |
    /// | --- | --- |
    /// | `type_pattern` | the `"pattern:type"` string, unparsed |
    /// | `pattern` | `options.pattern`, when it is a string that can be sent |
    /// | `pattern_problem` | why the pattern that applies (the override, or the parsed one) cannot be sent: a non-string, a lone surrogate |
    /// | `id` / `opaque_id` | a string id / a non-string id's key (`"number:7"`) |
    /// | `subset` | the subset as given (its String()) |
    /// | `priority` | the priority as a number |
    ///
    /// Returns the generated id (`undefined` when the request named one).
    #[napi]
    #[allow(clippy::too_many_arguments)] // one crossing, as arguments: see the module docs
    pub fn register(
        &mut self,
        env: Env,
        type_pattern: String,
        pattern: Option<String>,
        pattern_problem: Option<String>,
        id: Option<String>,
        opaque_id: Option<String>,
        subset: Option<String>,
        priority: f64,
    ) -> napi::Result<Option<String>> {
        let (slots, generated) = self.mutate(&env, |reg| {
            let pattern = match (pattern_problem, &pattern) {
                (Some(reason), _) => PatternSource::Unusable(reason),
                (None, Some(p)) => PatternSource::Override(p),
                (None, None) => PatternSource::Parsed,
            };
            let id = hook_id(id, opaque_id);
            let named = id.is_some();
            let stored = reg
                .on(Request {
                    type_pattern: &type_pattern,
                    pattern,
                    id,
                    subset: subset.as_deref(),
                    priority,
                })
                .map_err(|refused| {
                    let parsed = refused
                        .parsed
                        .map(|p| parsed_type_pattern(&type_pattern, p));
                    Failure::Registration(refused.error, parsed)
                })?;
            let (start, end) = utf16_span(&type_pattern, &stored.parsed);
            let slots = [
                (RECORD_HANDLE, stored.handle),
                (RECORD_TYPE, stored.parsed.hook_type.index() as u32),
                (RECORD_SUBSET, stored.subset.index() as u32),
                (RECORD_LEGACY, u32::from(stored.parsed.legacy)),
                (RECORD_PATTERN_START, start),
                (RECORD_PATTERN_END, end),
                (RECORD_ORDER_LOW, stored.sequence as u32),
                (RECORD_ORDER_HIGH, (stored.sequence >> 32) as u32),
            ];
            let generated = match stored.id {
                HookId::Str(s) if !named => Some(s),
                _ => None,
            };
            Ok((slots, generated))
        })?;
        self.publish_record(slots);
        Ok(generated)
    }

    /// Removes by filter (§7.3); returns the removed handles.
    #[napi]
    pub fn remove(&mut self, env: Env, f: HookFilter) -> napi::Result<Vec<u32>> {
        self.mutate(&env, |reg| Ok(reg.remove(&filter(f)?)))
    }

    /// Sets per-hook enabled flags by filter (§7.2); returns the number visited.
    #[napi]
    pub fn set_enabled(&mut self, env: Env, f: HookFilter, on: bool) -> napi::Result<u32> {
        self.mutate(&env, |reg| Ok(reg.set_enabled(&filter(f)?, on)))
    }

    /// Bumps the generation: every cached plan becomes stale.
    #[napi]
    pub fn invalidate(&mut self, env: Env) -> napi::Result<()> {
        self.mutate(&env, |reg| {
            reg.invalidate();
            Ok(())
        })
    }

    #[napi]
    pub fn set_global_enabled(&mut self, env: Env, on: bool) -> napi::Result<()> {
        self.mutate(&env, |reg| {
            reg.set_global_enabled(on);
            Ok(())
        })
    }

    /// Lists hooks (§7.4) as `[handle, enabled(0/1), ...]` in list order.
    #[napi]
    pub fn list(&self, env: Env, f: HookFilter, enabled: Listed) -> napi::Result<Vec<u32>> {
        guard(&env, || {
            let f = filter(f)?;
            let enabled = match enabled {
                Listed::Any => EnabledFilter::Any,
                Listed::Enabled => EnabledFilter::Only(true),
                Listed::Disabled => EnabledFilter::Only(false),
                Listed::Neither => EnabledFilter::Nothing,
            };
            let handles = self.registry.list(&f, enabled)?;
            let mut out = Vec::with_capacity(handles.len() * 2);
            for h in handles {
                let on = self.registry.info(h).is_some_and(|i| i.enabled);
                out.push(h);
                out.push(u32::from(on));
            }
            Ok(out)
        })
    }

    #[napi]
    pub fn hook_enabled(&self, env: Env, handle: u32) -> napi::Result<bool> {
        guard(&env, || {
            Ok(self.registry.info(handle).is_some_and(|i| i.enabled))
        })
    }

    /// The plan for `path`: `[nBefore, nAfter, nAlways, nError, handles...]`
    /// (the types in the vocabulary's order).
    #[napi]
    pub fn plan(&self, env: Env, path: String) -> napi::Result<Vec<u32>> {
        guard(&env, || {
            let plan = self.registry.plan(&path);
            let total: usize = plan.by_type.iter().map(Vec::len).sum();
            let mut out = Vec::with_capacity(4 + total);
            out.extend(plan.by_type.iter().map(|v| v.len() as u32));
            for v in &plan.by_type {
                out.extend_from_slice(v);
            }
            Ok(out)
        })
    }

    #[napi]
    pub fn explain(&self, env: Env, path: String) -> napi::Result<Explained> {
        guard(&env, || {
            let x = self.registry.explain(&path);
            let mut hooks: Vec<u32> = x.hooks.iter().map(|v| v.len() as u32).collect();
            for v in &x.hooks {
                for h in v {
                    hooks.push(h.handle);
                    hooks.push(u32::from(h.enabled));
                    hooks.push(u32::from(h.will_fire));
                }
            }
            Ok(Explained {
                enabled: x.enabled,
                filter_active: x.filter_active,
                filter_passes: x.filter_passes,
                hooks,
            })
        })
    }

    #[napi]
    pub fn enable_pattern(&mut self, env: Env, pattern: String) -> napi::Result<u32> {
        self.mutate(&env, |reg| Ok(reg.enable_pattern(&pattern)? as u32))
    }

    #[napi]
    pub fn disable_pattern(&mut self, env: Env, pattern: String) -> napi::Result<u32> {
        self.mutate(&env, |reg| Ok(reg.disable_pattern(&pattern) as u32))
    }

    #[napi]
    pub fn reset_pattern_filter(&mut self, env: Env) -> napi::Result<()> {
        self.mutate(&env, |reg| {
            reg.reset_pattern_filter();
            Ok(())
        })
    }

    #[napi]
    pub fn filter_state(&self, env: Env) -> napi::Result<FilterState> {
        guard(&env, || {
            let s = self.registry.filter_state();
            Ok(FilterState {
                active: s.active,
                patterns: s.patterns,
            })
        })
    }

    /// Number of registered hooks.
    #[napi]
    pub fn size(&self) -> u32 {
        self.registry.len() as u32
    }

    /// Removes every hook and resets the id counter (`shutdown`).
    #[napi]
    pub fn clear_all(&mut self, env: Env) -> napi::Result<()> {
        self.mutate(&env, |reg| {
            reg.clear_all();
            Ok(())
        })
    }
}

#[cfg(feature = "test-panic")]
#[napi]
impl NativeEngine {
    /// Panics inside the guarded core path (test builds only), to prove a
    /// panic surfaces as `INTERNAL_ERROR` and the engine keeps working.
    #[napi]
    pub fn panic_for_test(&mut self, env: Env) -> napi::Result<()> {
        self.mutate(&env, |_| panic!("panic requested by a test"))
    }
}
